/**
 * Failures that are the caller's fault, or that happen before anything was sent: bodies that cannot
 * become JSON (InvalidRequestError, nothing on the wire, both transports); a login meeting a 429
 * past the retry ceiling (a RateLimitError, not a bare object); a POST whose connection timed out
 * before it existed (retried: nothing was sent); hooks and custom transports that throw or reject
 * with something that is not an Error (wrapped into one).
 */
import { Agent } from 'node:http';
import { Socket } from 'node:net';
import {
  AbstractHttpClient,
  ApiClient,
  FetchHttpClient,
  GcsdkError,
  InvalidRequestError,
  NetworkError,
  RateLimitError,
  TimeoutError,
  type HttpRequestOptions,
} from '../src/index.js';
import { mayRetryFailure } from '../src/pipeline/retry.js';
import { clientFor, CLIENT, useOAuthServer } from './support/oauth-server.js';
import { TRANSPORTS, useTestServer } from './support/server.js';

const server = useTestServer();

const transports = TRANSPORTS;

function client(transport: () => AbstractHttpClient | undefined = () => undefined, url = server.url): ApiClient {
  const parsed = new URL(url);
  const c = new ApiClient({ readConfigFile: false });
  c.setGateway({ host: parsed.hostname, protocol: parsed.protocol.replace(':', ''), port: Number(parsed.port) });
  const t = transport();
  if (t) c.setHttpClient(t);
  c.setAccessToken('token');
  return c;
}

const post = (c: ApiClient, body: unknown) =>
  c.callApi('/api/v2/things', 'POST', {}, {}, {}, {}, body, ['PureCloud OAuth'], ['application/json'], ['application/json']);

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

function bodies(): [string, unknown, RegExp][] {
  const circular: Record<string, unknown> = { name: 'x' };
  circular['self'] = circular;
  const deepCircle: unknown[] = [];
  deepCircle.push({ list: [deepCircle] });
  return [
    ['a circular object', circular, /circular/],
    ['a circle through an array', deepCircle, /circular/],
    ['an object holding a BigInt', { count: 10n }, /BigInt/],
    ['a BigInt', 10n, /bigint/],
    ['a symbol', Symbol('s'), /symbol/],
    [
      'an object whose toJSON throws',
      {
        toJSON() {
          throw new Error('no JSON for you');
        },
      },
      /no JSON for you/,
    ],
    [
      'an object with a throwing getter',
      Object.defineProperty({}, 'secret', {
        enumerable: true,
        get() {
          throw 'getter says no';
        },
      }),
      /getter says no/,
    ],
  ];
}

describe.each(transports)('bodies that cannot become JSON, %s transport', (_name, transport) => {
  it.each(bodies())('%s: InvalidRequestError naming the problem, nothing sent', async (_what, body, problem) => {
    const error = (await failure(post(client(transport), body))) as Error;
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toMatch(/request body/);
    expect(error.message).toMatch(problem);
    expect(server.requests).toHaveLength(0);
  });

  it('a body a beforeRequest hook made circular: InvalidRequestError, nothing sent', async () => {
    const c = client(transport);
    c.use({
      beforeRequest(request) {
        const body = request.body as Record<string, unknown>;
        body['again'] = body;
      },
    });
    const error = (await failure(post(c, { a: 1 }))) as Error;
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toMatch(/circular/);
    expect(server.requests).toHaveLength(0);
  });

  it('valid bodies still go as JSON (0, false, strings, nested)', async () => {
    const c = client(transport);
    await post(c, { n: 0, ok: false, list: [1, 'two', null], nested: { d: new Date(0) } });
    expect(server.requests[0]!.body).toBe('{"n":0,"ok":false,"list":[1,"two",null],"nested":{"d":"1970-01-01T00:00:00.000Z"}}');
  });
});

describe.each(transports)('strings with no URL encoding (a lone surrogate), %s transport', (_name, transport) => {
  const get = (c: ApiClient, pathParams: Record<string, unknown>, query: Record<string, unknown>) =>
    c.callApi(
      '/api/v2/things/{id}',
      'GET',
      pathParams,
      query,
      {},
      {},
      null,
      ['PureCloud OAuth'],
      ['application/json'],
      ['application/json'],
    );

  // Before: a query value failed inside the transport, as a NetworkError retried for seconds; a path value as a bare URIError.
  it.each([
    ['a query value', { id: 'a' }, { q: 'ok\uD800' }, /query parameter "q".*lone surrogate \(U\+D800\)/],
    ['a query value (low half)', { id: 'a' }, { q: ['x', '\uDC00y'] }, /query parameter "q".*lone surrogate \(U\+DC00\)/],
    ['a path value', { id: '\uDBFFz' }, {}, /path parameter "id".*lone surrogate \(U\+DBFF\)/],
  ])('%s: InvalidRequestError at once, nothing sent, no retry', async (_what, pathParams, query, message) => {
    const started = Date.now();
    const error = (await failure(get(client(transport), pathParams, query))) as Error;
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toMatch(message);
    expect(server.requests).toHaveLength(0);
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('a whole surrogate pair (an emoji) is sent, encoded', async () => {
    await get(client(transport), { id: '😀' }, { q: '😀' });
    expect(server.requests[0]!.url).toBe('/api/v2/things/%F0%9F%98%80?q=%F0%9F%98%80');
  });
});

describe('a login meeting a 429 past the retry ceiling', () => {
  const oauth = useOAuthServer();
  it('rejects with a RateLimitError (an Error), not the internal ceiling marker', async () => {
    // The test server answers with this reply as it is, headers included.
    oauth.settings.fail = { status: 429, body: { error: 'slow_down' }, headers: { 'retry-after': '3600' } } as typeof oauth.settings.fail;
    const c = clientFor(oauth);
    const error = (await failure(c.loginClientCredentialsGrant(CLIENT.id, CLIENT.secret))) as RateLimitError;
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(oauth.tokenRequests).toHaveLength(1);
  });
});

describe('a POST whose connection timed out before it existed is retried (nothing was sent)', () => {
  it('the rule: a connect timeout is a failure before sending, a response timeout is not', () => {
    const connect = new TimeoutError('t', { code: 'UND_ERR_CONNECT_TIMEOUT', method: 'POST', url: 'u' });
    const response = new TimeoutError('t', { code: 'ECONNABORTED', method: 'POST', url: 'u' });
    const osConnect = new TimeoutError('t', {
      code: 'ETIMEDOUT',
      method: 'POST',
      url: 'u',
      cause: Object.assign(new Error('connect ETIMEDOUT 10.0.0.1:443'), { code: 'ETIMEDOUT', syscall: 'connect' }),
    });
    expect(mayRetryFailure({ method: 'POST', body: {} }, connect)).toBe(true);
    expect(mayRetryFailure({ method: 'POST', body: {} }, osConnect)).toBe(true);
    expect(mayRetryFailure({ method: 'POST', body: {} }, response)).toBe(false);
    expect(mayRetryFailure({ method: 'GET', body: undefined }, response)).toBe(true);
  });

  it('axios: Node’s `connect ETIMEDOUT` (syscall connect) is retried for a POST, then the call succeeds', async () => {
    let connections = 0;
    const agent = new Agent();
    const real = agent.createConnection.bind(agent);
    (agent as unknown as { createConnection: typeof real }).createConnection = (options, callback) => {
      connections++;
      if (connections > 1) return real(options, callback);
      const socket = new Socket();
      const error = Object.assign(new Error('connect ETIMEDOUT 10.255.255.1:80'), { code: 'ETIMEDOUT', errno: -110, syscall: 'connect' });
      process.nextTick(() => socket.destroy(error));
      return socket;
    };
    const c = client();
    c.setRetryOptions({ base_delay_ms: 1 });
    c.getHttpClient().setHttpAgent(agent);
    await expect(post(c, { a: 1 })).resolves.toEqual({ ok: true });
    expect(connections).toBe(2);
    expect(server.requests).toHaveLength(1);
    agent.destroy();
  });

  it('fetch: undici’s UND_ERR_CONNECT_TIMEOUT is retried for a POST, then the call succeeds', async () => {
    let calls = 0;
    const fakeFetch = ((input: string, init: RequestInit) => {
      calls++;
      if (calls === 1) {
        const cause = Object.assign(new Error('Connect Timeout Error'), { code: 'UND_ERR_CONNECT_TIMEOUT' });
        return Promise.reject(new TypeError('fetch failed', { cause }));
      }
      return fetch(input, init);
    }) as typeof fetch;
    const c = client(() => new FetchHttpClient(undefined, fakeFetch));
    c.setRetryOptions({ base_delay_ms: 1 });
    await expect(post(c, { a: 1 })).resolves.toEqual({ ok: true });
    expect(calls).toBe(2);
    expect(server.requests).toHaveLength(1);
  });

  it('a POST whose response timed out (the server may have acted) is not retried', async () => {
    server.handler = () => ({ hang: true });
    const c = client();
    c.setRetryOptions({ base_delay_ms: 1 });
    c.timeout = 100;
    expect(await failure(post(c, { a: 1 }))).toBeInstanceOf(TimeoutError);
    expect(server.requests).toHaveLength(1);
  });
});

/** Non-Error values user code may throw. */
const thrown: [string, unknown][] = [
  ['a string', 'hook failed'],
  ['a plain object', { reason: 'hook failed' }],
  ['null', null],
  ['undefined', undefined],
  ['a number', 42],
  ['an object without a prototype', Object.create(null) as unknown],
];

describe('hooks that throw', () => {
  const get = (c: ApiClient) =>
    c.callApi('/api/v2/things', 'GET', {}, {}, {}, {}, null, ['PureCloud OAuth'], ['application/json'], ['application/json']);

  const kinds: [string, (c: ApiClient, value: unknown) => void][] = [
    ['use({ beforeRequest })', (c, v) => c.use({ beforeRequest: () => Promise.reject(v) })],
    [
      'use({ afterResponse })',
      (c, v) =>
        c.use({
          afterResponse() {
            throw v;
          },
        }),
    ],
    [
      'use({ onError }) after a failure',
      (c, v) => {
        server.handler = () => ({ status: 404, body: { message: 'nope' } });
        c.use({
          onError() {
            throw v;
          },
        });
      },
    ],
    [
      'setPreHook (axios)',
      (c, v) =>
        c.setPreHook((_config) => {
          throw v;
        }),
    ],
    [
      'setPostHook (axios)',
      (c, v) =>
        c.setPostHook((_response) => {
          throw v;
        }),
    ],
    [
      'setPreHook (fetch)',
      (c, v) => {
        c.setHttpClient(new FetchHttpClient());
        c.setPreHook((_config) => {
          throw v;
        });
      },
    ],
    [
      'setPostHook (fetch)',
      (c, v) => {
        c.setHttpClient(new FetchHttpClient());
        c.setPostHook((_response) => {
          throw v;
        });
      },
    ],
  ];

  describe.each(kinds)('%s', (_kind, install) => {
    it.each(thrown)('throwing %s: the call rejects with an Error that keeps it as cause', async (_what, value) => {
      const c = client();
      c.setRetryOptions({ enabled: false });
      install(c, value);
      const error = (await failure(get(c))) as Error;
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(GcsdkError);
      expect(error.message).toMatch(/hook threw a value that is not an Error/i);
    });

    it('throwing an Error: the call rejects with that very Error', async () => {
      const c = client();
      c.setRetryOptions({ enabled: false });
      const mine = new RangeError('my hook failed');
      install(c, mine);
      expect(await failure(get(c))).toBe(mine);
    });
  });
});

describe('a transport written for the reference that rejects with something that is not an Error', () => {
  class Rejecting extends AbstractHttpClient {
    constructor(private readonly value: () => unknown) {
      super();
    }
    request(_options: HttpRequestOptions): Promise<unknown> {
      return Promise.reject(this.value());
    }
  }
  it.each([
    ...thrown,
    [
      'an object whose `response` getter throws',
      Object.defineProperty({}, 'response', {
        get: () => {
          throw 'no';
        },
      }),
    ],
  ])('rejecting with %s: the call rejects with a NetworkError', async (_what, value) => {
    const c = client(() => new Rejecting(() => value));
    c.setRetryOptions({ enabled: false });
    const error = await failure(post(c, { a: 1 }));
    expect(error).toBeInstanceOf(NetworkError);
  });

  it('throwing synchronously from request(): a NetworkError', async () => {
    class Throwing extends AbstractHttpClient {
      request(): Promise<unknown> {
        throw 'sync failure';
      }
    }
    const c = client(() => new Throwing());
    c.setRetryOptions({ enabled: false });
    expect(await failure(post(c, { a: 1 }))).toBeInstanceOf(NetworkError);
  });

  it('resolving with a response whose fields throw: a NetworkError', async () => {
    class Hostile extends AbstractHttpClient {
      request(): Promise<unknown> {
        return Promise.resolve(
          Object.defineProperty({}, 'status', {
            get() {
              throw { not: 'an error' };
            },
          }),
        );
      }
    }
    const c = client(() => new Hostile());
    c.setRetryOptions({ enabled: false });
    expect(await failure(post(c, { a: 1 }))).toBeInstanceOf(NetworkError);
  });
});
