/**
 * Per-call options (`signal`, `timeout`) on the generated methods' path (`invoke`) and on every
 * login, against local servers that hang or ask to wait: an abort before the send, during the
 * request and during a wait before a retry rejects with AbortError; a timeout with TimeoutError;
 * a wrong option with InvalidRequestError naming it, and nothing sent. A token renewal made for
 * several callers is not aborted by one caller's signal.
 */
import {
  AbortError,
  AbstractHttpClient,
  ApiClient,
  InvalidRequestError,
  TimeoutError,
  type HttpRequestOptions,
  type OperationDescriptor,
} from '../src/index.js';
import { invoke } from '../src/internal.js';
import { clientFor, CLIENT, useOAuthServer } from './support/oauth-server.js';
import { TRANSPORTS, useTestServer } from './support/server.js';

/** The descriptor the generator emits for UsersApi.getUsersMe. */
const getUsersMe: OperationDescriptor = {
  name: 'getUsersMe',
  method: 'GET',
  path: '/api/v2/users/me',
  params: [
    ['expand', 'query', '', 'multi'],
    ['integrationPresenceSource', 'query'],
  ],
};
const postThings: OperationDescriptor = {
  name: 'postThings',
  method: 'POST',
  path: '/api/v2/things',
  params: [['body', 'body', '', '', 0]],
};

const server = useTestServer();

const transports = TRANSPORTS;

function client(transport: () => AbstractHttpClient | undefined = () => undefined): ApiClient {
  const c = new ApiClient({ readConfigFile: false });
  c.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port });
  const t = transport();
  if (t) c.setHttpClient(t);
  c.setAccessToken('token');
  return c;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe.each(transports)('invoke on the %s transport', (_name, transport) => {
  it('resolves as usual with both options given, and sends neither as a parameter', async () => {
    const controller = new AbortController();
    await expect(
      invoke(client(transport), getUsersMe, [], { expand: ['presence'], signal: controller.signal, timeout: 5000 }),
    ).resolves.toEqual({ ok: true });
    expect(server.requests[0]!.url).toBe('/api/v2/users/me?expand=presence');
  });

  it('rejects with AbortError, sending nothing, when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await failure(invoke(client(transport), getUsersMe, [], { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects with AbortError when aborted while the request is in flight', async () => {
    const controller = new AbortController();
    server.handler = () => {
      controller.abort();
      return { hang: true };
    };
    const error = await failure(invoke(client(transport), getUsersMe, [], { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortError);
    expect(server.requests).toHaveLength(1);
  });

  it('ends a wait before a retry at once when aborted (503, Retry-After: 5)', async () => {
    const c = client(transport);
    const controller = new AbortController();
    server.handler = () => ({ status: 503, headers: { 'retry-after': '5' }, body: { message: 'busy' } });
    // Aborts once the 503 is in and the retry step has started waiting.
    c.use({ afterResponse: () => void setTimeout(() => controller.abort(), 0) });
    const error = (await failure(invoke(c, postThings, [{ a: 1 }], { signal: controller.signal }))) as Error;
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toMatch(/while waiting to retry/);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects with TimeoutError (timeoutMs 200) when the server never answers within { timeout: 200 }', async () => {
    const c = client(transport);
    c.setRetryOptions({ enabled: false });
    server.handler = () => ({ hang: true });
    const error = (await failure(invoke(c, getUsersMe, [], { timeout: 200 }))) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.timeoutMs).toBe(200);
  });
});

describe('invoke checks the options', () => {
  it.each([
    ['signal', {}],
    ['signal', 'abort'],
    ['signal', 1],
    ['signal', { aborted: false, addEventListener() {} }],
    ['timeout', -1],
    ['timeout', Number.NaN],
    ['timeout', '200'],
    ['timeout', Number.POSITIVE_INFINITY],
    ['timeout', 2 ** 31],
    ['timeout', {}],
  ])('%s: %p is an InvalidRequestError naming the option, and nothing is sent', async (option, value) => {
    const error = (await failure(invoke(client(), getUsersMe, [], { [option]: value }))) as Error;
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain(`"${option}"`);
    expect(error.message).toContain('getUsersMe');
    expect(server.requests).toHaveLength(0);
  });

  it('null is the same as leaving an option out (the reference passes nulls in opts)', async () => {
    await expect(invoke(client(), getUsersMe, [], { signal: null, timeout: null } as never)).resolves.toEqual({ ok: true });
  });
});

it('a transport written for the reference, which knows no signal, still stops the caller waiting on abort', async () => {
  class Hanging extends AbstractHttpClient {
    calls = 0;
    request(_options: HttpRequestOptions): Promise<unknown> {
      this.calls++;
      return new Promise(() => undefined);
    }
  }
  const hanging = new Hanging();
  const controller = new AbortController();
  const pending = failure(
    invoke(
      client(() => hanging),
      getUsersMe,
      [],
      { signal: controller.signal },
    ),
  );
  await new Promise((resolve) => setImmediate(resolve));
  controller.abort();
  expect(await pending).toBeInstanceOf(AbortError);
  expect(hanging.calls).toBe(1);
});

describe('logins', () => {
  const oauth = useOAuthServer();
  const logins: [string, (c: ApiClient, options: object) => Promise<unknown>][] = [
    ['loginClientCredentialsGrant', (c, o) => c.loginClientCredentialsGrant(CLIENT.id, CLIENT.secret, o)],
    ['loginSaml2BearerGrant', (c, o) => c.loginSaml2BearerGrant(CLIENT.id, CLIENT.secret, 'my-org', 'PHNhbWw-valid-assertion', o)],
    ['loginCodeAuthorizationGrant', (c, o) => c.loginCodeAuthorizationGrant(CLIENT.id, CLIENT.secret, 'good-code', 'https://app/cb', o)],
    ['refreshCodeAuthorizationGrant', (c, o) => c.refreshCodeAuthorizationGrant(CLIENT.id, CLIENT.secret, 'refresh-0', o)],
    ['authorizePKCEGrant', (c, o) => c.authorizePKCEGrant(CLIENT.id, 'verifier-'.padEnd(50, 'v'), 'pkce-code', 'https://app/cb', o)],
  ];

  describe.each(logins)('%s', (_name, login) => {
    it('rejects with AbortError when aborted against a token endpoint that hangs', async () => {
      oauth.settings.hang = true;
      const controller = new AbortController();
      const pending = failure(login(clientFor(oauth), { signal: controller.signal }));
      while (oauth.tokenRequests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      controller.abort();
      expect(await pending).toBeInstanceOf(AbortError);
      expect(oauth.tokenRequests).toHaveLength(1);
    });

    it('rejects with TimeoutError for { timeout: 200 } against a token endpoint that hangs', async () => {
      oauth.settings.hang = true;
      const c = clientFor(oauth);
      c.setRetryOptions({ enabled: false });
      const error = (await failure(login(c, { timeout: 200 }))) as TimeoutError;
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.timeoutMs).toBe(200);
    });

    it('refuses a signal that is not an AbortSignal, sending nothing', async () => {
      const error = (await failure(login(clientFor(oauth), { signal: 'stop' }))) as Error;
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error.message).toContain('"signal"');
      expect(oauth.tokenRequests).toHaveLength(0);
    });
  });
});

describe('a token renewal shared by several callers', () => {
  const oauth = useOAuthServer();
  const call = (c: ApiClient, signal?: AbortSignal) =>
    c.callApi('/api/v2/users/me', 'GET', {}, {}, {}, {}, null, ['PureCloud OAuth'], ['application/json'], ['application/json'], null, {
      ...(signal ? { signal } : {}),
    });

  it("is not aborted by one caller's signal: that caller stops waiting, the others get the new token", async () => {
    const c = clientFor(oauth);
    c.setRetryOptions({ enabled: false });
    await c.loginClientCredentialsGrant(CLIENT.id, CLIENT.secret);
    oauth.tokenRequests.length = 0;
    oauth.revokeAll();
    oauth.settings.delayMs = 300;
    const controller = new AbortController();
    const aborted = failure(call(c, controller.signal));
    const others = [call(c), call(c)];
    // Both have met the 401 and wait on the one renewal.
    while (oauth.tokenRequests.length === 0 || oauth.apiRequests.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const error = (await aborted) as Error;
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toMatch(/token renewal/);
    await expect(Promise.all(others)).resolves.toEqual([
      expect.objectContaining({ token: 'ok' }),
      expect.objectContaining({ token: 'ok' }),
    ]);
    expect(oauth.tokenRequests).toHaveLength(1);
  });
});
