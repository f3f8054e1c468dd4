import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  LogFormat,
  LogLevel,
  Logger,
  type LogEntry,
  type LogEntryLevel,
  type LogFormatName,
  type LogLevelName,
} from '../src/logging/Logger.js';

interface Harness {
  logger: Logger;
  consoleLines: string[];
  fileWrites: Array<{ path: string; text: string }>;
}

function harness(
  settings: Partial<
    Pick<Logger, 'log_level' | 'log_format' | 'log_to_console' | 'log_file_path' | 'log_request_body' | 'log_response_body'>
  > = {},
): Harness {
  const consoleLines: string[] = [];
  const fileWrites: Array<{ path: string; text: string }> = [];
  const logger = new Logger({ console: (line) => consoleLines.push(line), appendToFile: (p, text) => fileWrites.push({ path: p, text }) });
  Object.assign(logger, settings);
  logger.setLogger();
  return { logger, consoleLines, fileWrites };
}

const URL = 'https://api.mypurecloud.com/api/v2/users/me?expand=presence';
const REQUEST_HEADERS = { 'Content-Type': 'application/json', Authorization: 'Bearer plain-token-1' };
const RESPONSE_HEADERS = { 'content-type': 'application/json', 'inin-correlation-id': 'corr-123' };

function logAt(
  logger: Logger,
  level: LogEntryLevel,
  requestBody: unknown = { name: 'req' },
  responseBody: unknown = { name: 'res' },
): void {
  logger.log(level, 200, 'GET', URL, REQUEST_HEADERS, RESPONSE_HEADERS, requestBody, responseBody);
}

function levelOfLine(line: string, format: LogFormatName): string {
  if (format === LogFormat.JSON) return (JSON.parse(line) as { level: string }).level;
  return line.slice(0, line.indexOf(':')).toLowerCase();
}

describe('levels × formats', () => {
  const expected: Record<LogLevelName, LogEntryLevel[]> = {
    none: [],
    error: ['error'],
    debug: ['error', 'debug'],
    trace: ['error', 'debug', 'trace'],
  };
  const cases = (Object.keys(expected) as LogLevelName[]).flatMap((level) =>
    [LogFormat.TEXT, LogFormat.JSON].map((format) => [level, format] as const),
  );

  it.each(cases)('log_level %s, format %s: writes exactly the enabled levels to console and file', (level, format) => {
    const { logger, consoleLines, fileWrites } = harness({ log_level: level, log_format: format, log_file_path: '/tmp/x.log' });
    for (const entryLevel of ['error', 'debug', 'trace'] as const) logAt(logger, entryLevel);
    expect(consoleLines.map((line) => levelOfLine(line, format))).toEqual(expected[level]);
    expect(fileWrites.map((w) => w.text)).toEqual(consoleLines.map((line) => `${line}\n`));
    expect(fileWrites.every((w) => w.path === '/tmp/x.log')).toBe(true);
    for (const entryLevel of ['error', 'debug', 'trace'] as const)
      expect(logger.isEnabled(entryLevel)).toBe(expected[level].includes(entryLevel));
  });

  it('writes nothing when neither console nor file is a destination', () => {
    const { logger, consoleLines, fileWrites } = harness({ log_level: 'trace', log_to_console: false });
    logAt(logger, 'error');
    expect(logger.isEnabled('error')).toBe(false);
    expect(consoleLines).toEqual([]);
    expect(fileWrites).toEqual([]);
  });

  it('writes only to the file when log_to_console is false', () => {
    const { logger, consoleLines, fileWrites } = harness({
      log_level: 'error',
      log_to_console: false,
      log_file_path: '/tmp/only-file.log',
    });
    logAt(logger, 'error');
    expect(consoleLines).toEqual([]);
    expect(fileWrites).toHaveLength(1);
    expect(fileWrites[0]?.text.startsWith('ERROR: ')).toBe(true);
    expect(fileWrites[0]?.text.endsWith('\n')).toBe(true);
  });

  it('does no formatting work at all when off', () => {
    const { logger } = harness();
    const formatLog = jest.spyOn(logger, 'formatLog');
    const body = {
      get password(): string {
        throw new Error('body must not be read');
      },
    };
    logger.log('error', 500, 'GET', URL, REQUEST_HEADERS, RESPONSE_HEADERS, body, body);
    expect(formatLog).not.toHaveBeenCalled();
  });

  it('takes settings changed without setLogger into account', () => {
    const { logger, consoleLines } = harness();
    logger.log_level = 'error';
    logAt(logger, 'error');
    expect(consoleLines).toHaveLength(1);
  });
});

describe('TEXT format', () => {
  it('writes the reference block prefixed with the upper-case level', () => {
    const { logger, consoleLines } = harness({ log_level: 'trace' });
    logAt(logger, 'trace');
    expect(consoleLines).toHaveLength(1);
    const line = consoleLines[0] ?? '';
    expect(line).toMatch(
      new RegExp(
        [
          '^TRACE: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z',
          '=== REQUEST === ',
          'URL: https://api.mypurecloud.com/api/v2/users/me\\?expand=presence',
          'Method: GET',
          'Headers: ',
          '\tContent-Type: application/json',
          '\tAuthorization: \\[REDACTED\\]',
          '',
          '=== RESPONSE ===',
          'Status: 200',
          'Headers: ',
          '\tcontent-type: application/json',
          '\tinin-correlation-id: corr-123',
          'CorrelationId: corr-123',
          '$',
        ].join('\n'),
      ),
    );
  });

  it('omits empty values as the reference does', () => {
    const { logger, consoleLines } = harness({ log_level: 'error' });
    logger.log('error', undefined, 'POST', 'https://x/y');
    expect(consoleLines[0]).toMatch(/^ERROR: \S+\n=== REQUEST === \nURL: https:\/\/x\/y\nMethod: POST\n\n=== RESPONSE ===\n$/);
  });

  it('decodes the URL for display and survives malformed escapes', () => {
    const { logger, consoleLines } = harness({ log_level: 'error' });
    logger.log('error', 400, 'GET', 'https://x/api/v2/search?q=a%20b%C3%A9');
    logger.log('error', 400, 'GET', 'https://x/api/v2/search?q=100%&r=%E0%A4%A&s=%20');
    expect(consoleLines[0]).toContain('URL: https://x/api/v2/search?q=a bé\n');
    expect(consoleLines[1]).toContain('URL: https://x/api/v2/search?q=100%&r=%E0%A4%A&s= \n');
  });

  it('pretty-prints bodies when enabled (followed by the reference blank line)', () => {
    const { logger, consoleLines } = harness({ log_level: 'trace', log_request_body: true, log_response_body: true });
    logAt(logger, 'trace', { a: 1 }, { b: [2] });
    expect(consoleLines[0]).toContain('Body: {\n  "a": 1\n}\n\n=== RESPONSE ===');
    expect(consoleLines[0]).toContain('Body: {\n  "b": [\n    2\n  ]\n}\n');
  });
});

describe('JSON format', () => {
  it('writes one line {level, message: entry} with the reference fields', () => {
    const { logger, consoleLines } = harness({ log_level: 'trace', log_format: 'json' });
    logAt(logger, 'debug');
    expect(consoleLines).toHaveLength(1);
    expect(consoleLines[0]).not.toContain('\n');
    const parsed = JSON.parse(consoleLines[0] ?? '') as { level: string; message: LogEntry };
    expect(parsed.level).toBe('debug');
    expect(parsed.message).toEqual({
      level: 'debug',
      date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) as unknown,
      method: 'GET',
      url: URL,
      correlationId: 'corr-123',
      statusCode: 200,
      requestHeaders: { 'Content-Type': 'application/json', Authorization: '[REDACTED]' },
      responseHeaders: RESPONSE_HEADERS,
    });
  });

  it('formatLog returns the object in JSON and the block in TEXT', () => {
    const { logger } = harness({ log_format: 'json' });
    const entry = logger.formatLog('error', 404, 'GET', URL) as LogEntry;
    expect(entry).toMatchObject({ level: 'error', statusCode: 404, method: 'GET', url: URL, correlationId: '' });
    expect(entry).not.toHaveProperty('requestHeaders');
    logger.log_format = 'text';
    expect(logger.formatLog('error', 404, 'GET', URL)).toEqual(expect.stringContaining('=== REQUEST === '));
  });
});

describe('bodies', () => {
  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('request body %s, response body %s, both formats', (logRequest, logResponse) => {
    for (const format of [LogFormat.TEXT, LogFormat.JSON]) {
      const { logger, consoleLines } = harness({
        log_level: 'trace',
        log_format: format,
        log_request_body: logRequest,
        log_response_body: logResponse,
      });
      logAt(logger, 'trace', { marker: 'REQ-BODY-MARK' }, { marker: 'RES-BODY-MARK' });
      const line = consoleLines[0] ?? '';
      expect(line.includes('REQ-BODY-MARK')).toBe(logRequest);
      expect(line.includes('RES-BODY-MARK')).toBe(logResponse);
      if (format === LogFormat.JSON) {
        const message = (JSON.parse(line) as { message: LogEntry }).message;
        expect('requestBody' in message).toBe(logRequest);
        expect('responseBody' in message).toBe(logResponse);
      }
    }
  });
});

describe('file sink', () => {
  it('appends real lines to a real file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gcsdk-log-'));
    try {
      const file = path.join(dir, 'sdk.log');
      const logger = new Logger({ console: () => undefined, appendToFile: (p, text) => fs.appendFileSync(p, text) });
      Object.assign(logger, { log_level: 'debug', log_format: 'json', log_to_console: false, log_file_path: file });
      logger.setLogger();
      logAt(logger, 'error');
      logAt(logger, 'debug');
      logAt(logger, 'trace');
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      expect(lines.pop()).toBe('');
      expect(lines.map((line) => (JSON.parse(line) as { level: string }).level)).toEqual(['error', 'debug']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('without a file sink reports one clear error on the console and keeps logging to the console', () => {
    const consoleLines: string[] = [];
    const logger = new Logger({ console: (line) => consoleLines.push(line) });
    Object.assign(logger, { log_level: 'error', log_file_path: '/var/log/sdk.log' });
    logger.setLogger();
    logAt(logger, 'error');
    logAt(logger, 'error');
    const problems = consoleLines.filter((line) => line.includes('/var/log/sdk.log'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^ERROR: gcsdk logger: log_file_path is set to "\/var\/log\/sdk.log" but this platform cannot write files/);
    expect(consoleLines.filter((line) => line.includes('=== REQUEST ==='))).toHaveLength(2);
    logger.setLogger();
    logAt(logger, 'error');
    expect(consoleLines.filter((line) => line.includes('/var/log/sdk.log'))).toHaveLength(2);
  });

  it('reports a failing file sink once and never throws', () => {
    const consoleLines: string[] = [];
    const logger = new Logger({
      console: (line) => consoleLines.push(line),
      appendToFile: () => {
        throw new Error('EACCES: permission denied');
      },
    });
    Object.assign(logger, { log_level: 'error', log_to_console: false, log_file_path: '/root/sdk.log' });
    expect(() => {
      logAt(logger, 'error');
      logAt(logger, 'error');
    }).not.toThrow();
    expect(consoleLines).toEqual(['ERROR: gcsdk logger: cannot write to log file "/root/sdk.log": EACCES: permission denied']);
  });

  it('reports the problem as JSON in the JSON format', () => {
    const consoleLines: string[] = [];
    const logger = new Logger({ console: (line) => consoleLines.push(line) });
    Object.assign(logger, { log_level: 'error', log_format: 'json', log_to_console: false, log_file_path: '/x.log' });
    logAt(logger, 'error');
    expect(consoleLines).toHaveLength(1);
    expect(JSON.parse(consoleLines[0] ?? '')).toEqual({ level: 'error', message: expect.stringContaining('/x.log') as unknown });
  });
});

describe('console sink', () => {
  it('defaults to console.log', () => {
    const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const logger = new Logger();
      logger.log_level = 'error';
      logAt(logger, 'error');
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0]?.[0])).toMatch(/^ERROR: /);
    } finally {
      spy.mockRestore();
    }
  });

  it('logs a body with a throwing getter instead of failing', () => {
    const { logger, consoleLines } = harness({ log_level: 'error', log_request_body: true });
    const body = {
      ok: 1,
      get broken(): string {
        throw new Error('nope');
      },
    };
    expect(() => logger.log('error', 500, 'POST', URL, undefined, undefined, body)).not.toThrow();
    expect(consoleLines[0]).toContain('"broken": "[unreadable]"');
  });

  it('never throws when formatting fails, and says so on the console', () => {
    const { logger, consoleLines } = harness({ log_level: 'error' });
    const headers = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('hostile headers');
        },
      },
    );
    expect(() => logger.log('error', 500, 'GET', `${URL}&access_token=SEKRIT-9`, headers)).not.toThrow();
    expect(consoleLines).toHaveLength(1);
    expect(consoleLines[0]).toMatch(/^ERROR: gcsdk logger: could not log GET https:\/\/\S+: hostile headers$/);
    expect(consoleLines[0]).not.toContain('SEKRIT-9');
  });

  it('never throws when the console sink throws', () => {
    const logger = new Logger({
      console: () => {
        throw new Error('broken pipe');
      },
    });
    logger.log_level = 'trace';
    expect(() => logAt(logger, 'trace')).not.toThrow();
    expect(() => logger.logMessage('error', 'x', { force: true })).not.toThrow();
  });
});

describe('secrets never reach any output', () => {
  const SECRETS = {
    authHeader: 'SEKRIT-AUTH-HEADER-0001',
    basic: 'U0VLUklULUJBU0lDLTAwMDI=',
    proxyAuth: 'SEKRIT-PROXY-0003',
    cookie: 'SEKRIT-COOKIE-0004',
    setCookie: 'SEKRIT-SETCOOKIE-0005',
    queryToken: 'SEKRIT-QUERY-TOKEN-0006',
    queryClientSecret: 'SEKRIT-QUERY-CS-0007',
    fragmentToken: 'SEKRIT-FRAGMENT-0008',
    bodyClientSecret: 'SEKRIT-BODY-CS-0009',
    bodyPassword: 'SEKRIT-BODY-PW-0010',
    nestedRefresh: 'SEKRIT-NESTED-RT-0011',
    formAssertion: 'SEKRIT-FORM-ASSERTION-0012',
    formClientSecret: 'SEKRIT-FORM-CS-0013',
    formVerifier: 'SEKRIT-FORM-VERIFIER-0014',
    accessToken: 'SEKRIT-ACCESS-TOKEN-0015',
    refreshToken: 'SEKRIT-REFRESH-TOKEN-0016',
    idToken: 'SEKRIT-ID-TOKEN-0017',
    jsonStringVerifier: 'SEKRIT-JSON-STRING-0018',
    messageToken: 'SEKRIT-MESSAGE-0019',
    messageBearer: 'SEKRIT-MESSAGE-BEARER-0020',
  };

  function logEverything(logger: Logger): void {
    const url = `https://login.mypurecloud.com/oauth/token?state=abc&access_token=${SECRETS.queryToken}&client_secret=${encodeURIComponent(SECRETS.queryClientSecret)}#access_token=${SECRETS.fragmentToken}`;
    const requestHeaders = {
      authorization: `Bearer ${SECRETS.authHeader}`,
      'Proxy-Authorization': `Basic ${SECRETS.basic}`,
      Cookie: `session=${SECRETS.cookie}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    };
    const responseHeaders = { 'set-cookie': [`a=${SECRETS.setCookie}`], 'inin-correlation-id': 'corr-9' };
    const objectBody = {
      client_secret: SECRETS.bodyClientSecret,
      Password: SECRETS.bodyPassword,
      nested: [{ refreshToken: SECRETS.nestedRefresh }],
      keep: 'VISIBLE-1',
    };
    const formBody = `grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer&assertion=${SECRETS.formAssertion}&client_secret=${SECRETS.formClientSecret}&code_verifier=${SECRETS.formVerifier}&orgName=VISIBLE-2`;
    const tokenResponse = {
      access_token: SECRETS.accessToken,
      refresh_token: SECRETS.refreshToken,
      id_token: SECRETS.idToken,
      token_type: 'bearer',
      expires_in: 86399,
    };
    const jsonString = JSON.stringify({ code_verifier: SECRETS.jsonStringVerifier, keep: 'VISIBLE-3' });
    for (const level of ['error', 'debug', 'trace'] as const) {
      logger.log(level, 200, 'POST', url, requestHeaders, responseHeaders, objectBody, tokenResponse);
      logger.log(level, 400, 'POST', url, requestHeaders, responseHeaders, formBody, jsonString);
      logger.logMessage(level, `POST ${url} failed: token=${SECRETS.messageToken} Authorization: Bearer ${SECRETS.messageBearer}`);
    }
  }

  it.each([LogFormat.TEXT, LogFormat.JSON])('at trace level with bodies on, format %s, on console, file and debug hook', (format) => {
    const { logger, consoleLines, fileWrites } = harness({
      log_level: 'trace',
      log_format: format,
      log_file_path: '/tmp/secrets.log',
      log_request_body: true,
      log_response_body: true,
    });
    const debugLines: string[] = [];
    logger.setDebugLog((line) => debugLines.push(line));
    logEverything(logger);

    const output = [...consoleLines, ...fileWrites.map((w) => w.text), ...debugLines].join('\n');
    expect(consoleLines).toHaveLength(9);
    expect(debugLines).toHaveLength(4);
    for (const [name, secret] of Object.entries(SECRETS)) {
      if (output.includes(secret)) throw new Error(`secret ${name} leaked into ${format} output`);
    }
    // The redaction left the harmless parts readable.
    for (const visible of ['VISIBLE-1', 'VISIBLE-2', 'VISIBLE-3', 'expires_in', 'corr-9', 'state=abc', '[REDACTED]'])
      expect(output).toContain(visible);
  });
});

describe('setDebugLog', () => {
  it('gets one redacted TEXT entry per trace/error call, whatever log_level and format', () => {
    const { logger, consoleLines } = harness({ log_format: 'json' });
    const lines: string[] = [];
    logger.setDebugLog((line) => lines.push(line));
    expect(logger.isEnabled('error')).toBe(true);
    expect(logger.isEnabled('trace')).toBe(true);
    expect(logger.isEnabled('debug')).toBe(false);
    logAt(logger, 'trace');
    logAt(logger, 'debug');
    logAt(logger, 'error');
    expect(consoleLines).toEqual([]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^TRACE: \S+\n=== REQUEST === \n/);
    expect(lines[1]).toMatch(/^ERROR: /);
    expect(lines.join('\n')).not.toContain('plain-token-1');
  });

  it('reuses the TEXT entry written to the outputs', () => {
    const { logger, consoleLines } = harness({ log_level: 'trace' });
    const lines: string[] = [];
    logger.setDebugLog((line) => lines.push(line));
    logAt(logger, 'trace');
    expect(lines).toEqual(consoleLines);
  });

  it('truncates entries to maxLines lines', () => {
    const { logger } = harness({ log_request_body: true });
    const lines: string[] = [];
    logger.setDebugLog((line) => lines.push(line), 5);
    logAt(logger, 'trace', { a: 1, b: 2, c: 3, d: 4, e: 5 });
    const entry = (lines[0] ?? '').split('\n');
    expect(entry).toHaveLength(6);
    expect(entry.slice(0, 3)).toEqual([expect.stringMatching(/^TRACE: /), '=== REQUEST === ', `URL: ${URL}`]);
    expect(entry[5]).toMatch(/^\.\.\. \(\d+ more lines truncated\)$/);
  });

  it('does not truncate without maxLines, and null turns it off', () => {
    const { logger } = harness();
    const lines: string[] = [];
    logger.setDebugLog((line) => lines.push(line));
    logAt(logger, 'trace');
    expect(lines[0]?.split('\n').length).toBeGreaterThan(10);
    logger.setDebugLog(null);
    logAt(logger, 'trace');
    expect(lines).toHaveLength(1);
    expect(logger.isEnabled('error')).toBe(false);
  });

  it('follows the body settings and swallows errors of the hook', () => {
    const { logger } = harness();
    const lines: string[] = [];
    logger.setDebugLog((line) => lines.push(line));
    logAt(logger, 'trace', { m: 'REQ-MARK' }, { m: 'RES-MARK' });
    logger.log_response_body = true;
    logAt(logger, 'trace', { m: 'REQ-MARK' }, { m: 'RES-MARK' });
    expect(lines[0]).not.toContain('RES-MARK');
    expect(lines[1]).toContain('RES-MARK');
    expect(lines.join('')).not.toContain('REQ-MARK');
    logger.setDebugLog(() => {
      throw new Error('hook failed');
    });
    expect(() => logAt(logger, 'trace')).not.toThrow();
  });
});

describe('logMessage', () => {
  it('is written only when its level is enabled, unless forced', () => {
    const { logger, consoleLines } = harness({ log_level: 'error' });
    logger.logMessage('debug', 'quiet');
    logger.logMessage('error', 'loud');
    logger.logMessage('trace', 'forced', { force: true });
    expect(consoleLines).toEqual(['ERROR: loud', 'TRACE: forced']);
  });

  it('forced messages are written with level none, to the file too', () => {
    const { logger, consoleLines, fileWrites } = harness({ log_file_path: '/tmp/m.log' });
    logger.logMessage('error', 'config file /x is malformed: Unexpected token');
    expect(consoleLines).toEqual([]);
    logger.logMessage('error', 'config file /x is malformed: Unexpected token', { force: true });
    expect(consoleLines).toEqual(['ERROR: config file /x is malformed: Unexpected token']);
    expect(fileWrites).toEqual([{ path: '/tmp/m.log', text: 'ERROR: config file /x is malformed: Unexpected token\n' }]);
  });

  it('forced messages fall back to the console when no destination is configured', () => {
    const { logger, consoleLines } = harness({ log_to_console: false });
    logger.logMessage('error', 'must be seen', { force: true });
    expect(consoleLines).toEqual(['ERROR: must be seen']);
  });

  it('uses the JSON line format', () => {
    const { logger, consoleLines } = harness({ log_level: 'debug', log_format: 'json' });
    logger.logMessage('debug', 'hello "world"');
    expect(consoleLines).toEqual([JSON.stringify({ level: 'debug', message: 'hello "world"' })]);
  });
});

describe('settings helpers', () => {
  it.each([
    ['error', 'error'],
    ['debug', 'debug'],
    ['trace', 'trace'],
    ['none', 'none'],
    ['TRACE', 'trace'],
    [' Debug ', 'debug'],
    ['verbose', 'none'],
    ['', 'none'],
    [undefined, 'none'],
  ])('getLogLevel(%p) is %p', (input, output) => {
    expect(new Logger().getLogLevel(input)).toBe(output);
  });

  it.each([
    ['json', 'json'],
    ['JSON', 'json'],
    ['text', 'text'],
    ['xml', 'text'],
    [undefined, 'text'],
  ])('getLogFormat(%p) is %p', (input, output) => {
    expect(new Logger().getLogFormat(input)).toBe(output);
  });

  it('calculateLogLevel follows the reference', () => {
    const logger = new Logger();
    const table = (['none', 'error', 'debug', 'trace'] as const).map((configured) => {
      logger.log_level = configured;
      return (['error', 'debug', 'trace'] as const).map((level) => logger.calculateLogLevel(level));
    });
    expect(table).toEqual([
      [-1, -1, -1],
      [1, -1, -1],
      [1, 1, -1],
      [1, 1, 1],
    ]);
  });

  it('exposes the reference enums and defaults', () => {
    const logger = new Logger();
    expect(logger.logLevelEnum).toEqual({ level: { LNone: 'none', LError: 'error', LDebug: 'debug', LTrace: 'trace' } });
    expect(logger.logFormatEnum).toEqual({ formats: { JSON: 'json', TEXT: 'text' } });
    expect(logger.logLevelEnum.level).toBe(LogLevel);
    expect(logger).toMatchObject({
      log_level: 'none',
      log_format: 'text',
      log_to_console: true,
      log_file_path: undefined,
      log_request_body: false,
      log_response_body: false,
    });
  });

  it('setLogger normalises settings written as loose strings', () => {
    const logger = new Logger();
    Object.assign(logger, { log_level: 'TRACE', log_format: 'Json' });
    logger.setLogger();
    expect(logger.log_level).toBe('trace');
    expect(logger.log_format).toBe('json');
  });

  it('close leaves the logger usable', () => {
    const { logger, consoleLines } = harness({ log_level: 'error' });
    logger.close();
    logAt(logger, 'error');
    expect(consoleLines).toHaveLength(1);
  });
});
