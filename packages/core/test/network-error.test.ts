/**
 * A transport failure's NetworkError: its `code` found behind fetch's wrapping (the cause, or each
 * error of an AggregateError), and its `cause` a sanitised copy that keeps what identifies the
 * failure and nothing else.
 */
import { inspect } from 'node:util';
import { ApiClient, ConfigFileError, FetchHttpClient, NetworkError } from '../src/index.js';
import { sanitizeCause } from '../src/sanitize-cause.js';
import { errorCode } from '../src/transport/errors.js';
import { startServer, TRANSPORTS } from './support/server.js';

const refused = (address: string) =>
  Object.assign(new Error(`connect ECONNREFUSED ${address}:9`), {
    code: 'ECONNREFUSED',
    errno: -111,
    syscall: 'connect',
    address,
    port: 9,
  });

function clientOn(port: number, setup: (c: ApiClient) => void = () => undefined): ApiClient {
  const c = new ApiClient({ readConfigFile: false });
  c.setGateway({ host: '127.0.0.1', protocol: 'http', port });
  c.setRetryOptions({ enabled: false });
  setup(c);
  return c;
}

const get = (c: ApiClient) => c.callApi('/api/v2/users/me', 'GET', {}, {}, {}, {}, null, [], ['application/json'], ['application/json']);

describe('the code of a NetworkError', () => {
  it('is ECONNREFUSED on a closed port, on every transport alike', async () => {
    const closed = await startServer();
    await closed.close();
    const codes: unknown[] = [];
    for (const [, transport] of TRANSPORTS) {
      const given = transport();
      const error = await get(clientOn(closed.port, (c) => given && c.setHttpClient(given))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      codes.push((error as NetworkError).code);
    }
    expect(codes).toEqual(TRANSPORTS.map(() => 'ECONNREFUSED'));
  });

  it("is found in the errors of an AggregateError behind fetch's TypeError (one error per address tried)", async () => {
    const aggregate = new AggregateError([refused('::1'), refused('127.0.0.1')], 'connect failed');
    const fetchImpl = (() => Promise.reject(new TypeError('fetch failed', { cause: aggregate }))) as unknown as typeof fetch;
    const error = (await get(clientOn(9, (c) => c.setHttpClient(new FetchHttpClient(undefined, fetchImpl)))).catch(
      (e: unknown) => e,
    )) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.code).toBe('ECONNREFUSED');
    expect(error.message).toContain('ECONNREFUSED');
    // The sanitised chain still shows each address tried.
    const cause = error.cause as Error & { cause: AggregateError };
    expect(cause).toBeInstanceOf(TypeError);
    expect(cause.cause).toBeInstanceOf(AggregateError);
    expect(cause.cause.errors.map((e: { address?: string }) => e.address)).toEqual(['::1', '127.0.0.1']);
  });

  it('prefers the nearest code, and reads no further than a bounded search', () => {
    expect(errorCode(Object.assign(new Error('outer'), { code: 'EOUTER', cause: refused('a') }))).toBe('EOUTER');
    expect(errorCode(new TypeError('fetch failed', { cause: refused('a') }))).toBe('ECONNREFUSED');
    const cyclic: { cause?: unknown } = {};
    cyclic.cause = cyclic;
    expect(errorCode(cyclic)).toBeUndefined();
    expect(errorCode({ code: 20 })).toBeUndefined();
    expect(errorCode(null)).toBeUndefined();
  });
});

describe('sanitizeCause', () => {
  it("keeps name, scrubbed message and stack, and the identifying fields; drops the transport's request", () => {
    const axiosLike = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), {
      name: 'AxiosError',
      code: 'ECONNREFUSED',
      config: { headers: { Authorization: 'Bearer at-SECRET' } },
      request: { _header: 'Authorization: Bearer at-SECRET' },
      response: undefined,
      cause: refused('127.0.0.1'),
    });
    const copy = sanitizeCause(axiosLike) as Error & Record<string, unknown>;
    expect(copy).toBeInstanceOf(Error);
    expect(copy).not.toBe(axiosLike);
    expect(copy.name).toBe('AxiosError');
    expect(copy.message).toBe('connect ECONNREFUSED 127.0.0.1:9');
    expect(copy.code).toBe('ECONNREFUSED');
    expect(Reflect.ownKeys(copy).sort()).toEqual(['cause', 'code', 'message', 'name', 'stack']);
    expect(copy.cause).toMatchObject({ code: 'ECONNREFUSED', errno: -111, syscall: 'connect', address: '127.0.0.1', port: 9 });
    expect(inspect(copy, { depth: Infinity, showHidden: true })).not.toContain('SECRET');
  });

  it('scrubs credentials from messages and stacks', () => {
    const error = new Error('GET /x?access_token=tok-SECRET failed: Authorization: Bearer bearer-SECRET');
    const copy = sanitizeCause(error) as Error;
    expect(copy.message).not.toContain('SECRET');
    expect(copy.stack).not.toContain('SECRET');
    expect(sanitizeCause('token=str-SECRET')).not.toContain('SECRET');
  });

  it('keeps built-in error classes, and SDK errors as they are', () => {
    expect(sanitizeCause(new SyntaxError('Unexpected token'))).toBeInstanceOf(SyntaxError);
    const sdk = new ConfigFileError('bad file', '/tmp/x');
    expect(sanitizeCause(sdk)).toBe(sdk);
  });

  it('drops what is not an error or a primitive, cuts cyclic chains, survives throwing getters', () => {
    expect(sanitizeCause(() => 'x')).toBeUndefined();
    expect(sanitizeCause(42)).toBe(42);
    const cyclic = new Error('loop') as Error & { cause?: unknown };
    cyclic.cause = cyclic;
    let depth = 0;
    for (let e: unknown = sanitizeCause(cyclic); e instanceof Error; e = e.cause) depth++;
    expect(depth).toBeLessThanOrEqual(8);
    const hostile = Object.defineProperty(new Error('hostile'), 'code', {
      get() {
        throw new Error('no');
      },
    });
    expect((sanitizeCause(hostile) as Error).message).toBe('hostile');
  });
});
