/** What configuration-file values mean: typing, validation, unknown names, secrets kept out of problems. */
import {
  DEFAULT_RETRY_SETTINGS,
  interpretSections,
  isSecretKey,
  nextFileValues,
  PARSE_NOTES,
  SETTING_KEYS,
  type FileValues,
} from '../src/config/settings.js';

/** The values of one section, keyed as the file writes them. */
function section(values: FileValues, name: string): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([setting]) => setting.startsWith(`${name}.`))
      .map(([setting, value]) => [setting.slice(name.length + 1), value]),
  );
}

describe('interpretSections', () => {
  it('types every known key from INI strings', () => {
    const { values, rejected, problems } = interpretSections({
      logging: {
        log_level: 'trace',
        log_format: 'json',
        log_to_console: 'false',
        log_file_path: '/tmp/x.log',
        log_request_body: 'true',
        log_response_body: 'false',
      },
      reauthentication: { refresh_access_token: 'false', refresh_token_wait_max: '15' },
      general: { live_reload_config: 'true', host: 'mypurecloud.de' },
      gateway: {
        host: 'gw',
        protocol: 'http',
        port: '8080',
        path_params_login: 'l',
        path_params_api: 'a',
        username: 'u',
        password: 'p',
      },
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
    expect(rejected).toEqual([]);
    expect({ ...values }).toEqual({
      'logging.log_level': 'trace',
      'logging.log_format': 'json',
      'logging.log_to_console': false,
      'logging.log_file_path': '/tmp/x.log',
      'logging.log_request_body': true,
      'logging.log_response_body': false,
      'reauthentication.refresh_access_token': false,
      'reauthentication.refresh_token_wait_max': 15,
      'general.live_reload_config': true,
      'general.host': 'mypurecloud.de',
      'gateway.host': 'gw',
      'gateway.protocol': 'http',
      'gateway.port': 8080,
      'gateway.path_params_login': 'l',
      'gateway.path_params_api': 'a',
      'gateway.username': 'u',
      'gateway.password': 'p',
      'retry.enabled': false,
      'retry.max_retries': 2,
      'retry.base_delay_ms': 10,
      'retry.max_delay_ms': 20,
      'retry.max_elapsed_ms': 30,
      'retry.max_retry_after_seconds': 40,
    });
    expect(Object.keys(values).sort()).toEqual([...SETTING_KEYS].sort());
  });

  it('accepts JSON-typed booleans and numbers in every section', () => {
    const { values, problems } = interpretSections({
      logging: { log_to_console: true, log_request_body: false, log_response_body: true },
      reauthentication: { refresh_access_token: true, refresh_token_wait_max: 0 },
      general: { live_reload_config: false },
      gateway: { host: 'gw', port: 443 },
      retry: { enabled: true, max_retries: 4, max_retry_after_seconds: 3.0 },
    });
    expect(problems).toEqual([]);
    expect({ ...values }).toEqual({
      'logging.log_to_console': true,
      'logging.log_request_body': false,
      'logging.log_response_body': true,
      'reauthentication.refresh_access_token': true,
      'reauthentication.refresh_token_wait_max': 0,
      'general.live_reload_config': false,
      'gateway.host': 'gw',
      'gateway.port': 443,
      'retry.enabled': true,
      'retry.max_retries': 4,
      'retry.max_retry_after_seconds': 3,
    });
  });

  it('gives no values for an empty file', () => {
    expect(interpretSections({})).toEqual({ values: {}, rejected: [], problems: [] });
  });

  it.each([
    ['TRUE', true],
    ['False', false],
    ['tRuE', true],
    [' false ', false],
  ])('reads the boolean %p as %p', (raw, expected) => {
    const { values, problems } = interpretSections({ retry: { enabled: raw }, general: { live_reload_config: raw } });
    expect(problems).toEqual([]);
    expect(values['retry.enabled']).toBe(expected);
    expect(values['general.live_reload_config']).toBe(expected);
  });

  it.each(['yes', '1', 'truee', 1])('refuses the boolean %p', (raw) => {
    const { values, rejected, problems } = interpretSections({ logging: { log_to_console: raw } });
    expect(values).toEqual({});
    expect(rejected).toEqual(['logging.log_to_console']);
    expect(problems).toEqual([`[logging] log_to_console = ${JSON.stringify(raw)} is not true or false; ignored`]);
  });

  it.each(['', '  ', null])('takes the empty value %p as not set, in every kind of key', (raw) => {
    const sections = Object.fromEntries(
      ['logging', 'reauthentication', 'general', 'gateway', 'retry'].map((name) => [
        name,
        Object.fromEntries(SETTING_KEYS.filter((k) => k.startsWith(`${name}.`)).map((k) => [k.split('.')[1], raw])),
      ]),
    );
    expect(interpretSections(sections)).toEqual({ values: {}, rejected: [], problems: [] });
  });

  it('reads log levels and formats whatever their case', () => {
    expect(section(interpretSections({ logging: { log_level: 'DEBUG', log_format: 'Text' } }).values, 'logging')).toEqual({
      log_level: 'debug',
      log_format: 'text',
    });
    expect(interpretSections({ logging: { log_level: 'None' } }).values).toEqual({ 'logging.log_level': 'none' });
  });

  it.each([
    ['0', 0],
    ['007', 7],
    [' 12 ', 12],
    [0, 0],
    [300_000, 300_000],
  ])('reads the integer %p as %p', (raw, expected) => {
    const { values, problems } = interpretSections({ retry: { max_elapsed_ms: raw } });
    expect(problems).toEqual([]);
    expect(values['retry.max_elapsed_ms']).toBe(expected);
  });

  it.each(['-1', '1.5', '1e3', '0x10', 'lots', '10s', '9007199254740993', -3, 1.5, Number.NaN, Infinity, true])(
    'refuses the integer %p',
    (raw) => {
      const { values, rejected, problems } = interpretSections({ reauthentication: { refresh_token_wait_max: raw } });
      expect(values).toEqual({});
      expect(rejected).toEqual(['reauthentication.refresh_token_wait_max']);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^\[reauthentication\] refresh_token_wait_max = .* is not a non-negative integer; ignored$/);
    },
  );

  it('keeps a gateway port within 0 to 65535', () => {
    expect(interpretSections({ gateway: { host: 'gw', port: '65535' } }).values).toEqual({ 'gateway.host': 'gw', 'gateway.port': 65535 });
    const { values, problems } = interpretSections({ gateway: { host: 'gw', port: '65536' } });
    expect(values).toEqual({ 'gateway.host': 'gw' });
    expect(problems).toEqual(['[gateway] port = "65536" is not a port number (0 to 65535); ignored']);
  });

  it.each([
    ['mypurecloud.ie', true],
    ['eu_west_1', true],
    ['https://api.mypurecloud.de/', true],
    ['localhost:8443', true],
    ['not a host!', false],
    ['mypurecloud..ie', false],
    ['https://mypurecloud.ie/path', false],
    ['host:99999', false],
  ])('general host %p is a host name: %p', (host, usable) => {
    const { values, problems } = interpretSections({ general: { host } });
    expect(values['general.host'] === host).toBe(usable);
    expect(problems).toEqual(usable ? [] : [expect.stringMatching(/^\[general\] host = .* is not a host name/)]);
  });

  it.each([
    ['gw.example.com', true],
    ['127.0.0.1', true],
    ['[::1]', true],
    ['localhost:8080', true],
    ['https://gw.example.com', false],
    ['gw.example.com/api', false],
    ['gw example', false],
  ])('gateway host %p is usable: %p', (host, usable) => {
    expect(interpretSections({ gateway: { host } }).values['gateway.host'] === host).toBe(usable);
  });

  it('reads the gateway protocol as http or https, and paths without spaces, ? or #', () => {
    const { values, problems } = interpretSections({
      gateway: { host: 'gw', protocol: 'HTTPS', path_params_login: '/a/b-c_d.e~f', path_params_api: 'x y' },
    });
    expect(values).toEqual({ 'gateway.host': 'gw', 'gateway.protocol': 'https', 'gateway.path_params_login': '/a/b-c_d.e~f' });
    expect(problems).toEqual(['[gateway] path_params_api = "x y" is not a URL path (no spaces, ? or #); ignored']);
    expect(interpretSections({ gateway: { host: 'gw', protocol: 'ftp' } }).problems).toEqual([
      '[gateway] protocol = "ftp" is not http or https; ignored',
    ]);
  });

  it('reports invalid values, unknown keys and unknown sections, and keeps the valid rest', () => {
    const { values, rejected, problems } = interpretSections({
      logging: { log_level: 'loud', colour: 'red', log_format: 'json' },
      retry: { max_retries: 'lots', base_delay_ms: '-1', enabled: 'false' },
      extras: { a: '1' },
    });
    expect(values).toEqual({ 'logging.log_format': 'json', 'retry.enabled': false });
    expect(rejected).toEqual(['logging.log_level', 'retry.max_retries', 'retry.base_delay_ms']);
    expect(problems).toEqual([
      '[logging] log_level = "loud" is not none, error, debug or trace; ignored',
      'unknown key "colour" in [logging] (known: log_level, log_format, log_to_console, log_file_path, log_request_body, log_response_body)',
      '[retry] max_retries = "lots" is not a non-negative integer; ignored',
      '[retry] base_delay_ms = "-1" is not a non-negative integer; ignored',
      'unknown section [extras] (known: logging, reauthentication, general, gateway, retry)',
    ]);
  });

  it('matches section and key names exactly, as the reference does, and names the one meant', () => {
    const { values, problems } = interpretSections({ Logging: { log_level: 'trace' }, retry: { Max_Retries: '2' } });
    expect(values).toEqual({});
    expect(problems).toEqual([
      'unknown section [Logging]; did you mean [logging]?',
      'unknown key "Max_Retries" in [retry]; did you mean "max_retries"?',
    ]);
  });

  it('names the section a misplaced key belongs in', () => {
    expect(interpretSections({ general: { log_level: 'x', port: '1' }, gateway: { live_reload_config: 'true' } }).problems).toEqual([
      'unknown key "log_level" in [general]; it belongs in [logging]',
      'unknown key "port" in [general]; it belongs in [gateway]',
      'unknown key "live_reload_config" in [gateway]; it belongs in [general]',
    ]);
  });

  it('treats names of Object.prototype members as unknown', () => {
    const sections = JSON.parse(
      '{"__proto__": {"x": "1"}, "constructor": {"name": "x"}, "retry": {"toString": "1", "hasOwnProperty": "2", "__proto__": {"max_retries": 1}}}',
    );
    const { values, problems } = interpretSections(sections);
    expect(values).toEqual({});
    expect(problems).toEqual([
      expect.stringMatching(/^unknown section \[__proto__\]/),
      expect.stringMatching(/^unknown section \[constructor\]/),
      expect.stringMatching(/^unknown key "toString" in \[retry\]/),
      expect.stringMatching(/^unknown key "hasOwnProperty" in \[retry\]/),
      expect.stringMatching(/^unknown key "__proto__" in \[retry\]/),
    ]);
  });

  it('shows odd names escaped and cut, so that a message stays one line', () => {
    const { problems } = interpretSections({ 'a\nb': {}, retry: { ['k\u0000'.repeat(30)]: 1 } });
    expect(problems[0]).toBe('unknown section [a\\nb] (known: logging, reauthentication, general, gateway, retry)');
    expect(problems[1]).toMatch(/^unknown key "k\\u0000k[^"]{30,38}…" in \[retry\]/);
    expect(problems.join('')).not.toContain('\n');
    expect(problems.join('')).not.toContain('\u0000');
  });

  it('reports a section that is not an object, and reads the others', () => {
    const { values, problems } = interpretSections({
      logging: 'trace' as unknown as Record<string, unknown>,
      general: null as unknown as Record<string, unknown>,
      retry: { enabled: 'true' },
    });
    expect(values).toEqual({ 'retry.enabled': true });
    expect(problems).toEqual(['[logging] is not a section of settings; ignored', '[general] is not a section of settings; ignored']);
  });

  it('says so when the gateway has keys but no host', () => {
    for (const gateway of [
      { port: '8080', protocol: 'http' },
      { host: '', port: '1' },
      { host: ' ', protocol: 'x' },
    ]) {
      const { problems } = interpretSections({ gateway });
      expect(problems[problems.length - 1]).toBe('[gateway] has no host; its other keys are ignored');
    }
    // A refused host is reported as such, not twice.
    expect(interpretSections({ gateway: { host: 42, port: '1' } }).problems).toEqual([
      '[gateway] host = 42 is not a host name or IP address, with no protocol or path; ignored',
    ]);
    expect(interpretSections({ gateway: { host: '' } }).problems).toEqual([]);
  });

  it('trims string values', () => {
    expect(interpretSections({ general: { host: '  mypurecloud.ie ' } }).values).toEqual({ 'general.host': 'mypurecloud.ie' });
  });

  it('reports the notes of the parser first', () => {
    const sections = { retry: { max_retries: '2' } };
    Object.defineProperty(sections, PARSE_NOTES, { value: ['[retry] max_retries is set on lines 2 and 3; line 3 is used'] });
    expect(interpretSections(sections).problems).toEqual(['[retry] max_retries is set on lines 2 and 3; line 3 is used']);
  });

  it('never shows the value of a secret, nor the contents of an object', () => {
    const { problems } = interpretSections({
      gateway: { host: 'gw', password: 1234, username: ['alice'] },
      logging: { log_file_path: { path: 'x' }, log_level: 'x'.repeat(100) },
      reauthentication: { refresh_token_wait_max: 'soon' },
    });
    expect(problems).toEqual([
      '[gateway] password = *** is not a string; ignored',
      '[gateway] username = *** is not a string; ignored',
      '[logging] log_file_path = {…} is not a string; ignored',
      `[logging] log_level = "${'x'.repeat(58)}… is not none, error, debug or trace; ignored`,
      // A flag or a number named like a token is no secret: show it.
      '[reauthentication] refresh_token_wait_max = "soon" is not a non-negative integer; ignored',
    ]);
    expect(problems.join('\n')).not.toContain('1234');
    expect(problems.join('\n')).not.toContain('alice');
  });
});

describe('nextFileValues', () => {
  it('keeps the previous value of a refused key, and drops the keys the file no longer sets', () => {
    const previous: FileValues = { 'retry.max_retries': 5, 'general.host': 'mypurecloud.ie', 'logging.log_level': 'debug' };
    const file = interpretSections({ retry: { max_retries: 'lots' }, general: { host: 'not a host!' } });
    expect(nextFileValues(previous, file)).toEqual({ 'retry.max_retries': 5, 'general.host': 'mypurecloud.ie' });
  });

  it('leaves a refused key absent when it had no previous value', () => {
    expect(nextFileValues({}, interpretSections({ retry: { max_retries: 'lots', enabled: 'false' } }))).toEqual({ 'retry.enabled': false });
  });
});

describe('isSecretKey', () => {
  it.each([
    'password',
    'passwd',
    'client_secret',
    'access_token',
    'refresh_token',
    'username',
    'api_key',
    'apiKey',
    'PRIVATE_KEY',
    'Credentials',
  ])('%s is a secret', (key) => expect(isSecretKey(key)).toBe(true));
  it.each(['host', 'port', 'log_level', 'refresh_access_token', 'refresh_token_wait_max', 'path_params_api', 'max_retries'])(
    '%s is not a secret',
    (key) => expect(isSecretKey(key)).toBe(false),
  );
});

describe('DEFAULT_RETRY_SETTINGS', () => {
  it('holds the documented defaults and cannot be changed', () => {
    expect(DEFAULT_RETRY_SETTINGS).toEqual({
      enabled: true,
      max_retries: 3,
      base_delay_ms: 500,
      max_delay_ms: 30_000,
      max_elapsed_ms: 300_000,
      max_retry_after_seconds: 180,
    });
    expect(Object.isFrozen(DEFAULT_RETRY_SETTINGS)).toBe(true);
  });
});
