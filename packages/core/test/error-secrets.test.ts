/**
 * No credential reachable from any error: two clients share a process (and the transport's
 * keep-alive pool): A logged in with client credentials, B with a bearer token, A's request in
 * flight while B's fails. Each error is inspected deeply (util.inspect, JSON, and a walk over every
 * own property, hidden and symbol-keyed, and its cause chain); neither A's nor B's secrets appear.
 */
import { inspect } from 'node:util';
import { AbortError, ApiClient, ApiError, FetchHttpClient, NetworkError, RateLimitError, TimeoutError } from '../src/index.js';
import { scanReachable } from './support/reachable.js';
import { startServer, type Reply, type TestServer } from './support/server.js';

const A = { id: 'client-A-id', secret: 'A-client-SECRET-6c1f0e' };
const A_BASIC = Buffer.from(`${A.id}:${A.secret}`).toString('base64');
const A_ACCESS = 'A-access-TOKEN-93e2b1';
const B_TOKEN = 'B-bearer-TOKEN-51d7aa';
const QUERY_SECRET = 'query-SECRET-0b8d44';
const ECHOED_PASSWORD = 'echoed-PASSWORD-7f21c3';
const STRAY_REFRESH = 'stray-refresh-TOKEN-d4e5f6';
const SESSION_COOKIE = 'session-cookie-SECRET-8e8e';
const SECRETS = [A.secret, A_BASIC, A_ACCESS, B_TOKEN, QUERY_SECRET, ECHOED_PASSWORD, STRAY_REFRESH, SESSION_COOKIE];

const JSON_TYPES = ['application/json'];
const AUTH = ['PureCloud OAuth'];

let server: TestServer;
let closedPort: number;
/** Releases the requests the server holds unanswered (A's API call, A2's login). */
const held: Array<() => void> = [];
let holdLogins = false;
let abortOnArrival: AbortController | undefined;
let tokenReply: { status: number; body: unknown } | undefined;

function hold(reply: Reply): Promise<Reply> {
  return new Promise((resolve) => held.push(() => resolve(reply)));
}

beforeAll(async () => {
  const closed = await startServer();
  closedPort = closed.port;
  await closed.close();
  server = await startServer((req) => {
    if (req.url.startsWith('/oauth/token')) {
      if (tokenReply) return tokenReply;
      const ok = req.headers['authorization'] === `Basic ${A_BASIC}` && req.body === 'grant_type=client_credentials';
      const reply: Reply = ok
        ? { status: 200, body: { access_token: A_ACCESS, token_type: 'bearer', expires_in: 86400 } }
        : { status: 401, body: { error: 'invalid_client', error_description: 'client authentication failed' } };
      return holdLogins ? hold(reply) : reply;
    }
    const bearer = String(req.headers['authorization'] ?? '');
    if (bearer !== `Bearer ${A_ACCESS}` && bearer !== `Bearer ${B_TOKEN}`) return { status: 401, body: { message: 'no' } };
    if (req.url.startsWith('/api/v2/hold')) return hold({ status: 200, body: {} });
    if (req.url.startsWith('/api/v2/reset')) return { drop: true };
    if (req.url.startsWith('/api/v2/hang')) return { hang: true };
    if (req.url.startsWith('/api/v2/abort')) {
      abortOnArrival?.abort();
      return { hang: true };
    }
    if (req.url.startsWith('/api/v2/echo')) {
      return {
        status: 400,
        body: { message: 'bad password', code: 'bad.request', messageParams: { password: ECHOED_PASSWORD } },
        headers: { 'set-cookie': `sid=${SESSION_COOKIE}`, 'inin-correlation-id': 'corr-echo' },
      };
    }
    if (req.url.startsWith('/api/v2/quota')) return { status: 429, body: { message: 'slow down' }, headers: { 'retry-after': '1' } };
    return { status: 200, body: { ok: true } };
  });
});
afterAll(() => server.close());
afterEach(() => {
  for (const release of held.splice(0)) release();
  holdLogins = false;
  abortOnArrival = undefined;
  tokenReply = undefined;
});

const TRANSPORTS = [
  ['axios', () => undefined],
  ['fetch', (c: ApiClient) => c.setHttpClient(new FetchHttpClient())],
] as const;

function newClient(setup: (c: ApiClient) => void, port = server.port): ApiClient {
  const c = new ApiClient({ readConfigFile: false });
  c.setGateway({ host: '127.0.0.1', protocol: 'http', port });
  c.setRetryOptions({ enabled: false });
  setup(c);
  return c;
}

function call(c: ApiClient, path: string, options: { timeout?: number; signal?: AbortSignal } = {}) {
  return c.callApi(path, 'GET', {}, { client_secret: QUERY_SECRET, page: 2 }, {}, {}, null, AUTH, JSON_TYPES, JSON_TYPES, null, options);
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

/** Every way of looking at an error: none shows a secret. */
function expectNoSecret(error: Error): void {
  const scan = scanReachable(error, SECRETS);
  expect(scan.sightings).toEqual([]);
  // Nothing but the error's own small record is reachable (no request, socket or agent).
  expect(scan.truncated).toBe(false);
  expect(scan.objects).toBeLessThan(50);
  const inspected = inspect(error, { depth: Infinity, showHidden: true, getters: true });
  for (const secret of SECRETS) expect(inspected).not.toContain(secret);
  const json = JSON.stringify(error, Object.getOwnPropertyNames(error)) + JSON.stringify(error);
  for (const secret of SECRETS) expect(json).not.toContain(secret);
  for (let cause: unknown = error, depth = 0; cause instanceof Error && depth < 10; cause = cause.cause, depth++) {
    expect(`${cause.message}\n${cause.stack}`).not.toMatch(/SECRET|TOKEN|PASSWORD/);
  }
}

describe.each(TRANSPORTS)('errors carry no credential of any client (%s)', (_name, setup) => {
  /**
   * A logged in and B with a bearer token, both having made a request; then A's next request and
   * a login of A's credentials by a third client stay in flight (their Authorization headers on
   * the transport's pooled sockets) while B's request fails.
   */
  async function twoClients(bPort = server.port): Promise<{ b: ApiClient; inFlight: Promise<unknown> }> {
    const a = newClient(setup);
    await a.loginClientCredentialsGrant(A.id, A.secret);
    await call(a, '/api/v2/users/me');
    const warm = newClient(setup);
    warm.setAccessToken(B_TOKEN);
    await call(warm, '/api/v2/users/me');
    const b = newClient(setup, bPort);
    b.setAccessToken(B_TOKEN);
    holdLogins = true;
    const inFlight = Promise.all([call(a, '/api/v2/hold'), newClient(setup).loginClientCredentialsGrant(A.id, A.secret)]);
    while (held.length < 2) await new Promise((r) => setImmediate(r));
    return { b, inFlight };
  }

  async function finish(inFlight: Promise<unknown>): Promise<void> {
    for (const release of held.splice(0)) release();
    await inFlight;
  }

  it('a refused connection', async () => {
    const { b, inFlight } = await twoClients(closedPort);
    const error = await failure(call(b, '/api/v2/users/me'));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe('ECONNREFUSED');
    // What identifies the failure is kept.
    expect(inspect(error.cause, { depth: Infinity })).toContain('ECONNREFUSED');
    expectNoSecret(error);
    await finish(inFlight);
  });

  it('a reset connection', async () => {
    const { b, inFlight } = await twoClients();
    const error = await failure(call(b, '/api/v2/reset'));
    expect(error).toBeInstanceOf(NetworkError);
    expectNoSecret(error);
    await finish(inFlight);
  });

  it('a timeout', async () => {
    const { b, inFlight } = await twoClients();
    const error = await failure(call(b, '/api/v2/hang', { timeout: 150 }));
    expect(error).toBeInstanceOf(TimeoutError);
    expectNoSecret(error);
    await finish(inFlight);
  });

  it('an abort', async () => {
    const { b, inFlight } = await twoClients();
    abortOnArrival = new AbortController();
    const error = await failure(call(b, '/api/v2/abort', { signal: abortOnArrival.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expectNoSecret(error);
    await finish(inFlight);
  });

  it('an API error whose body echoes a password, its URL a secret query value, its response a session cookie', async () => {
    const { b, inFlight } = await twoClients();
    const error = await failure(call(b, '/api/v2/echo'));
    expect(error).toBeInstanceOf(ApiError);
    // What is not a credential stays.
    expect((error as ApiError).url).toContain('page=2');
    expect((error as ApiError).correlationId).toBe('corr-echo');
    expect((error as ApiError).code).toBe('bad.request');
    expectNoSecret(error);
    await finish(inFlight);
  });

  it('a rate limit', async () => {
    const { b, inFlight } = await twoClients();
    const error = await failure(call(b, '/api/v2/quota'));
    expect(error).toBeInstanceOf(RateLimitError);
    expectNoSecret(error);
    await finish(inFlight);
  });

  it('a failed login: the form and the Basic credentials stay out of the error', async () => {
    const c = newClient(setup);
    const error = await failure(c.loginClientCredentialsGrant(A.id, `${A.secret}-wrong`));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expectNoSecret(error);
  });

  it('a token response without access_token: the tokens it does hold stay out of the error', async () => {
    tokenReply = { status: 200, body: { refresh_token: STRAY_REFRESH, id_token: STRAY_REFRESH, token_type: 'bearer' } };
    const c = newClient(setup);
    const error = await failure(c.loginClientCredentialsGrant(A.id, A.secret));
    expect(error).toBeInstanceOf(ApiError);
    expectNoSecret(error);
  });
});
