/** Reading configuration files: INI and JSON, malformed input, secrets kept out of messages, watching without holding the process. */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileStamp, parseConfigText, readConfigFile, watchConfigFile } from '../src/config/config-file.js';
import { interpretSections } from '../src/config/settings.js';
import { ConfigFileError } from '../src/errors.js';

const P = '/home/u/.genesyscloudjavascript/config';

function thrown(run: () => unknown): ConfigFileError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigFileError);
    return error as ConfigFileError;
  }
  throw new Error('expected a ConfigFileError, nothing was thrown');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  for (const start = Date.now(); !condition(); await sleep(10)) {
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
  }
}

describe('parseConfigText: INI', () => {
  it("reads the reference SDK's README example, every value as text", () => {
    const text = [
      '[logging]',
      'log_level = trace',
      'log_format = text',
      'log_to_console = false',
      'log_file_path = /var/log/javascriptsdk.log',
      'log_response_body = false',
      'log_request_body = false',
      '[reauthentication]',
      'refresh_access_token = true',
      'refresh_token_wait_max = 10',
      '[general]',
      'live_reload_config = true',
      'host = https://api.mypurecloud.com',
      '[gateway]',
      'host = mygateway.mydomain.myextension',
      'protocol = https',
      'port = 1443',
      'path_params_login = myadditionalpathforlogin',
      'path_params_api = myadditionalpathforapi',
      'username = username',
      'password = password',
      '[retry]',
      'max_retries = 5',
    ].join('\n');
    const sections = parseConfigText(text, P);
    expect(sections).toEqual({
      logging: {
        log_level: 'trace',
        log_format: 'text',
        log_to_console: 'false',
        log_file_path: '/var/log/javascriptsdk.log',
        log_response_body: 'false',
        log_request_body: 'false',
      },
      reauthentication: { refresh_access_token: 'true', refresh_token_wait_max: '10' },
      general: { live_reload_config: 'true', host: 'https://api.mypurecloud.com' },
      gateway: {
        host: 'mygateway.mydomain.myextension',
        protocol: 'https',
        port: '1443',
        path_params_login: 'myadditionalpathforlogin',
        path_params_api: 'myadditionalpathforapi',
        username: 'username',
        password: 'password',
      },
      retry: { max_retries: '5' },
    });
    const { values, problems } = interpretSections(sections);
    expect(problems).toEqual([]);
    expect(values['logging.log_to_console']).toBe(false);
    expect(values['gateway.port']).toBe(1443);
    expect(values['retry.max_retries']).toBe(5);
  });

  it('strips comments, whole-line and inline (as this package documents), and trims spacing', () => {
    const text =
      '; comment\n# other\n\n  [logging]   ; the logging section\nlog_level = trace            ; none | error | debug | trace\n\tlog_format=json # or text\n';
    expect(parseConfigText(text, P)).toEqual({ logging: { log_level: 'trace', log_format: 'json' } });
  });

  it('keeps ; and # that are quoted or escaped, and unquotes values', () => {
    const text = '[gateway]\npath_params_api = "a;b#c"\npath_params_login = \'x\'\nhost = gw\\;1\n';
    expect(parseConfigText(text, P)).toEqual({ gateway: { path_params_api: 'a;b#c', path_params_login: 'x', host: 'gw;1' } });
  });

  it('accepts "key: value" as the reference does, and splits at the first = or :', () => {
    expect(parseConfigText('[general]\nhost: https://api.mypurecloud.ie\nlive_reload_config:false\n', P)).toEqual({
      general: { host: 'https://api.mypurecloud.ie', live_reload_config: 'false' },
    });
    expect(parseConfigText('[general]\nhost = a:b=c\n', P)).toEqual({ general: { host: 'a:b=c' } });
  });

  it('gives true, false and null as text, and an empty value as an empty string', () => {
    expect(parseConfigText('[x]\na = true\nb = false\nc = null\nd =\n', P)).toEqual({ x: { a: 'true', b: 'false', c: 'null', d: '' } });
  });

  it('keeps a dotted section name flat instead of nesting it', () => {
    expect(parseConfigText('[logging.extra]\na = 1\n[logging]\nlog_level = error\n', P)).toEqual({
      'logging.extra': { a: '1' },
      logging: { log_level: 'error' },
    });
  });

  it('lets the last of repeated keys win and merges repeated sections', () => {
    expect(parseConfigText('[retry]\nmax_retries = 1\nmax_retries = 2\n[general]\nhost = h\n[retry]\nenabled = false\n', P)).toEqual({
      retry: { max_retries: '2', enabled: 'false' },
      general: { host: 'h' },
    });
  });

  it('notes each key given more than once, with the line used', () => {
    const sections = parseConfigText(
      '[retry]\nmax_retries = 1\nenabled = true\n[general]\n[retry]\nmax_retries = 2\nmax_retries = 3\nenabled = false\n',
      P,
    );
    expect(sections).toEqual({ retry: { max_retries: '3', enabled: 'false' }, general: {} });
    expect(interpretSections(sections).problems).toEqual([
      '[retry] max_retries is set on lines 2, 6 and 7; line 7 is used',
      '[retry] enabled is set on lines 3 and 8; line 8 is used',
    ]);
    expect(Object.keys(sections)).toEqual(['retry', 'general']);
    expect(JSON.stringify(sections)).not.toContain('line');
  });

  it('skips a [__proto__] section and a __proto__ key with a note, instead of refusing the file or letting ini drop them unsaid', () => {
    const sections = parseConfigText('[__proto__]\npolluted = 1\n[retry]\n__proto__ = 2\nmax_retries = 4\n[constructor]\nname = x\n', P);
    expect(sections).toEqual({ retry: { max_retries: '4' }, constructor: { name: 'x' } });
    expect(interpretSections(sections).problems).toEqual([
      'line 1: [__proto__] is a reserved name; the section is ignored',
      'line 4: [retry] "__proto__" is a reserved name; ignored',
      expect.stringMatching(/^unknown section \[constructor\]/),
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads CRLF and CR line endings and a BOM', () => {
    expect(parseConfigText('\uFEFF[logging]\r\nlog_level = debug\r\n[retry]\rmax_retries = 1\r', P)).toEqual({
      logging: { log_level: 'debug' },
      retry: { max_retries: '1' },
    });
  });

  it.each(['', '  \n\t\n', '\uFEFF', '; only a comment\n# and another\n'])('treats %p as an empty config', (text) => {
    expect(parseConfigText(text, P)).toEqual({});
  });

  it('names the file, the line number and the line of a malformed entry', () => {
    const error = thrown(() => parseConfigText('[logging]\nlog_format = text\nlog_level debug\n', P));
    expect(error.message).toBe(`config file ${P}, line 3: expected "key = value" or "[section]", found "log_level debug"`);
    expect(error.path).toBe(P);
    expect(error.name).toBe('ConfigFileError');
  });

  it('refuses a key before any section header, as the reference does', () => {
    const error = thrown(() => parseConfigText('\n; header forgotten\nlog_level = debug\n[logging]\n', P));
    expect(error.message).toBe(`config file ${P}, line 3: "log_level = debug" comes before any [section] header`);
  });

  it.each([
    ['[logging\nlog_level = x\n', 1, '"[logging"'],
    ['[]\n', 1, '"[]"'],
    ['[logging] extra\n', 1, '"[logging] extra"'],
    ['[logging]\n= trace\n', 2, '"= trace"'],
    ['[logging]\n"log_level" = trace\n', 2, '"\\"log_level\\" = trace"'],
    ['[logging]\nlog_level[] = trace\n', 2, '"log_level[] = trace"'],
    ['[logging]\r\nlog_level = trace\r\n  continued on the next line\r\n', 3, '"continued on the next line"'],
    ['[log;ging]\n', 1, '"[log;ging]"'],
  ])('refuses %p at line %p', (text, line, found) => {
    const error = thrown(() => parseConfigText(text, P));
    expect(error.message).toBe(`config file ${P}, line ${line}: expected "key = value" or "[section]", found ${found}`);
  });

  it('cuts a long line in a message', () => {
    const error = thrown(() => parseConfigText(`[logging]\n${'x'.repeat(200)}\n`, P));
    expect(error.message).toBe(`config file ${P}, line 2: expected "key = value" or "[section]", found "${'x'.repeat(59)}…"`);
  });

  it.each([
    ['password = hunter2\n', '"password = ***"'],
    ['client_secret: hunter2\n', '"client_secret : ***"'],
    ['[gateway]\npassword hunter2\n', '"password ***"'],
    ['[gateway]\nmy password is hunter2\n', '"***"'],
    ['[gateway]\n"access_token" = hunter2\n', '"\\"access_token\\" = ***"'],
    ['[gateway\npassword = hunter2\n', '"[gateway"'],
    ['[gateway password = hunter2]\n', '"[gateway password = ***"'],
  ])('does not echo the secret in %p', (text, found) => {
    const error = thrown(() => parseConfigText(text, P));
    expect(error.message).toContain(found);
    expect(error.message).not.toContain('hunter2');
  });
});

describe('parseConfigText: JSON', () => {
  it("reads the reference SDK's README example with its types", () => {
    const text = JSON.stringify({
      logging: { log_level: 'trace', log_format: 'text', log_to_console: false, log_file_path: '/var/log/javascriptsdk.log' },
      reauthentication: { refresh_access_token: true, refresh_token_wait_max: 10 },
      general: { live_reload_config: true, host: 'https://api.mypurecloud.com' },
      gateway: { host: 'gw', protocol: 'https', port: 1443, username: 'username', password: 'password' },
      retry: { enabled: false, max_retries: 1 },
    });
    const sections = parseConfigText(text, P);
    expect(sections).toEqual(JSON.parse(text));
    const { values, problems } = interpretSections(sections);
    expect(problems).toEqual([]);
    expect(values).toMatchObject({ 'reauthentication.refresh_access_token': true, 'reauthentication.refresh_token_wait_max': 10 });
    expect(values).toMatchObject({
      'gateway.host': 'gw',
      'gateway.protocol': 'https',
      'gateway.port': 1443,
      'gateway.username': 'username',
      'gateway.password': 'password',
    });
  });

  it('reads JSON after a BOM and leading whitespace', () => {
    expect(parseConfigText('\uFEFF \n {"general": {"host": "mypurecloud.ie"}}', P)).toEqual({ general: { host: 'mypurecloud.ie' } });
    expect(parseConfigText('{}', P)).toEqual({});
  });

  it('names the file, the line and the column of a syntax error', () => {
    const error = thrown(() => parseConfigText('{\n  "logging": { "log_level": "trace" }\n  "retry": {}\n}', P));
    expect(error.message).toMatch(new RegExp(`^config file ${P}, line 3, column 3: not valid JSON: Expected ',' or '}'`));
    expect(error.cause).toBeInstanceOf(SyntaxError);
  });

  it('locates an unexpected token without echoing the text around it', () => {
    const text = '{\n  "gateway": {\n    "host": "gw",\n    "password": hunter2\n  }\n}';
    const error = thrown(() => parseConfigText(text, P));
    expect(error.message).toBe(`config file ${P}, line 4, column 17: not valid JSON: Unexpected token`);
    expect(error.message).not.toMatch(/hunter|unter|"h"|'h'/);
  });

  it('does not echo a short text either', () => {
    expect(thrown(() => parseConfigText('{"password": hunter2}', P)).message).toBe(
      `config file ${P}, line 1, column 14: not valid JSON: Unexpected token`,
    );
    // Short enough for V8 to quote all of it, with no position to find.
    expect(thrown(() => parseConfigText('{"p": secret1}', P)).message).toBe(`config file ${P}: not valid JSON: Unexpected token`);
  });

  it('reports a truncated file', () => {
    expect(thrown(() => parseConfigText('{ "logging": ', P)).message).toBe(
      `config file ${P}: not valid JSON: Unexpected end of JSON input`,
    );
  });

  it.each([
    ['{"logging": "trace", "retry": {"max_retries": 1}}', '[logging] is not a section of settings; ignored'],
    ['{"retry": [1, 2], "general": {}}', '[retry] is not a section of settings; ignored'],
    ['{"general": null}', '[general] is not a section of settings; ignored'],
    ['{"logging": {}, "gateway": 5}', '[gateway] is not a section of settings; ignored'],
  ])('reads %p, leaving the section that is not an object to be reported while the others apply', (text, problem) => {
    const sections = parseConfigText(text, P);
    expect(sections).toEqual(JSON.parse(text));
    expect(interpretSections(sections).problems).toEqual([problem]);
  });

  it('refuses JSON that is not an object: INI unless the text starts with {', () => {
    // An array or a bare value is not JSON to the format detection: it fails as INI, on its first line.
    expect(thrown(() => parseConfigText('[{"logging": {}}]', P)).message).toMatch(/line 1: expected "key = value" or "\[section\]"/);
    expect(thrown(() => parseConfigText('"text"', P)).message).toMatch(/line 1: expected/);
  });
});

describe('readConfigFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gcsdk-cf-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads INI and JSON files', () => {
    writeFileSync(join(dir, 'ini'), '[logging]\nlog_level = debug\n');
    writeFileSync(join(dir, 'json'), '{"logging": {"log_level": "debug", "log_to_console": true}}');
    expect(readConfigFile(join(dir, 'ini'))).toEqual({ logging: { log_level: 'debug' } });
    expect(readConfigFile(join(dir, 'json'))).toEqual({ logging: { log_level: 'debug', log_to_console: true } });
  });

  it('gives undefined for a missing file or directory', () => {
    expect(readConfigFile(join(dir, 'absent'))).toBeUndefined();
    expect(readConfigFile(join(dir, 'no-such-dir', 'config'))).toBeUndefined();
  });

  it('gives an empty config for an empty file', () => {
    writeFileSync(join(dir, 'config'), '');
    expect(readConfigFile(join(dir, 'config'))).toEqual({});
  });

  it('refuses a directory', () => {
    const path = join(dir, 'a-directory');
    mkdirSync(path);
    const error = thrown(() => readConfigFile(path));
    expect(error.message).toBe(`config file ${path} cannot be read: it is a directory`);
    expect(error.path).toBe(path);
  });

  it('refuses a path through a file', () => {
    writeFileSync(join(dir, 'file'), '');
    expect(thrown(() => readConfigFile(join(dir, 'file', 'config'))).message).toMatch(/cannot be read \(ENOTDIR\)$/);
  });

  (process.platform === 'win32' ? it.skip : it)('refuses a FIFO without blocking on it', () => {
    const path = join(dir, 'fifo');
    expect(spawnSync('mkfifo', [path]).status).toBe(0);
    expect(thrown(() => readConfigFile(path)).message).toBe(`config file ${path} cannot be read: not a regular file`);
  });

  // Root reads any file whatever its mode.
  (process.platform === 'win32' || process.getuid?.() === 0 ? it.skip : it)('refuses a file it may not read', () => {
    const path = join(dir, 'config');
    writeFileSync(path, '[logging]\n');
    chmodSync(path, 0o000);
    expect(thrown(() => readConfigFile(path)).message).toBe(`config file ${path} cannot be read (EACCES)`);
  });

  it('refuses a file larger than 1 MiB without parsing it, and reads one of exactly 1 MiB', () => {
    const path = join(dir, 'config');
    const header = '[logging]\nlog_level = debug\n;';
    writeFileSync(path, header + 'x'.repeat(1024 * 1024 - header.length));
    expect(readConfigFile(path)).toEqual({ logging: { log_level: 'debug' } });
    writeFileSync(path, header + 'x'.repeat(1024 * 1024 - header.length + 1));
    expect(thrown(() => readConfigFile(path)).message).toBe(
      `config file ${path} is 1048577 bytes, more than the 1048576 (1 MiB) a configuration file may have`,
    );
  });

  it('throws the parse error of a malformed file, naming it', () => {
    const path = join(dir, 'config');
    writeFileSync(path, '[logging]\nlog_level debug\n');
    const error = thrown(() => readConfigFile(path));
    expect(error.path).toBe(path);
    expect(error.message).toContain(`config file ${path}, line 2:`);
  });
});

describe('watchConfigFile', () => {
  let dir: string;
  let path: string;
  const stops: Array<() => void> = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gcsdk-watch-'));
    path = join(dir, 'config');
  });
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    rmSync(dir, { recursive: true, force: true });
  });

  function watch(intervalMs = 20): { calls: () => number; stop: () => void } {
    let calls = 0;
    const stop = watchConfigFile(path, () => calls++, intervalMs, fileStamp(path));
    stops.push(stop);
    return { calls: () => calls, stop };
  }

  it('picks up a change, and nothing more once stopped', async () => {
    writeFileSync(path, '[general]\nhost = a\n');
    const watcher = watch();
    // Let the watcher take its first reading before the change.
    await sleep(100);
    expect(watcher.calls()).toBe(0);
    writeFileSync(path, '[general]\nhost = bb\n');
    await eventually(() => watcher.calls() > 0);
    expect(watcher.calls()).toBe(1);
    watcher.stop();
    writeFileSync(path, '[general]\nhost = ccc\n');
    await sleep(300);
    expect(watcher.calls()).toBe(1);
  });

  it('reports a file that appears, then disappears', async () => {
    const watcher = watch();
    await sleep(100);
    expect(watcher.calls()).toBe(0);
    writeFileSync(path, '[general]\n');
    await eventually(() => watcher.calls() === 1);
    unlinkSync(path);
    await eventually(() => watcher.calls() === 2);
  });

  it('stops only its own listener', async () => {
    writeFileSync(path, 'a');
    const ours = watch();
    const other = watch();
    await sleep(100);
    ours.stop();
    writeFileSync(path, 'bb');
    await eventually(() => other.calls() === 1);
    expect(ours.calls()).toBe(0);
  });

  it('sees an edit made between the read and the start of the watch', async () => {
    writeFileSync(path, '[general]\nhost = a\n');
    const beforeRead = fileStamp(path);
    writeFileSync(path, '[general]\nhost = bb\n'); // the edit the baseline must not swallow
    let calls = 0;
    stops.push(watchConfigFile(path, () => calls++, 20, beforeRead));
    await eventually(() => calls === 1);
    await sleep(100);
    expect(calls).toBe(1);
  });

  it('holds no handle that keeps the process alive', () => {
    const timers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    const before = timers();
    writeFileSync(path, '');
    const stop = watch().stop;
    expect(timers()).toBe(before);
    stop();
    expect(timers()).toBe(before);
    // The check can fail: a timer that holds the process is counted.
    const held = setInterval(() => undefined, 20);
    expect(timers()).toBe(before + 1);
    clearInterval(held);
  });

  it('lets a Node process that is still watching exit on its own', () => {
    // The real module, run from its source by tsx (whatever it imports).
    const script = [
      "const { writeFileSync } = require('node:fs');",
      `const { fileStamp, watchConfigFile } = require(${JSON.stringify(join(__dirname, '../src/config/config-file.ts'))});`,
      'const path = process.argv[1];',
      "watchConfigFile(path, () => console.log('changed'), 20, fileStamp(path));",
      "setTimeout(() => writeFileSync(path, '[general]\\nhost = changed.example\\n'), 150);",
      '// After this timer only the watcher is left, and it must not hold the process.',
      'setTimeout(() => {}, 600);',
    ].join('\n');
    writeFileSync(path, '[general]\nhost = a\n');
    const child = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', script, path], {
      encoding: 'utf8',
      // Killed (signal SIGTERM) if the watcher held it.
      timeout: 20_000,
    });
    expect(child.stderr).toBe('');
    expect(child.signal).toBeNull();
    expect(child.status).toBe(0);
    expect(child.stdout).toBe('changed\n');
  }, 30_000);
});
