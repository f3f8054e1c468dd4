/** Parsing and checking configuration files: INI and JSON, malformed input, secrets kept out of messages. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigFileError } from '../src/index.js';
import { parseConfigText, readConfigFile, watchConfigFile } from '../src/config/config-file.js';
import { interpretSections } from '../src/config/settings.js';

const P = '/etc/gcsdk/config';

describe('parseConfigText', () => {
  it('reads INI sections, comments and spacing', () => {
    expect(parseConfigText('; comment\n# other\n[logging]\nlog_level = trace\n\n[retry]\nmax_retries=5\n', P)).toEqual({
      logging: { log_level: 'trace' },
      retry: { max_retries: '5' },
    });
  });

  it('reads JSON, with a BOM', () => {
    expect(parseConfigText('\uFEFF {"general": {"host": "mypurecloud.ie"}}', P)).toEqual({ general: { host: 'mypurecloud.ie' } });
  });

  it('treats an empty file as empty', () => {
    expect(parseConfigText('  \n', P)).toEqual({});
  });

  it.each([
    ['[logging]\nlog_level debug\n', /line 2: expected "key = value" or "\[section\]", found "log_level debug"/],
    ['log_level = debug\n', /line 1: "log_level = debug" comes before any \[section\] header/],
    ['{ "logging": ', /is not valid JSON/],
    ['{ "logging": "trace" }', /section "logging" must be an object/],
  ])('refuses %p', (text, message) => {
    const error = (() => {
      try {
        parseConfigText(text, P);
      } catch (e) {
        return e;
      }
    })() as ConfigFileError;
    expect(error).toBeInstanceOf(ConfigFileError);
    expect(error.message).toMatch(message);
    expect(error.message).toContain(P);
    expect(error.path).toBe(P);
  });

  it('does not echo secret values in messages', () => {
    expect(() => parseConfigText('password = hunter2-secret\n', P)).toThrow(/password = \*\*\*/);
    expect(() => parseConfigText('password = hunter2-secret\n', P)).not.toThrow(/hunter2/);
  });
});

describe('interpretSections', () => {
  it('types every known key from INI strings', () => {
    const { settings, problems } = interpretSections({
      logging: {
        log_level: 'TRACE',
        log_format: 'json',
        log_to_console: 'False',
        log_file_path: '/tmp/x.log',
        log_request_body: 'true',
        log_response_body: 'false',
      },
      reauthentication: { refresh_access_token: 'false', refresh_token_wait_max: '15' },
      general: { live_reload_config: 'true', host: 'mypurecloud.de' },
      gateway: { host: 'gw', protocol: 'http', port: '8080', path_params_login: 'l', path_params_api: 'a' },
      retry: {
        enabled: 'false',
        max_retries: '2',
        base_delay_ms: '10',
        max_delay_ms: '20',
        max_elapsed_ms: '30',
        max_retry_after_seconds: '40',
      },
    });
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      logging: {
        log_level: 'trace',
        log_format: 'json',
        log_to_console: false,
        log_file_path: '/tmp/x.log',
        log_request_body: true,
        log_response_body: false,
      },
      reauthentication: { refresh_access_token: false, refresh_token_wait_max: 15 },
      general: { live_reload_config: true, host: 'mypurecloud.de' },
      gateway: { host: 'gw', protocol: 'http', port: 8080, path_params_login: 'l', path_params_api: 'a' },
      retry: { enabled: false, max_retries: 2, base_delay_ms: 10, max_delay_ms: 20, max_elapsed_ms: 30, max_retry_after_seconds: 40 },
    });
  });

  it('accepts JSON-typed values', () => {
    expect(interpretSections({ retry: { enabled: true, max_retries: 4 } }).settings.retry).toEqual({ enabled: true, max_retries: 4 });
  });

  it('reports and ignores invalid values and unknown keys or sections', () => {
    const { settings, problems } = interpretSections({
      logging: { log_level: 'loud', colour: 'red' },
      retry: { max_retries: '-1', base_delay_ms: 'lots' },
      gateway: { port: '80', password: 'p4ss' },
      extras: {},
    });
    expect(settings.logging).toEqual({});
    expect(settings.retry).toEqual({});
    expect(settings.gateway).toBeUndefined();
    expect(problems).toEqual([
      '[logging] log_level = "loud" is not none, error, debug or trace; ignored',
      'unknown key "colour" in [logging]',
      '[retry] max_retries = "-1" is not a non-negative integer; ignored',
      '[retry] base_delay_ms = "lots" is not a non-negative integer; ignored',
      'unknown section [extras] (known: logging, reauthentication, general, gateway, retry)',
    ]);
  });
});

describe('files', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gcsdk-cf-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gives undefined for a missing file and an error for an unreadable one', () => {
    expect(readConfigFile(join(dir, 'absent'))).toBeUndefined();
    mkdirSync(join(dir, 'a-directory'));
    expect(() => readConfigFile(join(dir, 'a-directory'))).toThrow(/cannot be read \(EISDIR\)/);
  });

  it('watches changes until stopped', async () => {
    const path = join(dir, 'config');
    writeFileSync(path, '[general]\nhost = a\n');
    let changes = 0;
    const stop = watchConfigFile(path, () => changes++, 20);
    // Let the watcher take its first reading before the change.
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(path, '[general]\nhost = bb\n');
    for (let i = 0; i < 200 && changes === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(changes).toBe(1);
    stop();
    writeFileSync(path, '[general]\nhost = ccc\n');
    await new Promise((r) => setTimeout(r, 120));
    expect(changes).toBe(1);
  });
});
