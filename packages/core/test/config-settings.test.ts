/** What configuration-file values mean: typing, validation, unknown names, secrets kept out of problems. */
import { DEFAULT_RETRY_SETTINGS, interpretSections, isSecretKey } from '../src/config/settings.js';

describe('interpretSections', () => {
  it('types every known key from INI strings', () => {
    const { settings, problems } = interpretSections({
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
      gateway: { host: 'gw', protocol: 'http', port: 8080, path_params_login: 'l', path_params_api: 'a', username: 'u', password: 'p' },
      retry: { enabled: false, max_retries: 2, base_delay_ms: 10, max_delay_ms: 20, max_elapsed_ms: 30, max_retry_after_seconds: 40 },
    });
  });

  it('accepts JSON-typed booleans and numbers in every section', () => {
    const { settings, problems } = interpretSections({
      logging: { log_to_console: true, log_request_body: false, log_response_body: true },
      reauthentication: { refresh_access_token: true, refresh_token_wait_max: 0 },
      general: { live_reload_config: false },
      gateway: { host: 'gw', port: 443 },
      retry: { enabled: true, max_retries: 4, max_retry_after_seconds: 3.0 },
    });
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      logging: { log_to_console: true, log_request_body: false, log_response_body: true },
      reauthentication: { refresh_access_token: true, refresh_token_wait_max: 0 },
      general: { live_reload_config: false },
      gateway: { host: 'gw', port: 443 },
      retry: { enabled: true, max_retries: 4, max_retry_after_seconds: 3 },
    });
  });

  it('gives empty sections and no gateway for an empty file', () => {
    expect(interpretSections({})).toEqual({ settings: { logging: {}, reauthentication: {}, general: {}, retry: {} }, problems: [] });
  });

  it.each([
    ['TRUE', true],
    ['False', false],
    ['tRuE', true],
    [' false ', false],
  ])('reads the boolean %p as %p', (raw, expected) => {
    const { settings, problems } = interpretSections({ retry: { enabled: raw }, general: { live_reload_config: raw } });
    expect(problems).toEqual([]);
    expect(settings.retry.enabled).toBe(expected);
    expect(settings.general.live_reload_config).toBe(expected);
  });

  it.each(['yes', '1', '', 'truee', 1, null])('refuses the boolean %p', (raw) => {
    const { settings, problems } = interpretSections({ logging: { log_to_console: raw } });
    expect(settings.logging).toEqual({});
    expect(problems).toEqual([`[logging] log_to_console = ${JSON.stringify(raw)} is not true or false; ignored`]);
  });

  it('reads log levels and formats whatever their case', () => {
    expect(interpretSections({ logging: { log_level: 'DEBUG', log_format: 'Text' } }).settings.logging).toEqual({
      log_level: 'debug',
      log_format: 'text',
    });
    expect(interpretSections({ logging: { log_level: 'None' } }).settings.logging).toEqual({ log_level: 'none' });
  });

  it.each([
    ['0', 0],
    ['007', 7],
    [' 12 ', 12],
    [0, 0],
    [300_000, 300_000],
  ])('reads the integer %p as %p', (raw, expected) => {
    const { settings, problems } = interpretSections({ retry: { max_elapsed_ms: raw } });
    expect(problems).toEqual([]);
    expect(settings.retry.max_elapsed_ms).toBe(expected);
  });

  it.each(['-1', '1.5', '1e3', '0x10', '', 'lots', '10s', '9007199254740993', -3, 1.5, Number.NaN, Infinity, true])(
    'refuses the integer %p',
    (raw) => {
      const { settings, problems } = interpretSections({ reauthentication: { refresh_token_wait_max: raw } });
      expect(settings.reauthentication).toEqual({});
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^\[reauthentication\] refresh_token_wait_max = .* is not a non-negative integer; ignored$/);
    },
  );

  it('keeps a gateway port within 0 to 65535', () => {
    expect(interpretSections({ gateway: { host: 'gw', port: '65535' } }).settings.gateway).toEqual({ host: 'gw', port: 65535 });
    const { settings, problems } = interpretSections({ gateway: { host: 'gw', port: '65536' } });
    expect(settings.gateway).toEqual({ host: 'gw' });
    expect(problems).toEqual(['[gateway] port = "65536" is not a port number (0 to 65535); ignored']);
  });

  it('reports invalid values, unknown keys and unknown sections, and keeps the valid rest', () => {
    const { settings, problems } = interpretSections({
      logging: { log_level: 'loud', colour: 'red', log_format: 'json' },
      retry: { max_retries: 'lots', base_delay_ms: '-1', enabled: 'false' },
      extras: { a: '1' },
    });
    expect(settings.logging).toEqual({ log_format: 'json' });
    expect(settings.retry).toEqual({ enabled: false });
    expect(problems).toEqual([
      '[logging] log_level = "loud" is not none, error, debug or trace; ignored',
      'unknown key "colour" in [logging] (known: log_level, log_format, log_to_console, log_file_path, log_request_body, log_response_body)',
      '[retry] max_retries = "lots" is not a non-negative integer; ignored',
      '[retry] base_delay_ms = "-1" is not a non-negative integer; ignored',
      'unknown section [extras] (known: logging, reauthentication, general, gateway, retry)',
    ]);
  });

  it('matches section and key names exactly, as the reference does', () => {
    const { settings, problems } = interpretSections({ Logging: { log_level: 'trace' }, retry: { Max_Retries: '2' } });
    expect(settings.logging).toEqual({});
    expect(settings.retry).toEqual({});
    expect(problems).toEqual([
      'unknown section [Logging] (known: logging, reauthentication, general, gateway, retry)',
      expect.stringMatching(/^unknown key "Max_Retries" in \[retry\]/),
    ]);
  });

  it('treats names of Object.prototype members as unknown', () => {
    const sections = JSON.parse(
      '{"__proto__": {"x": "1"}, "constructor": {"name": "x"}, "retry": {"toString": "1", "hasOwnProperty": "2"}}',
    );
    const { settings, problems } = interpretSections(sections);
    expect(settings.retry).toEqual({});
    expect(problems).toEqual([
      expect.stringMatching(/^unknown section \[__proto__\]/),
      expect.stringMatching(/^unknown section \[constructor\]/),
      expect.stringMatching(/^unknown key "toString" in \[retry\]/),
      expect.stringMatching(/^unknown key "hasOwnProperty" in \[retry\]/),
    ]);
  });

  it('reports a section that is not an object', () => {
    const { settings, problems } = interpretSections({
      logging: 'trace' as unknown as Record<string, unknown>,
      retry: { enabled: 'true' },
    });
    expect(settings.logging).toEqual({});
    expect(settings.retry).toEqual({ enabled: true });
    expect(problems).toEqual(['[logging] is not a section of settings; ignored']);
  });

  it('leaves the gateway out without a host, and says so', () => {
    for (const gateway of [{ port: '8080', protocol: 'http' }, { host: '' }, { host: ' ' }, { host: 42 }]) {
      const { settings, problems } = interpretSections({ gateway });
      expect(settings.gateway).toBeUndefined();
      expect(problems[problems.length - 1]).toBe('[gateway] has no host; the section is ignored');
    }
  });

  it('trims string values', () => {
    expect(interpretSections({ general: { host: '  mypurecloud.ie ' } }).settings.general).toEqual({ host: 'mypurecloud.ie' });
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
