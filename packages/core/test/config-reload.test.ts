/**
 * Reloading the configuration file key by key: a bad value is reported and leaves that key alone,
 * a removed key goes back to its default (unless code set it), problems are reported once and on
 * stderr, and nothing a file holds makes the client throw or half-apply it.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Configuration } from '../src/index.js';

let dir: string;
let path: string;
let errors: string[];
let stdout: string[];
const configs: Configuration[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'gcsdk-reload-'));
  path = join(dir, 'config');
  errors = [];
  stdout = [];
  jest.spyOn(console, 'error').mockImplementation((line: unknown) => void errors.push(String(line)));
  jest.spyOn(console, 'warn').mockImplementation((line: unknown) => void errors.push(String(line)));
  jest.spyOn(console, 'log').mockImplementation((line: unknown) => void stdout.push(String(line)));
  const write = process.stdout.write.bind(process.stdout);
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    stdout.push(String(chunk));
    return write(chunk, ...(rest as []));
  });
});
afterEach(() => {
  for (const config of configs.splice(0)) config.close();
  jest.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

function open(text?: string): Configuration {
  if (text !== undefined) writeFileSync(path, text);
  const config = new Configuration({ configPath: path });
  configs.push(config);
  return config;
}

/** Rewrites the file and reloads it at once, as the watcher would a moment later. */
function reload(config: Configuration, text: string | undefined): void {
  if (text === undefined) rmSync(path, { recursive: true, force: true });
  else writeFileSync(path, text);
  config.updateConfigFromFile();
}

/** Every setting the file can touch, as the client sees it. */
function effective(c: Configuration): Record<string, unknown> {
  const l = c.logger;
  return {
    'logging.log_level': l.log_level,
    'logging.log_format': l.log_format,
    'logging.log_to_console': l.log_to_console,
    'logging.log_file_path': l.log_file_path,
    'logging.log_request_body': l.log_request_body,
    'logging.log_response_body': l.log_response_body,
    'reauthentication.refresh_access_token': c.refresh_access_token,
    'reauthentication.refresh_token_wait_max': c.refresh_token_wait_max,
    'general.live_reload_config': c.live_reload_config,
    'general.host': c.host,
    environment: c.environment,
    basePath: c.basePath,
    'gateway.host': c.gateway?.host,
    'gateway.protocol': c.gateway?.protocol,
    'gateway.port': c.gateway?.port,
    'gateway.path_params_login': c.gateway?.path_params_login,
    'gateway.path_params_api': c.gateway?.path_params_api,
    'gateway.username': c.gateway?.username,
    'gateway.password': c.gateway?.password,
    'retry.enabled': c.retry.enabled,
    'retry.max_retries': c.retry.max_retries,
    'retry.base_delay_ms': c.retry.base_delay_ms,
    'retry.max_delay_ms': c.retry.max_delay_ms,
    'retry.max_elapsed_ms': c.retry.max_elapsed_ms,
    'retry.max_retry_after_seconds': c.retry.max_retry_after_seconds,
  };
}

const DEFAULTS: Record<string, unknown> = {
  'logging.log_level': 'none',
  'logging.log_format': 'text',
  'logging.log_to_console': true,
  'logging.log_file_path': undefined,
  'logging.log_request_body': false,
  'logging.log_response_body': false,
  'reauthentication.refresh_access_token': true,
  'reauthentication.refresh_token_wait_max': 10,
  'general.live_reload_config': true,
  'general.host': undefined,
  environment: 'mypurecloud.com',
  basePath: 'https://api.mypurecloud.com',
  'gateway.host': undefined,
  'gateway.protocol': undefined,
  'gateway.port': undefined,
  'gateway.path_params_login': undefined,
  'gateway.path_params_api': undefined,
  'gateway.username': undefined,
  'gateway.password': undefined,
  'retry.enabled': true,
  'retry.max_retries': 3,
  'retry.base_delay_ms': 500,
  'retry.max_delay_ms': 30_000,
  'retry.max_elapsed_ms': 300_000,
  'retry.max_retry_after_seconds': 180,
};

/** What a gateway key is when the gateway is on but the key is not given. */
const GATEWAY_KEY_DEFAULTS: Record<string, unknown> = {
  'gateway.protocol': 'https',
  'gateway.port': -1,
  'gateway.path_params_login': '',
  'gateway.path_params_api': '',
  'gateway.username': undefined,
  'gateway.password': undefined,
};

/** Every key with a value that is not its default. `live_reload_config` stays on, so that turning it off is not what is tested. */
const FULL: Record<string, Record<string, string>> = {
  logging: {
    log_level: 'trace',
    log_format: 'json',
    log_to_console: 'false',
    log_file_path: 'LOG_FILE',
    log_request_body: 'true',
    log_response_body: 'true',
  },
  reauthentication: { refresh_access_token: 'false', refresh_token_wait_max: '3' },
  general: { live_reload_config: 'true', host: 'mypurecloud.jp' },
  gateway: {
    host: 'gw.example.com',
    protocol: 'http',
    port: '8080',
    path_params_login: 'login',
    path_params_api: 'api',
    username: 'user1',
    password: 'pass1-SECRET',
  },
  retry: {
    enabled: 'false',
    max_retries: '5',
    base_delay_ms: '10',
    max_delay_ms: '20',
    max_elapsed_ms: '30',
    max_retry_after_seconds: '40',
  },
};

function fullValues(): Record<string, unknown> {
  return {
    'logging.log_level': 'trace',
    'logging.log_format': 'json',
    'logging.log_to_console': false,
    'logging.log_file_path': join(dir, 'sdk.log'),
    'logging.log_request_body': true,
    'logging.log_response_body': true,
    'reauthentication.refresh_access_token': false,
    'reauthentication.refresh_token_wait_max': 3,
    'general.live_reload_config': true,
    'general.host': 'mypurecloud.jp',
    environment: 'mypurecloud.jp',
    basePath: 'https://api.mypurecloud.jp',
    'gateway.host': 'gw.example.com',
    'gateway.protocol': 'http',
    'gateway.port': 8080,
    'gateway.path_params_login': 'login',
    'gateway.path_params_api': 'api',
    'gateway.username': 'user1',
    'gateway.password': 'pass1-SECRET',
    'retry.enabled': false,
    'retry.max_retries': 5,
    'retry.base_delay_ms': 10,
    'retry.max_delay_ms': 20,
    'retry.max_elapsed_ms': 30,
    'retry.max_retry_after_seconds': 40,
  };
}

/** The FULL file as INI, with one key changed (a string), or left out (null), or one section left out. */
function ini(change: { key?: string; value?: string | null; without?: string } = {}): string {
  const lines: string[] = [];
  for (const [section, entries] of Object.entries(FULL)) {
    if (section === change.without) continue;
    lines.push(`[${section}]`);
    for (const [key, raw] of Object.entries(entries)) {
      const value = `${section}.${key}` === change.key ? change.value : raw === 'LOG_FILE' ? join(dir, 'sdk.log') : raw;
      if (value !== null && value !== undefined) lines.push(`${key} = ${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** What the settings are when `key` is at its default and everything else is FULL. */
function fullWithDefault(...keys: string[]): Record<string, unknown> {
  const expected = fullValues();
  for (const key of keys) {
    if (key === 'gateway.host') for (const k of Object.keys(expected).filter((k) => k.startsWith('gateway.'))) expected[k] = DEFAULTS[k];
    else if (key === 'general.host')
      Object.assign(expected, { 'general.host': undefined, environment: DEFAULTS['environment'], basePath: DEFAULTS['basePath'] });
    else expected[key] = key in GATEWAY_KEY_DEFAULTS && expected['gateway.host'] ? GATEWAY_KEY_DEFAULTS[key] : DEFAULTS[key];
  }
  return expected;
}

const problemsAbout = (text: string) => errors.filter((line) => line.includes(text));

// A value each key refuses, written as INI text.
const BAD: Array<[string, string]> = [
  ['logging.log_level', 'loud'],
  ['logging.log_format', 'xml'],
  ['logging.log_to_console', 'nope'],
  ['logging.log_request_body', 'yes'],
  ['logging.log_response_body', '1'],
  ['reauthentication.refresh_access_token', 'ja'],
  ['reauthentication.refresh_token_wait_max', '1.5'],
  ['general.live_reload_config', 'maybe'],
  ['general.host', 'not a host!'],
  ['gateway.host', 'https://gw.example.com/x'],
  ['gateway.protocol', 'ftp'],
  ['gateway.port', '99999'],
  ['gateway.path_params_login', 'log in?x'],
  ['gateway.path_params_api', 'a b'],
  ['retry.enabled', 'on'],
  ['retry.max_retries', 'lots'],
  ['retry.base_delay_ms', '-1'],
  ['retry.max_delay_ms', '1e3'],
  ['retry.max_elapsed_ms', '10s'],
  ['retry.max_retry_after_seconds', '0x10'],
];

describe('each key on its own', () => {
  it('applies every key of a good file', () => {
    const config = open(ini());
    expect(effective(config)).toEqual(fullValues());
    expect(errors).toEqual([]);
  });

  it.each(BAD)('a bad %s = %p is reported once and keeps its default; every other key is applied', (key, bad) => {
    const config = open(ini({ key, value: bad }));
    expect(effective(config)).toEqual(fullWithDefault(key));
    const [section, name] = key.split('.') as [string, string];
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`Configuration file ${path}: [${section}] ${name} = `);
    expect(errors[0]).toMatch(/; ignored/);
    // Reloading the same file says nothing new.
    config.updateConfigFromFile();
    config.updateConfigFromFile();
    expect(errors).toHaveLength(1);
  });

  it.each(BAD)('a bad %s = %p on reload keeps the value it had; every other key is applied', (key, bad) => {
    const config = open(ini());
    reload(config, ini({ key, value: bad }));
    expect(effective(config)).toEqual(fullValues());
    expect(errors).toHaveLength(1);
    // Then removed: its default (a gateway's other keys without a host are reported).
    reload(config, ini({ key, value: null }));
    expect(effective(config)).toEqual(fullWithDefault(key));
    expect(errors.slice(1)).toEqual(
      key === 'gateway.host' ? [expect.stringContaining('[gateway] has no host; its other keys are ignored')] : [],
    );
  });

  it('never shows the value of a secret-looking key', () => {
    const config = open(JSON.stringify({ gateway: { host: 'gw.example.com', password: 12345, username: { name: 'alice' } } }));
    expect(config.gateway).toMatchObject({ host: 'gw.example.com' });
    expect(config.gateway?.password).toBeUndefined();
    expect(errors).toEqual([
      `ERROR: Configuration file ${path}: [gateway] password = *** is not a string; ignored`,
      `ERROR: Configuration file ${path}: [gateway] username = *** is not a string; ignored`,
    ]);
  });
});

describe('the rejected host no longer sticks', () => {
  it('is not kept in config.host, not reported for a later file without a host line, and leaves the rest applied', () => {
    const config = open('[general]\nhost = not a host!\n[logging]\nlog_level = debug\n[retry]\nmax_retries = 1\n');
    expect(config.host).toBeUndefined();
    expect(config.environment).toBe('mypurecloud.com');
    expect(config.logger.log_level).toBe('debug');
    expect(config.retry.max_retries).toBe(1);
    expect(problemsAbout('host')).toHaveLength(1);
    reload(config, '[logging]\nlog_level = error\n');
    expect(config.logger.log_level).toBe('error');
    expect(config.retry.max_retries).toBe(3);
    expect(problemsAbout('host')).toHaveLength(1);
    expect(errors).toHaveLength(1);
  });

  it('removing a good host restores the default environment, not the old host', () => {
    const config = open('[general]\nhost = mypurecloud.ie\n');
    expect(config.environment).toBe('mypurecloud.ie');
    reload(config, '[general]\n');
    expect(config.host).toBeUndefined();
    expect(config.environment).toBe('mypurecloud.com');
    expect(config.authUrl).toBe('https://login.mypurecloud.com');
  });

  it('reads a host as setEnvironment does: a region key, a URL, an api. prefix', () => {
    const config = open('[general]\nhost = eu_west_1\n');
    expect(config.environment).toBe('mypurecloud.ie');
    reload(config, '[general]\nhost = https://api.mypurecloud.de/\n');
    expect(config.environment).toBe('mypurecloud.de');
    expect(errors).toEqual([]);
  });
});

describe('removing keys, sections and the file', () => {
  it.each(Object.keys(DEFAULTS).filter((k) => k.includes('.') && k !== 'general.live_reload_config'))(
    'removing %s restores its default; the other keys stay',
    (key) => {
      const config = open(ini());
      reload(config, ini({ key, value: null }));
      expect(effective(config)).toEqual(fullWithDefault(key));
      // The gateway's other keys are still there: they are reported as unused.
      expect(errors).toEqual(key === 'gateway.host' ? [expect.stringContaining('[gateway] has no host; its other keys are ignored')] : []);
    },
  );

  it.each(Object.keys(FULL))('removing the section [%s] restores the defaults of its keys', (section) => {
    const config = open(ini());
    reload(config, ini({ without: section }));
    const keys = Object.keys(FULL[section]!).map((key) => `${section}.${key}`);
    expect(effective(config)).toEqual(fullWithDefault(...keys));
  });

  it('removing the file restores every default, and a new file applies again', () => {
    const config = open(ini());
    reload(config, undefined);
    expect(effective(config)).toEqual(DEFAULTS);
    expect(config.config).toBeUndefined();
    reload(config, ini());
    expect(effective(config)).toEqual(fullValues());
    expect(errors).toEqual([]);
  });

  it('an empty file, and an empty value, mean the defaults', () => {
    const config = open(ini());
    reload(config, '');
    expect(effective(config)).toEqual(DEFAULTS);
    reload(config, ini());
    reload(config, '[logging]\nlog_level =\nlog_to_console =\n[general]\nhost =\n[retry]\nmax_retries =\n');
    expect(effective(config)).toEqual(DEFAULTS);
    expect(errors).toEqual([]);
  });

  it('setConfigPath("") stops using the file: its settings go', () => {
    const config = open(ini());
    config.setConfigPath('');
    expect(effective(config)).toEqual(DEFAULTS);
  });
});

describe('what code sets, and what the file sets', () => {
  it('setEnvironment in code wins over [general] host, through edits and removal; setEnvironment() hands it back', () => {
    const config = open('[general]\nhost = mypurecloud.jp\n');
    config.setEnvironment('mypurecloud.ie');
    reload(config, '[general]\nhost = mypurecloud.de\n');
    expect(config.environment).toBe('mypurecloud.ie');
    reload(config, '[logging]\n');
    expect(config.environment).toBe('mypurecloud.ie');
    reload(config, '[general]\nhost = mypurecloud.de\n');
    config.setEnvironment();
    expect(config.environment).toBe('mypurecloud.de');
    reload(config, '');
    expect(config.environment).toBe('mypurecloud.com');
  });

  it('a setEnvironment that throws changes nothing, and leaves the file in charge', () => {
    const config = open('[general]\nhost = mypurecloud.jp\n');
    expect(() => config.setEnvironment('not a host!')).toThrow(/Invalid environment "not a host!"/);
    expect(config.environment).toBe('mypurecloud.jp');
    reload(config, '[general]\nhost = mypurecloud.de\n');
    expect(config.environment).toBe('mypurecloud.de');
  });

  it('setGateway in code wins over [gateway], including setGateway() that removes it', () => {
    const config = open('[gateway]\nhost = file-gw.example.com\n');
    config.setGateway({ host: 'code-gw.example.com', port: 9000 });
    reload(config, '[gateway]\nhost = other-gw.example.com\nport = 1\n');
    expect(config.gateway).toMatchObject({ host: 'code-gw.example.com', port: 9000 });
    reload(config, '');
    expect(config.gateway).toMatchObject({ host: 'code-gw.example.com' });
    config.setGateway();
    reload(config, '[gateway]\nhost = file-gw.example.com\n');
    expect(config.gateway).toBeUndefined();
  });

  it('a setGateway that throws changes nothing, and leaves the file in charge', () => {
    const config = open('[gateway]\nhost = file-gw.example.com\n');
    expect(() => config.setGateway({ host: 'x', port: 70_000 })).toThrow(/port/);
    expect(config.gateway?.host).toBe('file-gw.example.com');
    reload(config, '[gateway]\nhost = new-gw.example.com\n');
    expect(config.gateway?.host).toBe('new-gw.example.com');
  });

  it('setRetryOptions wins key by key; the keys code did not set follow the file', () => {
    const config = open('[retry]\nmax_retries = 5\nbase_delay_ms = 100\n');
    config.setRetryOptions({ max_retries: 7 });
    reload(config, '[retry]\nmax_retries = 1\nbase_delay_ms = 200\n');
    expect(config.retry).toMatchObject({ max_retries: 7, base_delay_ms: 200 });
    reload(config, '');
    expect(config.retry).toMatchObject({ max_retries: 7, base_delay_ms: 500 });
  });

  it('refresh_access_token and refresh_token_wait_max assigned in code win over [reauthentication]', () => {
    const config = open('[reauthentication]\nrefresh_access_token = true\nrefresh_token_wait_max = 3\n');
    config.refresh_access_token = false;
    config.refresh_token_wait_max = 20;
    reload(config, '[reauthentication]\nrefresh_access_token = true\nrefresh_token_wait_max = 4\n');
    expect([config.refresh_access_token, config.refresh_token_wait_max]).toEqual([false, 20]);
    reload(config, '');
    expect([config.refresh_access_token, config.refresh_token_wait_max]).toEqual([false, 20]);
  });

  it('live_reload_config assigned in code wins over [general]', () => {
    const config = open('[general]\nlive_reload_config = true\n');
    config.live_reload_config = false;
    reload(config, '[general]\nlive_reload_config = true\n');
    expect(config.live_reload_config).toBe(false);
    reload(config, '');
    expect(config.live_reload_config).toBe(false);
  });

  it('a logger setting changed in code survives reloads that leave that key alone, and its removal', () => {
    const config = open('[logging]\nlog_level = error\nlog_format = json\n');
    config.logger.log_level = 'trace';
    config.logger.setLogger();
    // An unrelated edit (the reference resets log_level and log_format to the file's or the default here).
    reload(config, '[logging]\nlog_level = error\nlog_format = json\nlog_request_body = true\n');
    expect(config.logger.log_level).toBe('trace');
    expect(config.logger.log_request_body).toBe(true);
    // The key removed from the file: the value code set stays.
    reload(config, '[logging]\nlog_format = json\n');
    expect(config.logger.log_level).toBe('trace');
  });

  it('a logger key edited in the file wins over code, as the live reload of logging is for', () => {
    const config = open('[logging]\nlog_level = error\n');
    config.logger.log_level = 'none';
    reload(config, '[logging]\nlog_level = debug\n');
    expect(config.logger.log_level).toBe('debug');
    // Now the file's: removing it restores the default.
    reload(config, '[logging]\n');
    expect(config.logger.log_level).toBe('none');
  });

  it('setLogger() alone is not a change made in code', () => {
    const config = open('[logging]\nlog_level = debug\nlog_format = json\n');
    config.logger.setLogger();
    reload(config, '');
    expect([config.logger.log_level, config.logger.log_format]).toEqual(['none', 'text']);
  });
});

describe('reports', () => {
  it('reports a problem once while it stays, and again when it comes back after a fix', () => {
    const config = open('[retry]\nmax_retries = lots\n');
    config.updateConfigFromFile();
    expect(problemsAbout('max_retries')).toHaveLength(1);
    reload(config, '[retry]\nmax_retries = 2\n');
    expect(problemsAbout('max_retries')).toHaveLength(1);
    reload(config, '[retry]\nmax_retries = lots\n');
    expect(problemsAbout('max_retries')).toHaveLength(2);
  });

  it('a file given to setConfigPath is reported on its own, without the problems of the earlier file', () => {
    const config = open('[general]\nhost = not a host!\n');
    const other = join(dir, 'other');
    writeFileSync(other, '[retry]\nmax_retries = lots\n');
    config.setConfigPath(other);
    expect(errors).toEqual([
      `ERROR: Configuration file ${path}: [general] host = "not a host!" is not a host name (such as mypurecloud.ie, or a region such as eu_west_1); ignored`,
      `ERROR: Configuration file ${other}: [retry] max_retries = "lots" is not a non-negative integer; ignored`,
    ]);
    expect(config.host).toBeUndefined();
  });

  it('reports an unreadable file once, keeping the previous settings, and applies it when fixed', () => {
    const config = open(ini());
    reload(config, '[logging]\nlog_level debug\n');
    config.updateConfigFromFile();
    expect(effective(config)).toEqual(fullValues());
    // In the file's log_format, json.
    expect(errors.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        level: 'error',
        message: `Configuration file not applied, previous settings kept: config file ${path}, line 2: expected "key = value" or "[section]", found "log_level debug"`,
      },
    ]);
    reload(config, '[logging]\nlog_level = debug\n');
    expect(config.logger.log_level).toBe('debug');
  });

  it('cuts a flood of problems short', () => {
    const keys = Array.from({ length: 500 }, (_, i) => `unknown_${i} = 1`).join('\n');
    open(`[retry]\n${keys}\nmax_retries = 2\n`);
    expect(errors.length).toBeLessThanOrEqual(21);
    expect(errors[errors.length - 1]).toMatch(/and 480 more problems/);
  });
});

describe('siblings', () => {
  it('a key in the wrong section is reported with where it belongs, and not applied', () => {
    const config = open('[logging]\nhost = mypurecloud.ie\nmax_retries = 2\n');
    expect(config.environment).toBe('mypurecloud.com');
    expect(config.retry.max_retries).toBe(3);
    expect(errors).toEqual([
      expect.stringContaining('unknown key "host" in [logging]; it belongs in [general] or [gateway]'),
      expect.stringContaining('unknown key "max_retries" in [logging]; it belongs in [retry]'),
    ]);
  });

  it('names in another case are reported with the name meant, and not applied', () => {
    const config = open('[Logging]\nlog_level = trace\n[retry]\nMax_Retries = 2\n');
    expect(config.logger.log_level).toBe('none');
    expect(config.retry.max_retries).toBe(3);
    expect(errors).toEqual([
      expect.stringContaining('unknown section [Logging]; did you mean [logging]?'),
      expect.stringContaining('unknown key "Max_Retries" in [retry]; did you mean "max_retries"?'),
    ]);
  });

  it('an unknown section or key is reported, the rest applied', () => {
    const config = open('[extras]\na = 1\n[retry]\ncolour = red\nmax_retries = 2\n');
    expect(config.retry.max_retries).toBe(2);
    expect(errors).toHaveLength(2);
  });

  it('a duplicated INI key is reported, and the last one is used', () => {
    const config = open('[retry]\nmax_retries = 1\nmax_retries = 2\n');
    expect(config.retry.max_retries).toBe(2);
    expect(errors).toEqual([`ERROR: Configuration file ${path}: [retry] max_retries is set on lines 2 and 3; line 3 is used`]);
  });

  it.each([
    ['[__proto__]\npolluted = yes\n[retry]\nmax_retries = 2\n', '[__proto__]'],
    ['[constructor]\nname = x\n[retry]\nmax_retries = 2\n', '[constructor]'],
    ['[retry]\n__proto__ = 1\nconstructor = 2\nmax_retries = 2\n', '"__proto__"'],
    ['{"__proto__": {"polluted": "yes"}, "retry": {"max_retries": 2}}', '[__proto__]'],
    ['{"retry": {"__proto__": {"max_retries": 9}, "constructor": 1, "max_retries": 2}}', '"__proto__"'],
  ])('%p is reported, never applied or merged into a prototype, and the rest is applied', (text, name) => {
    const config = open(text);
    expect(config.retry.max_retries).toBe(2);
    expect(errors.some((line) => line.includes(name))).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'max_retries')).toBe(false);
  });

  it('a huge file is refused without reading it, keeping the previous settings', () => {
    const config = open(ini());
    reload(config, `[logging]\nlog_level = debug\n;${'x'.repeat(2 * 1024 * 1024)}\n`);
    expect(effective(config)).toEqual(fullValues());
    expect(errors).toEqual([
      expect.stringMatching(/config file .* is \d+ bytes, more than the 1048576 \(1 MiB\) a configuration file may have/),
    ]);
  });

  it('a file replaced by a directory is reported, keeping the previous settings', () => {
    const config = open(ini());
    unlinkSync(path);
    mkdirSync(path);
    config.updateConfigFromFile();
    expect(effective(config)).toEqual(fullValues());
    expect(errors).toEqual([expect.stringContaining(`config file ${path} cannot be read: it is a directory`)]);
  });

  it('a gateway with only some keys is reported, and no gateway is used', () => {
    const config = open('[gateway]\nport = 8080\nprotocol = http\n[logging]\nlog_level = debug\n');
    expect(config.gateway).toBeUndefined();
    expect(config.logger.log_level).toBe('debug');
    expect(errors).toEqual([`ERROR: Configuration file ${path}: [gateway] has no host; its other keys are ignored`]);
  });

  it('a gateway without protocol or port gets https and no port', () => {
    const config = open('[gateway]\nhost = gw.example.com\n');
    expect(config.getConfUrl('api', config.basePath)).toBe('https://gw.example.com');
  });

  it('live_reload_config = false stops the watching; removed again, the next read turns it back on', async () => {
    const config = open('[general]\nlive_reload_config = false\n[logging]\nlog_level = error\n');
    config.liveReloadIntervalMs = 20;
    expect(config.live_reload_config).toBe(false);
    writeFileSync(path, '[logging]\nlog_level = debug\n');
    await new Promise((r) => setTimeout(r, 200));
    expect(config.logger.log_level).toBe('error');
    config.updateConfigFromFile();
    expect(config.live_reload_config).toBe(true);
    expect(config.logger.log_level).toBe('debug');
    await new Promise((r) => setTimeout(r, 100));
    writeFileSync(path, '[logging]\nlog_level = trace\n');
    const deadline = Date.now() + 5000;
    while (config.logger.log_level !== 'trace' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(config.logger.log_level).toBe('trace');
  });

  it.each([
    ['a number for a host', { general: { host: 42 } }, '[general] host = 42 is not a host name'],
    ['a number for a string', { logging: { log_file_path: 7 } }, '[logging] log_file_path = 7 is not a string'],
    ['a boolean for a level', { logging: { log_level: true } }, '[logging] log_level = true is not none, error, debug or trace'],
    ['an object for a port', { gateway: { host: 'gw.example.com', port: { n: 1 } } }, '[gateway] port = {…} is not a port number'],
    ['an array for a boolean', { retry: { enabled: [true] } }, '[retry] enabled = […] is not true or false'],
    ['a fraction for an integer', { retry: { max_retries: 1.5 } }, '[retry] max_retries = 1.5 is not a non-negative integer'],
    ['a number for a boolean', { logging: { log_to_console: 0 } }, '[logging] log_to_console = 0 is not true or false'],
  ])('JSON: %s is reported and the key keeps its default', (_, sections, message) => {
    const config = open(JSON.stringify({ ...sections, reauthentication: { refresh_token_wait_max: 4 } }));
    expect(config.refresh_token_wait_max).toBe(4);
    expect(errors).toEqual([expect.stringContaining(message)]);
    const defaults = effective(config);
    delete defaults['reauthentication.refresh_token_wait_max'];
    const expected = { ...DEFAULTS };
    delete expected['reauthentication.refresh_token_wait_max'];
    if ('gateway' in sections) Object.assign(expected, { 'gateway.host': 'gw.example.com', ...GATEWAY_KEY_DEFAULTS });
    expect(defaults).toEqual(expected);
  });

  it('JSON: null means the key is not set; typed values are used as they are', () => {
    const config = open(
      JSON.stringify({
        logging: { log_level: null, log_to_console: false },
        retry: { max_retries: 4, enabled: 'false' },
        gateway: { host: 'gw.example.com', port: 8443 },
      }),
    );
    expect(errors).toEqual([]);
    expect(config.logger.log_level).toBe('none');
    expect(config.logger.log_to_console).toBe(false);
    expect(config.retry).toMatchObject({ max_retries: 4, enabled: false });
    expect(config.gateway).toMatchObject({ host: 'gw.example.com', port: 8443 });
  });

  it('nothing is thrown from the watcher, whatever the file becomes', async () => {
    const config = open('[logging]\nlog_level = error\n');
    config.liveReloadIntervalMs = 20;
    config.live_reload_config = false;
    config.live_reload_config = true;
    const contents = ['[general]\nhost = not a host!\n', '{"general": {"host": {}}}', '{ nope', '[gateway]\nport = x\n'];
    for (const text of contents) {
      await new Promise((r) => setTimeout(r, 60));
      writeFileSync(path, text);
    }
    await new Promise((r) => setTimeout(r, 60));
    unlinkSync(path);
    mkdirSync(path);
    const deadline = Date.now() + 5000;
    while (!errors.some((l) => l.includes('it is a directory')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(errors.some((l) => l.includes('it is a directory'))).toBe(true);
  });
});

describe('SDK problems go to stderr, request logs to the console log', () => {
  it('a problem of the file is written with console.error, nothing on stdout', () => {
    open('[logging]\nlog_level = loud\n[general]\nhost = not a host!\n');
    expect(errors).toHaveLength(2);
    expect(stdout).toEqual([]);
  });

  it('even when the file turns console logging on', () => {
    open('[logging]\nlog_level = trace\nlog_to_console = true\ncolour = red\n');
    expect(errors).toEqual([expect.stringContaining('unknown key "colour"')]);
    expect(stdout).toEqual([]);
  });

  it('request logs keep going to console.log, as the reference (winston Console: stdout)', () => {
    const config = open('[logging]\nlog_level = trace\n');
    config.logger.log('trace', 200, 'GET', 'https://api.mypurecloud.com/api/v2/users/me', {}, {});
    expect(stdout).toEqual([expect.stringMatching(/^TRACE: /)]);
    expect(errors).toEqual([]);
  });
});
