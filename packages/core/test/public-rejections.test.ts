/**
 * Every rejection of every public method is an `Error`, systematically: each public method of
 * `ApiClient.prototype` (callApi, every login, every setter…), of the transports and of
 * `HttpRequestOptions`, and each function and class the core exports, is called with hostile
 * inputs — undefined, null, numbers, NaN, objects whose getters (or every proxy trap) throw a
 * string, circular objects, strings with CR/LF, a 1 MB string, `__proto__` keys, symbols, BigInts,
 * functions — in every argument position, and once in all positions at once. Calls that
 * reach the network go to a local server that answers 400. Failures:
 *   - a promise that rejects with anything but an Error, or that does not settle;
 *   - a synchronous throw that is not an Error, except the caller's own value passing through
 *     (what a throwing getter or proxy trap of the argument threw, re-thrown by a synchronous setter).
 * Errors are recognised across realms (`util.types.isNativeError`): jest runs tests in a VM context
 * whose `Error` is not Node's.
 */
import { types } from 'node:util';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as core from '../src/index.js';
import * as internal from '../src/internal.js';
import { ApiClient, DefaultHttpClient, FetchHttpClient, HttpRequestOptions } from '../src/index.js';
import { startServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer(() => ({ status: 400, body: { message: 'bad request', code: 'bad.request' } }));
});
afterAll(() => server.close());

function hostileValues(): [string, unknown][] {
  const circular: Record<string, unknown> = { a: 'b' };
  circular['self'] = circular;
  const trapsThrow = new Proxy(
    {},
    Object.fromEntries(
      ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'set', 'defineProperty', 'apply'].map((trap) => [
        trap,
        () => {
          throw `the ${trap} trap says no`;
        },
      ]),
    ),
  );
  const getterThrows = Object.defineProperty({ name: 'x' }, 'value', {
    enumerable: true,
    get() {
      throw { not: 'an Error' };
    },
  });
  return [
    ['undefined', undefined],
    ['null', null],
    ['0', 0],
    ['-1', -1],
    ['NaN', Number.NaN],
    ['the empty string', ''],
    ['a string with CR/LF', 'x\r\nX-Injected: 1\r\n\r\nGET /evil HTTP/1.1'],
    ['a 1 MB string', 'a'.repeat(1 << 20)],
    ['an empty object', {}],
    ['an array', ['a', 1, null]],
    ['an object whose getter throws a non-Error', getterThrows],
    ['a proxy whose every trap throws a string', trapsThrow],
    ['a circular object', circular],
    ['an object with a __proto__ key', JSON.parse('{"__proto__": {"polluted": "yes"}, "a": "b"}') as unknown],
    ['an object without a prototype', Object.create(null) as unknown],
    ['a symbol', Symbol('hostile')],
    ['a BigInt', 10n],
    ['a function', () => 'x'],
  ];
}

const HANG_MS = 10_000;
const HANG = Symbol('hang');

function describeValue(value: unknown): string {
  try {
    if (typeof value === 'string') return JSON.stringify(value.slice(0, 60));
    if (typeof value === 'symbol' || typeof value === 'bigint') return String(value);
    return Object.prototype.toString.call(value);
  } catch {
    return 'an indescribable value';
  }
}

function isError(value: unknown): boolean {
  try {
    return value instanceof Error || types.isNativeError(value);
  } catch {
    return false;
  }
}

/** What the hostile values themselves throw (their getters and proxy traps): a synchronous method may let these through. */
const OWN_THROWS = /trap says no|^\[object Object\]$/;

/** undefined when `call` returns, resolves, throws an Error or rejects with one; otherwise what went wrong. */
async function problemOf(call: () => unknown): Promise<string | undefined> {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    if (isError(error)) return undefined;
    const thrown = describeValue(error);
    return OWN_THROWS.test(thrown.replace(/^"|"$/g, '')) ? undefined : `threw ${thrown}`;
  }
  if (!(result instanceof Promise)) return undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const settled = await Promise.race([
      result,
      new Promise((resolve) => {
        timer = setTimeout(() => resolve(HANG), HANG_MS);
      }),
    ]);
    return settled === HANG ? `did not settle within ${HANG_MS} ms` : undefined;
  } catch (error) {
    return isError(error) ? undefined : `rejected with ${describeValue(error)}`;
  } finally {
    clearTimeout(timer);
  }
}

type Target = () => Record<string, unknown>;

/** The methods of a prototype (its own and its parents' up to Object), without the constructor and accessors. */
function methodsOf(proto: object): string[] {
  const names = new Set<string>();
  for (let p = proto; p && p !== Object.prototype; p = Object.getPrototypeOf(p) as object) {
    for (const name of Object.getOwnPropertyNames(p)) {
      const descriptor = Object.getOwnPropertyDescriptor(p, name)!;
      if (name !== 'constructor' && typeof descriptor.value === 'function') names.add(name);
    }
  }
  return [...names].sort();
}

function freshClient(): ApiClient {
  const client = new ApiClient({ readConfigFile: false });
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port });
  client.setRetryOptions({ enabled: false });
  client.timeout = 2000;
  return client;
}

/** Calls `name` on a fresh target with `value` in each argument position (others a plain string), then in all. */
async function probe(target: Target, name: string, arity: number): Promise<string[]> {
  const problems: string[] = [];
  const positions = Math.max(arity, 1) + 1;
  for (const [label, value] of hostileValues()) {
    const argLists: unknown[][] = [];
    for (let i = 0; i < positions; i++) argLists.push(Array.from({ length: positions }, (_, j) => (j === i ? value : 'x')));
    argLists.push(Array.from({ length: positions }, () => value));
    for (const [n, args] of argLists.entries()) {
      const instance = target();
      const problem = await problemOf(() => (instance[name] as (...a: unknown[]) => unknown)(...args));
      if (problem) problems.push(`${name}(${n < positions ? `argument ${n + 1}` : 'every argument'} = ${label}) ${problem}`);
    }
  }
  return problems;
}

/** TypeScript's `private` members are on the prototype too; they are not public methods. */
const privateNames = new Set(
  [...readFileSync(join(__dirname, '../src/ApiClient.ts'), 'utf8').matchAll(/^ {2}private (?:async |static )*(\w+)\(/gm)].map((m) => m[1]!),
);
const apiClientMethods = methodsOf(ApiClient.prototype).filter((name) => !privateNames.has(name));

it('walks the whole public surface of ApiClient', () => {
  for (const name of [
    'callApi',
    'loginClientCredentialsGrant',
    'loginSaml2BearerGrant',
    'loginCodeAuthorizationGrant',
    'refreshCodeAuthorizationGrant',
    'authorizePKCEGrant',
    'loginImplicitGrant',
    'loginPKCEGrant',
    'setDefaultHeaders',
    'setAccessToken',
    'setEnvironment',
    'setGateway',
    'setRetryOptions',
    'setHttpClient',
    'use',
    'logout',
  ])
    expect(apiClientMethods).toContain(name);
  expect(apiClientMethods.length).toBeGreaterThan(50);
});

describe.each(apiClientMethods)('ApiClient.prototype.%s', (name) => {
  it('throws and rejects only with Errors, and settles, whatever it is given', async () => {
    const arity = (ApiClient.prototype as unknown as Record<string, (...a: unknown[]) => unknown>)[name]!.length;
    expect(await probe(() => freshClient() as unknown as Record<string, unknown>, name, name === 'callApi' ? 12 : arity)).toEqual([]);
  }, 120_000);
});

const transportTargets: [string, Target, object][] = [
  ['DefaultHttpClient', () => new DefaultHttpClient() as unknown as Record<string, unknown>, DefaultHttpClient.prototype],
  ['FetchHttpClient', () => new FetchHttpClient() as unknown as Record<string, unknown>, FetchHttpClient.prototype],
  [
    'HttpRequestOptions',
    () => new HttpRequestOptions(server.url, 'GET') as unknown as Record<string, unknown>,
    HttpRequestOptions.prototype,
  ],
];

describe.each(transportTargets)('%s', (_className, target, proto) => {
  it.each(methodsOf(proto))('.%s throws and rejects only with Errors', async (name) => {
    const arity = (proto as Record<string, (...a: unknown[]) => unknown>)[name]!.length;
    expect(await probe(target, name, arity)).toEqual([]);
  });
});

describe('the functions and classes the core exports (both entry points)', () => {
  const exported = Object.entries({ ...core, ...internal }).filter(([, value]) => typeof value === 'function') as [
    string,
    (...a: unknown[]) => unknown,
  ][];

  it('are all walked', () => {
    expect(exported.map(([name]) => name)).toEqual(
      expect.arrayContaining(['invoke', 'defineOperations', 'paginate', 'ApiClient', 'computePKCECodeChallenge']),
    );
  });

  it.each(exported)(
    '%s, called (or constructed) with hostile arguments',
    async (name, fn) => {
      const isClass = /^[A-Z]/.test(name);
      const holder = {
        [name]: (...args: unknown[]) => {
          const result = isClass ? new (fn as unknown as new (...a: unknown[]) => unknown)(...args) : fn(...args);
          // An async iterator (paginate): its first step must reject with an Error too.
          const next = (result as { next?: unknown } | null)?.next;
          if (typeof next === 'function') return (next as () => unknown).call(result);
          return result;
        },
      };
      const arity = name === 'invoke' ? 5 : fn.length;
      expect(await probe(() => holder, name, arity)).toEqual([]);
    },
    120_000,
  );

  it('invoke with a real client and descriptor, hostile arguments and opts', async () => {
    const op: internal.OperationDescriptor = {
      name: 'getThing',
      method: 'POST',
      path: '/api/v2/things/{id}',
      params: [
        ['id', 'path', '', '', 0],
        ['q', 'query', '', '', 1],
        ['list', 'query', '', 'multi'],
        ['h', 'header'],
        ['body', 'body', '', '', 2],
      ],
    };
    const problems: string[] = [];
    for (const [label, value] of hostileValues()) {
      for (const [where, args, opts] of [
        ['id', [value, 'q', {}], {}],
        ['q', ['id', value, {}], {}],
        ['body', ['id', 'q', value], {}],
        ['opts', ['id', 'q', {}], value],
        ['opts.list', ['id', 'q', {}], { list: value }],
        ['opts.h', ['id', 'q', {}], { h: value }],
        ['opts.customHeaders', ['id', 'q', {}], { customHeaders: value }],
        ['opts.signal', ['id', 'q', {}], { signal: value }],
        ['opts.timeout', ['id', 'q', {}], { timeout: value }],
      ] as [string, unknown[], unknown][]) {
        const problem = await problemOf(() => internal.invoke(freshClient(), op, args, opts as internal.OperationOpts));
        if (problem) problems.push(`invoke(${where} = ${label}) ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
