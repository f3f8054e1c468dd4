/** The configuration file as the client uses it: applied at start, reloaded live, errors logged once, no handles left. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient, Configuration } from '../src/index.js';

let dir: string;
let stdout: string[];
const clients: ApiClient[] = [];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gcsdk-config-'));
  stdout = [];
});
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  expect(stdout).toEqual([]);
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function clientWith(text: string, name = 'config'): { client: ApiClient; path: string; lines: string[] } {
  const path = join(dir, name);
  writeFileSync(path, text);
  // What the client reports on stderr, captured from the first line on; stdout must stay empty.
  const lines: string[] = [];
  jest.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
  jest.spyOn(console, 'log').mockImplementation((line: unknown) => void stdout.push(String(line)));
  const client = new ApiClient({ configPath: path });
  clients.push(client);
  return { client, path, lines };
}

/** Waits until `check` passes (the file watcher polls), failing after `ms`. */
async function eventually(check: () => void, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

const INI = `
[logging]
log_level = debug
log_format = json
log_to_console = false
log_request_body = true

[reauthentication]
refresh_access_token = false
refresh_token_wait_max = 3

[general]
live_reload_config = true
host = mypurecloud.jp

[gateway]
host = gw.example.com
protocol = http
port = 8080
path_params_login = login
path_params_api = api

[retry]
max_retries = 5
max_retry_after_seconds = 60
`;

describe('reading the file', () => {
  it('applies every section from INI', () => {
    const { client } = clientWith(INI);
    const config = client.config;
    expect(config.logger.log_level).toBe('debug');
    expect(config.logger.log_format).toBe('json');
    expect(config.logger.log_to_console).toBe(false);
    expect(config.logger.log_request_body).toBe(true);
    expect(config.refresh_access_token).toBe(false);
    expect(config.refresh_token_wait_max).toBe(3);
    expect(config.environment).toBe('mypurecloud.jp');
    expect(config.getConfUrl('login', config.authUrl)).toBe('http://gw.example.com:8080/login');
    expect(client.buildUrl('/api/v2/x', {})).toBe('http://gw.example.com:8080/api/api/v2/x');
    expect(config.retry).toMatchObject({ enabled: true, max_retries: 5, max_retry_after_seconds: 60 });
  });

  it('applies the same from JSON', () => {
    const { client } = clientWith(
      JSON.stringify({ logging: { log_level: 'trace' }, general: { host: 'mypurecloud.de' }, retry: { enabled: false } }),
    );
    expect(client.config.logger.log_level).toBe('trace');
    expect(client.config.environment).toBe('mypurecloud.de');
    expect(client.config.retry.enabled).toBe(false);
  });

  it('reports a malformed file once and keeps the defaults', () => {
    const { client, lines } = clientWith('[logging]\nlog_level debug\n');
    expect(client.config.logger.log_level).toBe('none');
    expect(lines.filter((l) => l.includes('line 2'))).toHaveLength(1);
    client.config.updateConfigFromFile();
    expect(lines.filter((l) => l.includes('line 2'))).toHaveLength(1);
  });

  it('reports a host it cannot use instead of throwing, keeping the environment and applying the rest', () => {
    const { client, path, lines } = clientWith('[general]\nhost = not a host!\n[retry]\nmax_retries = 1\n');
    expect(client.config.environment).toBe('mypurecloud.com');
    expect(client.config.retry.max_retries).toBe(1);
    expect(lines).toEqual([
      `ERROR: Configuration file ${path}: [general] host = "not a host!" is not a host name (such as mypurecloud.ie, or a region such as eu_west_1); ignored`,
    ]);
  });

  it('an explicit setEnvironment survives a reload', () => {
    const { client } = clientWith('[general]\nhost = mypurecloud.jp\n');
    client.setEnvironment('mypurecloud.ie');
    client.config.updateConfigFromFile();
    expect(client.config.environment).toBe('mypurecloud.ie');
  });
});

describe('live reload', () => {
  it('picks up a change, keeps the last good settings on a broken edit, and stops on close()', async () => {
    const { client, path, lines } = clientWith('[logging]\nlog_level = error\n');
    client.config.liveReloadIntervalMs = 20;
    client.config.live_reload_config = false;
    client.config.live_reload_config = true;
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(path, '[logging]\nlog_level = trace\n');
    await eventually(() => expect(client.config.logger.log_level).toBe('trace'));
    await new Promise((r) => setTimeout(r, 50));
    writeFileSync(path, '{ not json');
    await eventually(() => expect(lines.some((l) => l.includes('previous settings kept'))).toBe(true));
    expect(client.config.logger.log_level).toBe('trace');
    client.close();
    writeFileSync(path, '[logging]\nlog_level = debug\n');
    await new Promise((r) => setTimeout(r, 150));
    expect(client.config.logger.log_level).toBe('trace');
  });

  it('is switched off by live_reload_config = false', async () => {
    const { client, path } = clientWith('[general]\nlive_reload_config = false\n[logging]\nlog_level = error\n');
    client.config.liveReloadIntervalMs = 20;
    writeFileSync(path, '[general]\nlive_reload_config = false\n[logging]\nlog_level = trace\n');
    await new Promise((r) => setTimeout(r, 200));
    expect(client.config.logger.log_level).toBe('error');
  });

  it('never keeps a process alive: a script that only creates a client exits by itself', async () => {
    const path = join(dir, 'config');
    writeFileSync(path, '[logging]\nlog_level = error\n');
    const script = `const { ApiClient } = require(${JSON.stringify(join(__dirname, '../src/index.ts'))}); const c = new ApiClient({ configPath: ${JSON.stringify(path)} }); c.config.liveReloadIntervalMs = 10; process.stdout.write(String(c.config.live_reload_config));`;
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill();
        reject(new Error(`the process was kept alive (stderr: ${err})`));
      }, 30_000);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    expect({ code, err }).toEqual({ code: 0, err: '' });
    expect(out.trim()).toBe('true');
  }, 40_000);

  it('a program with a bad configuration file gets the problems on stderr and nothing on stdout', async () => {
    const path = join(dir, 'config');
    writeFileSync(path, '[general]\nhost = not a host!\n[logging]\nlog_level = loud\nlog_to_console = true\n[gateway]\nport = 1\n');
    const script = `const { ApiClient } = require(${JSON.stringify(join(__dirname, '../src/index.ts'))}); const c = new ApiClient({ configPath: ${JSON.stringify(path)} }); c.close();`;
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect({ code, out }).toEqual({ code: 0, out: '' });
    expect(err.trim().split('\n')).toEqual([
      expect.stringContaining('[general] host = "not a host!" is not a host name'),
      expect.stringContaining('[logging] log_level = "loud" is not none, error, debug or trace'),
      expect.stringContaining('[gateway] has no host; its other keys are ignored'),
    ]);
  }, 40_000);

  it('does not read any file when told not to', () => {
    const config = new Configuration({ configPath: join(dir, 'absent'), readConfigFile: false });
    expect(config.config).toBeUndefined();
    config.close();
  });
});
