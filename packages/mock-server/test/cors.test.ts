/**
 * CORS: a browser app on its own origin can log in and call the API, as against Genesys Cloud for
 * an allowed origin. Checked here at the HTTP level; e2e/browser checks it from a real page.
 */
import { startMockServer, type MockServer } from '../src/index.js';
import { CORS_EXPOSED_HEADERS } from '../src/cors.js';
import { BASIC, clientToken, raw } from './helpers.js';

const ORIGIN = 'http://127.0.0.1:5173';
let mock: MockServer;
let token: string;
beforeAll(async () => {
  mock = await startMockServer({ port: 0 });
  token = await clientToken(mock);
});
afterAll(() => mock?.close());
afterEach(() => mock.clearFaults());

const preflight = (path: string, method: string, headers: string) =>
  raw(mock, 'OPTIONS', path, {
    headers: { origin: ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });

describe('preflights', () => {
  it.each(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])(
    '%s with the SDK’s headers: 204, the origin, the method and the headers allowed',
    async (method) => {
      const answer = await preflight('/api/v2/users/me', method, 'authorization, content-type, genesys-app, x-custom-trace');
      expect(answer.status).toBe(204);
      expect(answer.headers['access-control-allow-origin']).toBe(ORIGIN);
      expect(String(answer.headers['access-control-allow-methods']).split(', ')).toContain(method);
      expect(answer.headers['access-control-allow-headers']).toBe('authorization, content-type, genesys-app, x-custom-trace');
      expect(answer.headers['vary']).toBe('Origin');
    },
  );

  it('of the token endpoint (the browser PKCE exchange), with no credentials needed', async () => {
    const answer = await preflight('/oauth/token', 'POST', 'content-type');
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-origin']).toBe(ORIGIN);
  });

  it('are answered before an injected fault, and are not counted against the rate limit', async () => {
    mock.addFault({ status: 503 });
    expect((await preflight('/api/v2/users/me', 'GET', 'authorization')).status).toBe(204);
  });

  it('echo no request-header list that is not a list of header names', async () => {
    const answer = await preflight('/api/v2/users/me', 'GET', 'authorization, <script>alert(1)</script>');
    expect(answer.status).toBe(204);
    expect(answer.headers['access-control-allow-headers']).toBeUndefined();
  });
});

describe('cross-origin responses', () => {
  it('name the origin and expose the correlation id, rate-limit and Retry-After headers', async () => {
    const answer = await raw(mock, 'GET', '/api/v2/users/me', { token, headers: { origin: ORIGIN } });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(String(answer.headers['access-control-expose-headers']).split(', ')).toEqual(CORS_EXPOSED_HEADERS.split(', '));
    for (const name of ['inin-correlation-id', 'inin-ratelimit-count', 'retry-after']) expect(CORS_EXPOSED_HEADERS).toContain(name);
  });

  it('also on errors (a 401 and an injected 429), so that the page can read them', async () => {
    expect((await raw(mock, 'GET', '/api/v2/users/me', { headers: { origin: ORIGIN } })).headers['access-control-allow-origin']).toBe(
      ORIGIN,
    );
    mock.addFault({ status: 429 });
    const limited = await raw(mock, 'GET', '/api/v2/users/me', { token, headers: { origin: ORIGIN } });
    expect(limited.status).toBe(429);
    expect(limited.headers['access-control-allow-origin']).toBe(ORIGIN);
  });

  it('of the token endpoint carry the origin too', async () => {
    const answer = await raw(mock, 'POST', '/oauth/token', {
      headers: { origin: ORIGIN, authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe(ORIGIN);
  });

  it('a same-origin or non-browser request gets no CORS headers', async () => {
    const answer = await raw(mock, 'GET', '/api/v2/users/me', { token });
    expect(answer.headers['access-control-allow-origin']).toBeUndefined();
  });
});
