/** ApiClient behaviour against a local server: results, errors, header checks, environments, hooks, timeouts. */
import {
  AbortError,
  ApiClient,
  ApiError,
  FetchHttpClient,
  GcsdkError,
  InvalidRequestError,
  isApiError,
  NetworkError,
  PureCloudRegionHosts,
  RateLimitError,
  TimeoutError,
} from '../src/index.js';
import { startServer, useTestServer } from './support/server.js';

const AUTH = ['PureCloud OAuth'];
const JSON_TYPES = ['application/json'];

const server = useTestServer();

function client(): ApiClient {
  const c = new ApiClient({ readConfigFile: false });
  c.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port });
  c.setRetryOptions({ enabled: false });
  return c;
}

function get(
  c: ApiClient,
  path = '/api/v2/users/me',
  extra: { query?: Record<string, unknown>; headers?: Record<string, string> | null; timeout?: number; signal?: AbortSignal } = {},
) {
  return c.callApi(path, 'GET', {}, extra.query ?? {}, {}, {}, null, AUTH, JSON_TYPES, JSON_TYPES, extra.headers, {
    ...(extra.timeout !== undefined ? { timeout: extra.timeout } : {}),
    ...(extra.signal ? { signal: extra.signal } : {}),
  });
}

describe('results', () => {
  it('resolves with the body, or the extended response when asked', async () => {
    const c = client();
    server.handler = () => ({ status: 200, body: { id: 'me' }, headers: { 'inin-correlation-id': 'corr-1' } });
    await expect(get(c)).resolves.toEqual({ id: 'me' });
    c.setReturnExtendedResponses(true);
    const extended = (await get(c)) as Record<string, unknown>;
    expect(extended).toMatchObject({ status: 200, statusText: 'OK', body: { id: 'me' }, text: '{"id":"me"}', error: null });
    expect((extended['headers'] as Record<string, string>)['inin-correlation-id']).toBe('corr-1');
  });

  it('gives text bodies as text', async () => {
    server.handler = () => ({ status: 200, body: 'BEGIN:VCALENDAR', headers: { 'content-type': 'text/calendar' } });
    await expect(get(client())).resolves.toBe('BEGIN:VCALENDAR');
  });

  it('sends the current token, and none after clearAccessToken', async () => {
    const c = client();
    c.setAccessToken('tok-1');
    await get(c);
    expect(server.requests[0]!.headers['authorization']).toBe('Bearer tok-1');
    c.clearAccessToken();
    await get(c);
    expect(server.requests[1]!.headers['authorization']).toBeUndefined();
  });
});

describe('errors', () => {
  it('rejects an HTTP failure with an ApiError that keeps the reference fields', async () => {
    server.handler = () => ({
      status: 404,
      body: { message: 'User not found', code: 'not.found', status: 404, contextId: 'ctx-9' },
      headers: { 'inin-correlation-id': 'corr-404' },
    });
    const error = (await get(client(), '/api/v2/users/{userId}'.replace('{userId}', 'nobody')).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(ApiError);
    expect(isApiError(error)).toBe(true);
    expect(error.name).toBe('ApiError');
    expect(error.status).toBe(404);
    expect(error.statusText).toBe('Not Found');
    expect((error.body as { message: string }).message).toBe('User not found');
    expect(error.text).toBe('{"message":"User not found","code":"not.found","status":404,"contextId":"ctx-9"}');
    expect(error.headers['inin-correlation-id']).toBe('corr-404');
    expect(error.correlationId).toBe('corr-404');
    expect(error.code).toBe('not.found');
    expect(error.method).toBe('GET');
    expect(error.url).toBe(`${server.url}/api/v2/users/nobody`);
    expect(error.message).toContain('User not found');
    expect(error).toHaveProperty('error');
    expect(error.stack).toContain('called from');
  });

  it('raises a RateLimitError for a 429 (retries off), with the wait', async () => {
    server.handler = () => ({ status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '7' } });
    const error = (await get(client()).catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.retryAfterMs).toBe(7000);
  });

  it('raises a NetworkError when nothing answers, distinct from ApiError', async () => {
    const c = new ApiClient({ readConfigFile: false });
    const closed = await startServer();
    await closed.close();
    c.setGateway({ host: '127.0.0.1', protocol: 'http', port: closed.port });
    c.setRetryOptions({ enabled: false });
    const error = (await get(c).catch((e: unknown) => e)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).not.toBeInstanceOf(ApiError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(error.code).toBe('ECONNREFUSED');
  });

  it.each([
    ['axios', () => undefined],
    ['fetch', (c: ApiClient) => c.setHttpClient(new FetchHttpClient())],
  ])('raises a TimeoutError after the per-request timeout (%s)', async (_name, setup) => {
    server.handler = () => ({ hang: true });
    const c = client();
    setup(c);
    const error = (await get(c, undefined, { timeout: 100 }).catch((e: unknown) => e)) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toContain('timed out');
  });

  it.each([
    ['axios', () => undefined],
    ['fetch', (c: ApiClient) => c.setHttpClient(new FetchHttpClient())],
  ])('raises an AbortError when the signal aborts (%s)', async (_name, setup) => {
    server.handler = () => ({ hang: true });
    const c = client();
    setup(c);
    const controller = new AbortController();
    const pending = get(c, undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(AbortError);
  });

  it('stays an Error across copies of the package (brand check)', () => {
    const foreign = Object.assign(Object.create(null), { [Symbol.for('gcsdk.error')]: ['ApiError'] });
    expect(foreign instanceof ApiError).toBe(true);
    expect(foreign instanceof GcsdkError).toBe(true);
    expect(new InvalidRequestError('x') instanceof ApiError).toBe(false);
  });
});

describe('header validation: a clear error and nothing sent', () => {
  it.each([
    [{ 'Bad Name': 'x' }, /Invalid header name "Bad Name"/],
    [{ 'X-Ok': 'line\r\nInjected: yes' }, /character 5 is CR/],
    [{ 'X-Ok': 'nul\u0000' }, /U\+0000/],
    [{ 'X-Ok': 42 as unknown as string }, /expected a string, got number/],
  ])('refuses customHeaders %p', async (headers, message) => {
    const error = (await get(client(), undefined, { headers }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it('refuses bad default headers at once', () => {
    expect(() => client().setDefaultHeaders({ 'X-A': 'ok\n' })).toThrow(/setDefaultHeaders/);
    expect(() => client().setGenesysAppHeader('a\rb')).toThrow(InvalidRequestError);
  });

  it('refuses path parameters that would change the path', async () => {
    const c = client();
    for (const userId of ['..', '.', '']) {
      await expect(c.callApi('/api/v2/users/{userId}', 'GET', { userId }, {}, {}, {}, null, AUTH, JSON_TYPES, JSON_TYPES)).rejects.toThrow(
        /different path/,
      );
    }
    await expect(c.callApi('/api/v2/users/{userId}', 'GET', {}, {}, {}, {}, null, AUTH, JSON_TYPES, JSON_TYPES)).rejects.toThrow(
      /No value for the path parameter "userId"/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('sends default headers, Genesys-App and per-request headers', async () => {
    const c = client();
    c.setDefaultHeaders({ 'X-Default': 'd' });
    c.setGenesysAppHeader('my-app');
    await get(c, undefined, { headers: { 'X-Request': 'r' } });
    expect(server.requests[0]!.headers).toMatchObject({ 'x-default': 'd', 'genesys-app': 'my-app', 'x-request': 'r' });
    expect(c.getGenesysAppHeader()).toBe('my-app');
  });
});

describe('environments and gateway', () => {
  it('knows all 18 regions of the reference', () => {
    expect(Object.keys(PureCloudRegionHosts)).toHaveLength(18);
    const c = new ApiClient({ readConfigFile: false });
    c.setEnvironment(PureCloudRegionHosts.eu_west_1);
    expect(c.config.basePath).toBe('https://api.mypurecloud.ie');
    expect(c.config.authUrl).toBe('https://login.mypurecloud.ie');
    c.setEnvironment('https://api.usw2.pure.cloud/');
    expect(c.config.basePath).toBe('https://api.usw2.pure.cloud');
    c.setEnvironment('ap_southeast_2');
    expect(c.config.environment).toBe('mypurecloud.com.au');
    expect(() => c.setEnvironment('not a host/path')).toThrow(/Invalid environment/);
  });

  it('builds gateway URLs with the reference rules, and falls back to the environment', () => {
    const c = new ApiClient({ readConfigFile: false });
    c.setEnvironment('mypurecloud.de');
    c.setGateway({ host: 'gw.example.com', protocol: 'http', port: 8080, path_params_login: 'login/', path_params_api: '/api//' });
    expect(c.config.getConfUrl('login', c.config.authUrl)).toBe('http://gw.example.com:8080/login');
    expect(c.buildUrl('/api/v2/users/{id}', { id: 'a b' })).toBe('http://gw.example.com:8080/api/api/v2/users/a%20b');
    c.setGateway({ host: 'gw.example.com' });
    expect(c.config.getConfUrl('api', c.config.basePath)).toBe('https://gw.example.com');
    c.setGateway();
    expect(c.buildUrl('users', {})).toBe('https://api.mypurecloud.de/users');
  });
});

describe('independent clients', () => {
  it('each client has its own token, settings and transport; the shared instance is one object', async () => {
    const a = client();
    const b = client();
    a.setAccessToken('token-a');
    b.setAccessToken('token-b');
    b.setDefaultHeaders({ 'X-Tenant': 'b' });
    await Promise.all([get(a), get(b)]);
    const byToken = Object.fromEntries(server.requests.map((r) => [r.headers['authorization'], r.headers['x-tenant']]));
    expect(byToken).toEqual({ 'Bearer token-a': undefined, 'Bearer token-b': 'b' });
    expect(a.getHttpClient()).not.toBe(b.getHttpClient());
    expect(ApiClient.instance).toBe(ApiClient.instance);
    expect(a.instance).toBe(ApiClient.instance);
    expect(ApiClient.instance).not.toBe(a);
    ApiClient.instance.close();
  });
});

describe('hooks', () => {
  it('runs beforeRequest/afterResponse on each attempt and onError on the final failure', async () => {
    const c = client();
    const seen: string[] = [];
    const remove = c.use({
      beforeRequest: (request) => {
        seen.push(`before ${request.method} ${request.attempt}`);
        request.headers['X-Trace'] = 'trace-1';
      },
      afterResponse: (response) => {
        seen.push(`after ${response.status}`);
      },
      onError: (error) => {
        seen.push(`error ${(error as ApiError).status}`);
      },
    });
    await get(c);
    expect(server.requests[0]!.headers['x-trace']).toBe('trace-1');
    server.handler = () => ({ status: 500, body: { message: 'boom' } });
    await expect(get(c)).rejects.toBeInstanceOf(ApiError);
    expect(seen).toEqual(['before GET 1', 'after 200', 'before GET 1', 'after 500', 'error 500']);
    remove();
    await expect(get(c)).rejects.toBeInstanceOf(ApiError);
    expect(seen).toHaveLength(5);
  });

  it.each([
    ['axios', () => undefined],
    ['fetch', (c: ApiClient) => c.setHttpClient(new FetchHttpClient())],
  ])('keeps the reference pre/post hooks working (%s)', async (_name, setup) => {
    const c = client();
    setup(c);
    c.setPreHook((config) => {
      (config['headers'] as Record<string, string>)['X-Pre'] = 'yes';
      return config;
    });
    c.setPostHook((response) => ({ ...response, data: { wrapped: response['data'] } }));
    await expect(get(c)).resolves.toEqual({ wrapped: { ok: true } });
    expect(server.requests[0]!.headers['x-pre']).toBe('yes');
  });
});

describe('logging through the client', () => {
  it.each(['text', 'json'] as const)('writes requests at trace level (%s) without any secret', async (format) => {
    const lines: string[] = [];
    jest.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
    try {
      const c = client();
      const logger = c.config.logger;
      logger.log_level = 'trace';
      logger.log_format = format;
      logger.log_request_body = true;
      logger.log_response_body = true;
      logger.setLogger();
      c.setAccessToken('access-SECRET-1');
      server.handler = () => ({
        status: 200,
        body: { access_token: 'access-SECRET-2', refresh_token: 'refresh-SECRET-3', name: 'visible-name' },
      });
      await c.callApi(
        '/api/v2/x',
        'POST',
        {},
        { client_secret: 'client-SECRET-4' },
        {},
        {},
        { assertion: 'saml-SECRET-5', code_verifier: 'pkce-SECRET-6', keep: 'kept-value' },
        AUTH,
        JSON_TYPES,
        JSON_TYPES,
      );
      server.handler = () => ({ status: 400, body: { message: 'bad', refresh_token: 'refresh-SECRET-7' } });
      await c.callApi('/api/v2/x', 'GET', {}, {}, {}, {}, null, AUTH, JSON_TYPES, JSON_TYPES).catch(() => undefined);
      const output = lines.join('\n');
      expect(output).toContain('visible-name');
      expect(output).toContain('kept-value');
      expect(output).toContain('/api/v2/x');
      expect(output).not.toMatch(/SECRET/);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('writes nothing at the default level', async () => {
    const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await get(client());
      expect(spy).not.toHaveBeenCalled();
    } finally {
      jest.restoreAllMocks();
    }
  });
});
