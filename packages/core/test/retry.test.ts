/** Retries through the whole client, on a scripted transport and jest's fake clock: no real sleeps. */
import {
  AbstractHttpClient,
  ApiClient,
  ApiError,
  type HttpRequestOptions,
  NetworkError,
  RateLimitError,
  TimeoutError,
  type HttpResponse,
} from '../src/index.js';
import { backoffMs, mayRetryFailure, mayRetryStatus, serverWaitMs } from '../src/pipeline/retry.js';

type Script = (request: HttpRequestOptions, n: number) => HttpResponse | Error;

/** A transport that answers from a script and records when each attempt was sent (fake clock). */
class ScriptedClient extends AbstractHttpClient {
  readonly sentAt: number[] = [];
  readonly bodies: unknown[] = [];
  constructor(private readonly script: Script) {
    super();
  }
  async request(options: HttpRequestOptions): Promise<HttpResponse> {
    this.sentAt.push(Date.now());
    this.bodies.push(options.data);
    const result = this.script(options, this.sentAt.length);
    if (result instanceof Error) throw result;
    return result;
  }
}

const reply = (status: number, headers: Record<string, string> = {}): HttpResponse => ({
  status,
  statusText: String(status),
  headers,
  data: { status },
});
const refused = () => new NetworkError('refused', { code: 'ECONNREFUSED', method: 'POST', url: 'u' });
const reset = () => new NetworkError('reset', { code: 'ECONNRESET', method: 'POST', url: 'u' });

function setup(script: Script, retry: Parameters<ApiClient['setRetryOptions']>[0] = {}) {
  const client = new ApiClient({ readConfigFile: false });
  const transport = new ScriptedClient(script);
  client.setHttpClient(transport);
  client.setRetryOptions(retry);
  return { client, transport };
}

function call(client: ApiClient, method = 'GET', body: unknown = null): Promise<unknown> {
  return client.callApi('/api/v2/things', method, {}, {}, {}, {}, body, [], ['application/json'], ['application/json']);
}

/** Runs the call to completion on the fake clock; returns its outcome. */
async function settle(promise: Promise<unknown>): Promise<{ value?: unknown; error?: unknown }> {
  const outcome = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await jest.runAllTimersAsync();
  return outcome;
}

beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('retry timing', () => {
  it('waits exactly Retry-After seconds on a 429, then succeeds', async () => {
    const { client, transport } = setup((_r, n) => (n === 1 ? reply(429, { 'retry-after': '3' }) : reply(200)));
    const { value } = await settle(call(client));
    expect(value).toEqual({ status: 200 });
    expect(transport.sentAt[1]! - transport.sentAt[0]!).toBe(3000);
  });

  it('accepts Retry-After as an HTTP date', async () => {
    const when = new Date(Date.now() + 5000).toUTCString();
    const { client, transport } = setup((_r, n) => (n === 1 ? reply(503, { 'retry-after': when }) : reply(200)));
    await settle(call(client));
    expect(transport.sentAt[1]! - transport.sentAt[0]!).toBe(5000);
  });

  it('honours inin-ratelimit-reset when there is no Retry-After', async () => {
    const { client, transport } = setup((_r, n) => (n === 1 ? reply(429, { 'inin-ratelimit-reset': '2' }) : reply(200)));
    await settle(call(client));
    expect(transport.sentAt[1]! - transport.sentAt[0]!).toBe(2000);
  });

  it('backs off exponentially with full jitter when the server gives no wait', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.5);
    const { client, transport } = setup((_r, n) => (n <= 3 ? reply(502) : reply(200)), { base_delay_ms: 100, max_retries: 3 });
    await settle(call(client));
    const gaps = transport.sentAt.slice(1).map((t, i) => t - transport.sentAt[i]!);
    expect(gaps).toEqual([50, 100, 200]);
    jest.restoreAllMocks();
  });

  it('gives up after max_retries with the last response as the error', async () => {
    const { client, transport } = setup(() => reply(503), { max_retries: 2, base_delay_ms: 10 });
    const { error } = await settle(call(client));
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect(transport.sentAt).toHaveLength(3);
  });

  it('stops when the next wait would pass max_elapsed_ms', async () => {
    const { client, transport } = setup(() => reply(429, { 'retry-after': '40' }), { max_retries: 10, max_elapsed_ms: 100_000 });
    const { error } = await settle(call(client));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(transport.sentAt).toHaveLength(3);
    expect((error as RateLimitError).retryAfterMs).toBe(40_000);
  });

  it('fails at once with a RateLimitError when Retry-After is past the ceiling', async () => {
    const { client, transport } = setup(() => reply(429, { 'retry-after': '3600' }));
    const { error } = await settle(call(client));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(3_600_000);
    expect((error as Error).message).toMatch(/3600 s, more than the retry ceiling of 180 s/);
    expect(transport.sentAt).toHaveLength(1);
  });

  it('is off with one setting', async () => {
    const { client, transport } = setup(() => reply(503), { enabled: false });
    const { error } = await settle(call(client));
    expect((error as ApiError).status).toBe(503);
    expect(transport.sentAt).toHaveLength(1);
  });

  it('does not retry other statuses', async () => {
    const { client, transport } = setup(() => reply(500));
    await settle(call(client));
    expect(transport.sentAt).toHaveLength(1);
  });

  it('can be aborted while waiting', async () => {
    const { client, transport } = setup(() => reply(429, { 'retry-after': '60' }));
    const controller = new AbortController();
    const pending = client.callApi('/x', 'GET', {}, {}, {}, {}, null, [], [], [], null, { signal: controller.signal });
    const outcome = pending.then(
      () => 'resolved',
      (e: Error) => e.name,
    );
    await jest.advanceTimersByTimeAsync(1000);
    controller.abort();
    await jest.advanceTimersByTimeAsync(0);
    expect(await outcome).toBe('AbortError');
    expect(transport.sentAt).toHaveLength(1);
  });
});

describe('the non-idempotent rule', () => {
  it.each([
    ['POST', 429, 2],
    ['POST', 503, 2],
    ['POST', 502, 1],
    ['POST', 504, 1],
    ['PATCH', 502, 1],
    ['PUT', 502, 2],
    ['DELETE', 504, 2],
    ['GET', 504, 2],
  ])('%s answered %i is sent %i time(s)', async (method, status, sends) => {
    const { client, transport } = setup((_r, n) => (n === 1 ? reply(status) : reply(200)), { base_delay_ms: 10 });
    await settle(call(client, method, { a: 1 }));
    expect(transport.sentAt).toHaveLength(sends);
    if (sends === 2) expect(transport.bodies[1]).toEqual(transport.bodies[0]);
  });

  it.each([
    ['POST', 'refused (nothing sent)', refused, 2],
    ['POST', 'reset (maybe sent)', reset, 1],
    ['GET', 'reset', reset, 2],
    ['POST', 'timeout', () => new TimeoutError('t', { method: 'POST', url: 'u' }), 1],
    ['GET', 'timeout', () => new TimeoutError('t', { method: 'GET', url: 'u' }), 2],
  ])('%s after a connection failure (%s) is sent %i time(s)', async (method, _what, failure, sends) => {
    const { client, transport } = setup((_r, n) => (n === 1 ? failure() : reply(200)), { base_delay_ms: 10 });
    await settle(call(client, method, { a: 1 }));
    expect(transport.sentAt).toHaveLength(sends);
  });

  it('never re-sends a stream body', () => {
    const stream = { pipe() {}, on() {} };
    expect(mayRetryStatus({ method: 'PUT', body: stream }, 503)).toBe(false);
    expect(mayRetryFailure({ method: 'PUT', body: stream }, refused())).toBe(false);
  });
});

describe('helpers', () => {
  it('parses server waits', () => {
    expect(serverWaitMs({ 'retry-after': '1.5' })).toBe(1500);
    expect(serverWaitMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:10 GMT' }, Date.parse('2026-01-01T00:00:00Z'))).toBe(10_000);
    expect(serverWaitMs({ 'retry-after': 'soon' })).toBeUndefined();
    expect(serverWaitMs({ 'inin-ratelimit-reset': '4' })).toBe(4000);
    expect(serverWaitMs({})).toBeUndefined();
  });

  it('caps full-jitter backoff', () => {
    const settings = { base_delay_ms: 500, max_delay_ms: 3000 };
    expect(backoffMs(0, settings, () => 0.999)).toBe(499);
    expect(backoffMs(10, settings, () => 0.999)).toBe(2997);
    expect(backoffMs(3, settings, () => 0)).toBe(0);
  });
});

describe('setRetryOptions', () => {
  it('takes whole numbers and booleans, as the file does, and names what it refuses', () => {
    const client = new ApiClient({ readConfigFile: false });
    client.setRetryOptions({ max_retries: 5, base_delay_ms: 250, enabled: true, max_delay_ms: undefined });
    expect(client.config.retry).toMatchObject({ max_retries: 5, base_delay_ms: 250, enabled: true });
    expect(() => client.setRetryOptions({ max_retries: 2.5 })).toThrow(
      new TypeError('retry option "max_retries" must be a non-negative whole number, got 2.5'),
    );
    expect(() => client.setRetryOptions({ base_delay_ms: -1 })).toThrow(/"base_delay_ms" must be a non-negative whole number, got -1/);
    expect(() => client.setRetryOptions({ max_elapsed_ms: Infinity })).toThrow(TypeError);
    expect(() => client.setRetryOptions({ enabled: 'yes' as unknown as boolean })).toThrow(/"enabled" must be a boolean/);
    expect(() => client.setRetryOptions({ retries: 3 } as never)).toThrow(/Unknown retry option "retries"/);
    // A refused call changes nothing.
    expect(client.config.retry.max_retries).toBe(5);
  });
});
