/**
 * Bad input over every operation of the spec (all 3,468 methods of the 87 API classes), through the
 * built umbrella, with a transport that records each request and answers 200 `{}` (nothing leaves
 * the process). Every call must return a promise (never throw synchronously) and settle with either
 * a documented error (MissingParameterError / InvalidRequestError, nothing sent) or exactly one
 * request that goes where the operation's path template says.
 *
 *   (a) every required parameter of every operation, `undefined` and `null`: MissingParameterError
 *       with the reference's message (`Missing the required parameter "x" when calling op`), nothing sent;
 *   (b) wrong types (objects, arrays, numbers, booleans, functions, symbols, BigInt, objects whose getter
 *       or toString throws…) in every parameter of every operation: one value per parameter, rotating
 *       through the list with the operation's and the parameter's index, so every operation gets at
 *       least one and every value meets every location;
 *   (c) path values that need encoding, in every path parameter of every operation that has one: the
 *       URL's path, split on `/`, has exactly the template's segments, each parameter segment decoding
 *       back to the value, and a URL parser leaves it as it is (no dot-segment resolution, no `?`/`#`).
 *       `.` and `..` are refused (InvalidRequestError naming the parameter), as are strings with a lone
 *       surrogate, which have no URL encoding (core's wire.assertEncodable). The same strings in a query
 *       parameter (one string query parameter per operation that has one) round-trip through the
 *       fetch transport's URL, or are refused in the same way;
 *   (d) header injection through customHeaders, setDefaultHeaders and setGenesysAppHeader (CR, LF, NUL
 *       in names and values, names that are not RFC 7230 tokens): InvalidRequestError naming the header,
 *       nothing sent (the setters throw it at once; customHeaders, and a default header smuggled in by
 *       mutating getDefaultHeaders(), reject the call).
 */
import { byTag, className, jsName, valueFor, type SpecOp, type SpecParam } from './support/differential';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require('@gcsdk/platform-client') as Record<string, unknown> & {
  ApiClientClass: new (options?: object) => Client;
  AbstractHttpClient: new () => object;
  FetchHttpClient: new (timeout?: number | null, fetchImpl?: typeof fetch) => object;
};

interface Client {
  setHttpClient(client: object): void;
  setAccessToken(token: string): void;
  setRetryOptions(options: object): void;
  setDefaultHeaders(headers: Record<string, string>): void;
  getDefaultHeaders(): Record<string, string>;
  setGenesysAppHeader(value: string): void;
  close(): void;
}

interface Sent {
  method: string;
  url: string;
}

/** Records every request; answers 200 `{}`. */
class Capture extends sdk.AbstractHttpClient {
  readonly sent: Sent[] = [];
  request(options: { url: string; method: string }): Promise<unknown> {
    this.sent.push({ method: options.method, url: options.url });
    return Promise.resolve({ status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, data: {} });
  }
}

const BASE = 'https://api.mypurecloud.com';
const capture = new Capture();
const client = new sdk.ApiClientClass({ readConfigFile: false });
client.setHttpClient(capture);
client.setAccessToken('bad-input-token');
client.setRetryOptions({ enabled: false });
afterAll(() => client.close());

type Method = (...args: unknown[]) => Promise<unknown>;
const apis = new Map<string, Record<string, Method>>();
/** The operation's method on an API object of `tag` built with `c`. */
function methodOf(tag: string, op: SpecOp, c: Client = client): Method {
  let api = c === client ? apis.get(tag) : undefined;
  if (!api) {
    api = new (sdk[className(tag)] as new (c: Client) => Record<string, Method>)(c);
    if (c === client) apis.set(tag, api);
  }
  return api[op.operationId]!.bind(api);
}

/** Each operation's path, from the spec (the operations of `byTag` do not carry it). */
const pathOf = new Map<string, string>();
{
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const spec = require('../../../spec/platform-api.swagger.json') as { paths: Record<string, Record<string, SpecOp>> };
  for (const [path, item] of Object.entries(spec.paths)) for (const op of Object.values(item)) pathOf.set(op.operationId, path);
}
/** Every generated method: [tag, operation, path template]. */
const all: [string, SpecOp, string][] = [];
for (const [tag, ops] of byTag) for (const op of ops) all.push([tag, op, pathOf.get(op.operationId)!]);

const counts = { operations: all.length, calls: 0, refusals: 0, sent: 0 };
afterAll(() => {
  console.log(
    `bad input: ${counts.operations} operations, ${counts.calls} calls, ${counts.refusals} refused (nothing sent), ${counts.sent} requests sent`,
  );
});

interface Outcome {
  /** What the method threw synchronously, if it did (never allowed). */
  thrown?: unknown;
  error?: Error;
  sent: Sent[];
}

/** Calls without letting a synchronous throw escape, and settles. */
async function attempt(method: Method, args: unknown[], recorder: { sent: Sent[] } = capture): Promise<Outcome> {
  const before = recorder.sent.length;
  counts.calls++;
  let promise: unknown;
  try {
    promise = method(...args);
  } catch (thrown) {
    return { thrown, sent: recorder.sent.slice(before) };
  }
  if (!(promise instanceof Promise)) return { thrown: new Error(`returned ${typeof promise}, not a promise`), sent: [] };
  const error = await promise.then(
    () => undefined,
    (e: unknown) => (e instanceof Error ? e : new Error(`rejected with a non-Error: ${String(e)}`)),
  );
  const sent = recorder.sent.slice(before);
  if (error && sent.length === 0) counts.refusals++;
  counts.sent += sent.length;
  return error ? { error, sent } : { sent };
}

const required = (op: SpecOp) => (op.parameters ?? []).filter((p) => p.required);
/** Arguments for an operation: valid required values, no options. */
const validArgs = (op: SpecOp) => required(op).map((p, i) => valueFor(p, i));

/** The template's segments and which of them are parameters. */
function template(path: string): { segments: string[]; params: (string | undefined)[] } {
  const segments = path.split('/');
  return { segments, params: segments.map((s) => /^\{([\w-]+)\}$/.exec(s)?.[1]) };
}

/**
 * Problems with a sent URL, given the template and the value each path parameter (by wire name) should
 * decode back to (undefined: any non-empty, non-dot value).
 */
function pathProblems(url: string, path: string, expected: (name: string) => string | undefined): string[] {
  if (!url.startsWith(BASE + '/')) return [`went to ${url}`];
  const raw = url.slice(BASE.length);
  const problems: string[] = [];
  if (/[?#]/.test(raw)) problems.push(`its path holds ? or #: ${raw.slice(0, 200)}`);
  const parsed = new URL(url);
  if (parsed.pathname !== raw) problems.push(`a URL parser reads another path: ${parsed.pathname.slice(0, 200)}`);
  const got = raw.split('/');
  const want = template(path);
  if (got.length !== want.segments.length) return [...problems, `${got.length} segments, the template has ${want.segments.length}`];
  want.segments.forEach((segment, i) => {
    const name = want.params[i];
    if (name === undefined) {
      if (got[i] !== segment) problems.push(`segment ${i} is ${got[i]}, not ${segment}`);
      return;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(got[i]!);
    } catch {
      problems.push(`segment ${i} does not decode: ${got[i]!.slice(0, 100)}`);
      return;
    }
    const value = expected(name);
    if (value !== undefined ? decoded !== value : decoded === '' || decoded === '.' || decoded === '..')
      problems.push(`{${name}} decodes to ${JSON.stringify(decoded.slice(0, 100))}, expected ${JSON.stringify(value?.slice(0, 100))}`);
  });
  return problems;
}

function describeOutcome(outcome: Outcome): string {
  if (outcome.thrown !== undefined) return `threw synchronously: ${String(outcome.thrown)}`;
  return outcome.error ? `${outcome.error.name}: ${outcome.error.message.slice(0, 200)}` : `sent ${outcome.sent.length}`;
}

let unhandled = 0;
const onUnhandled = () => void unhandled++;
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

it('covers every operation of the spec, each with its path', () => {
  expect(new Set(all.map(([tag]) => tag)).size).toBe(87);
  expect(all).toHaveLength(3468);
  expect(all.every(([, , path]) => typeof path === 'string' && path.startsWith('/'))).toBe(true);
});

describe('(a) a required parameter missing', () => {
  it('rejects with MissingParameterError naming it, for undefined and null, for every required parameter of every operation; sends nothing', async () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [tag, op] of all) {
      const method = methodOf(tag, op);
      const valid = validArgs(op);
      for (const [index, parameter] of required(op).entries()) {
        for (const missing of [undefined, null]) {
          const args = valid.map((v, j) => (j === index ? missing : v));
          const outcome = await attempt(method, args);
          checked++;
          // The reference names the JavaScript name of the parameter (a body is `body`).
          // (`_number`, `_date`: names the reference prefixes to keep clear of globals).
          const names = [parameter.name, jsName(parameter.name), `_${jsName(parameter.name)}`];
          const label = `${tag}.${op.operationId}(${parameter.name} = ${String(missing)})`;
          if (outcome.thrown !== undefined || outcome.sent.length > 0 || outcome.error?.name !== 'MissingParameterError')
            problems.push(`${label}: ${describeOutcome(outcome)}`);
          else if (!names.some((n) => outcome.error!.message === `Missing the required parameter "${n}" when calling ${op.operationId}`))
            problems.push(`${label}: message ${outcome.error.message}`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(checked).toBeGreaterThan(2 * 3468);
  }, 120_000);
});

/** Wrong-typed values; the second field is what a path segment made of it decodes to when it is sent. */
function wrongValues(): [string, () => unknown, string | undefined][] {
  const throwingGetter = () => ({
    get id() {
      throw new Error('getter throws');
    },
  });
  const throwingToString = () => ({
    toString() {
      throw new Error('toString throws');
    },
    toJSON() {
      throw new Error('toJSON throws');
    },
  });
  const throwingValueOf = () => ({ [Symbol.toPrimitive]: () => Symbol('not a string') });
  return [
    ['an object', () => ({ a: 1, nested: { b: [2] } }), '[object Object]'],
    ['an array', () => [1, 'two', { three: 3 }], undefined],
    ['a number', () => 42.5, '42.5'],
    ['NaN', () => NaN, 'NaN'],
    ['-Infinity', () => -Infinity, '-Infinity'],
    ['true', () => true, 'true'],
    ['false', () => false, 'false'],
    ['a function', () => () => 'fn', undefined],
    ['a symbol', () => Symbol('sym'), 'Symbol(sym)'],
    ['a BigInt', () => 12345678901234567890n, '12345678901234567890'],
    ['an object with a throwing getter', throwingGetter, '[object Object]'],
    ['an object with a throwing toString and toJSON', throwingToString, undefined],
    ['an object whose toPrimitive gives a symbol', throwingValueOf, undefined],
    ['a null-prototype object', () => Object.create(null) as object, undefined],
    ['an invalid Date', () => new Date(NaN), undefined],
    ['a Map', () => new Map([['k', 'v']]), '[object Map]'],
  ];
}

describe('(b) wrong types in path, query, header, form and body parameters', () => {
  it('never throws synchronously nor crashes: a documented error with nothing sent, or one request on the template path', async () => {
    const values = wrongValues();
    const problems: string[] = [];
    const perOperation = new Map<string, number>();
    const outcomes = new Map<string, number>();
    const byValue = new Map<string, Set<string>>();
    let n = 0;
    for (const [opIndex, [tag, op, path]] of all.entries()) {
      const method = methodOf(tag, op);
      const valid = validArgs(op);
      const params = op.parameters ?? [];
      const requiredIndex = new Map(required(op).map((p, i) => [p, i]));
      // Operations without parameters still get one wrong value: as their opts.
      const targets: (SpecParam | undefined)[] = params.length ? params : [undefined];
      for (const [paramIndex, parameter] of targets.entries()) {
        const [label, make, segment] = values[(opIndex + paramIndex * 7 + n++) % values.length]!;
        const value = make();
        const args = [...valid];
        let opts: unknown = {};
        if (parameter === undefined) opts = value;
        else if (requiredIndex.has(parameter)) args[requiredIndex.get(parameter)!] = value;
        else opts = { [jsName(parameter.name)]: value };
        const outcome = await attempt(method, [...args, opts]);
        perOperation.set(op.operationId, (perOperation.get(op.operationId) ?? 0) + 1);
        byValue.set(label, (byValue.get(label) ?? new Set()).add(parameter?.in ?? 'opts'));
        const where = `${tag}.${op.operationId}(${parameter ? `${parameter.in} ${parameter.name}` : 'opts'} = ${label})`;
        const kind = outcome.thrown !== undefined ? 'thrown' : (outcome.error?.name ?? 'sent');
        outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
        if (outcome.thrown !== undefined) {
          problems.push(`${where}: ${describeOutcome(outcome)}`);
        } else if (outcome.error) {
          if (!['InvalidRequestError', 'MissingParameterError'].includes(outcome.error.name) || outcome.sent.length > 0)
            problems.push(`${where}: ${describeOutcome(outcome)}`);
        } else if (outcome.sent.length !== 1) {
          problems.push(`${where}: ${describeOutcome(outcome)}`);
        } else {
          const pathValue = (name: string) =>
            parameter?.in === 'path' && parameter.name === name
              ? segment
              : String(valid[requiredIndex.get(params.find((p) => p.name === name)!)!]);
          for (const problem of pathProblems(outcome.sent[0]!.url, path, pathValue)) problems.push(`${where}: ${problem}`);
        }
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(unhandled).toBe(0);
    // Every operation met at least one wrong-typed value, and every value met every location.
    expect(perOperation.size).toBe(new Set(all.map(([, op]) => op.operationId)).size);
    for (const [label] of values)
      expect([label, [...(byValue.get(label) ?? [])]]).toEqual([label, expect.arrayContaining(['body', 'path', 'query'])]);
    console.log(`(b) outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}`);
  }, 120_000);
});

/** Path and query strings that need encoding (or cannot be encoded). */
const ENCODING: [string, string][] = [
  ['../', '../'],
  ['..', '..'],
  ['.', '.'],
  ['%', '%'],
  ['%2e%2e', '%2e%2e'],
  ['%2E%2E/%2F', '%2E%2E/%2F'],
  ['.%2e', '.%2e'],
  ['a/../b', 'a/../b'],
  ['..\\', '..\\'],
  ['#', '#frag'],
  ['?', '?x=1&y'],
  ['/', '/'],
  ['CR/LF', 'a\r\nX-Injected: 1'],
  ['NUL', 'a\u0000b'],
  ['lone high surrogate', '\uD800'],
  ['lone low surrogate', 'x\uDC00'],
  ['10 KB', 'k'.repeat(10 * 1024)],
  ['unicode', 'é中😀\u200b\u202e'],
  ['space and plus', ' a+b '],
  ['; & = ,', ';a=b&c,d'],
];
const refusedAsDot = (value: string) => value === '.' || value === '..';
/** A lone surrogate (half of a UTF-16 pair): `encodeURIComponent` cannot encode it. */
const unencodable = (value: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);

describe('(c) path and query values that need encoding', () => {
  it('every path parameter of every operation: exactly the template path with each segment decoding back, or refused (dot segments, lone surrogates)', async () => {
    const problems: string[] = [];
    let operations = 0;
    for (const [tag, op, path] of all) {
      const pathParams = required(op).filter((p) => p.in === 'path');
      if (pathParams.length === 0) continue;
      operations++;
      const method = methodOf(tag, op);
      for (const [label, value] of ENCODING) {
        const args = required(op).map((p, i) => (p.in === 'path' ? value : valueFor(p, i)));
        const outcome = await attempt(method, [...args, {}]);
        const where = `${tag}.${op.operationId}(path = ${label})`;
        if (refusedAsDot(value) || unencodable(value)) {
          // buildUrl refuses the first parameter of the template (the spec may list them in another order).
          const first = template(path).params.find((name) => name !== undefined)!;
          const reason = refusedAsDot(value) ? /different path/ : /lone surrogate/;
          if (outcome.error?.name !== 'InvalidRequestError' || outcome.sent.length > 0 || outcome.thrown !== undefined)
            problems.push(`${where}: ${describeOutcome(outcome)}`);
          else if (!outcome.error.message.includes(`"${first}"`) || !reason.test(outcome.error.message))
            problems.push(`${where}: message ${outcome.error.message}`);
          continue;
        }
        if (outcome.error || outcome.thrown !== undefined || outcome.sent.length !== 1) {
          problems.push(`${where}: ${describeOutcome(outcome)}`);
          continue;
        }
        for (const problem of pathProblems(outcome.sent[0]!.url, path, () => value)) problems.push(`${where}: ${problem}`);
      }
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(operations).toBeGreaterThan(2000);
  }, 120_000);

  it('a string query parameter of every operation that has one: the value round-trips through the URL the fetch transport sends, or is refused (lone surrogates)', async () => {
    const sent: Sent[] = [];
    const fetchCapture = new sdk.FetchHttpClient(null, (input: unknown, init?: { method?: string }) => {
      sent.push({ method: init?.method ?? 'GET', url: String(input) });
      return Promise.resolve(new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } }));
    });
    const fetchClient = new sdk.ApiClientClass({ readConfigFile: false });
    fetchClient.setHttpClient(fetchCapture);
    fetchClient.setAccessToken('bad-input-token');
    fetchClient.setRetryOptions({ enabled: false });
    const problems: string[] = [];
    let operations = 0;
    try {
      for (const [tag, op, path] of all) {
        const query = (op.parameters ?? []).find((p) => p.in === 'query' && !p.required && p.type === 'string');
        if (!query) continue;
        operations++;
        const method = methodOf(tag, op, fetchClient);
        const valid = validArgs(op);
        for (const [label, value] of ENCODING) {
          const outcome = await attempt(method, [...valid, { [jsName(query.name)]: value }], { sent });
          const where = `${tag}.${op.operationId}(query ${query.name} = ${label})`;
          if (unencodable(value)) {
            if (
              outcome.error?.name !== 'InvalidRequestError' ||
              outcome.sent.length > 0 ||
              !outcome.error.message.includes(`"${query.name}"`)
            )
              problems.push(`${where}: ${describeOutcome(outcome)}`);
            continue;
          }
          if (outcome.error || outcome.thrown !== undefined || outcome.sent.length !== 1) {
            problems.push(`${where}: ${describeOutcome(outcome)}`);
            continue;
          }
          const url = new URL(outcome.sent[0]!.url);
          if (url.hash !== '') problems.push(`${where}: a fragment ${url.hash.slice(0, 50)}`);
          if (url.searchParams.getAll(query.name).length !== 1 || url.searchParams.get(query.name) !== value)
            problems.push(`${where}: the query reads back ${JSON.stringify(url.searchParams.getAll(query.name)).slice(0, 200)}`);
          const requiredPath = (name: string) => String(valid[required(op).findIndex((p) => p.name === name)]);
          for (const problem of pathProblems(outcome.sent[0]!.url.split('?')[0]!, path, requiredPath))
            problems.push(`${where}: ${problem}`);
        }
      }
    } finally {
      fetchClient.close();
    }
    expect(problems.slice(0, 20)).toEqual([]);
    expect(operations).toBeGreaterThan(500);
  }, 120_000);
});

/** Header names and values that would inject or break a header line. */
const BAD_HEADERS: [string, string, string][] = [
  ['CR LF in a value', 'X-Trace', 'ok\r\nX-Injected: 1'],
  ['LF in a value', 'X-Trace', 'ok\nX-Injected: 1'],
  ['CR in a value', 'X-Trace', 'ok\rmore'],
  ['NUL in a value', 'X-Trace', 'ok\u0000more'],
  ['a control character in a value', 'X-Trace', 'ok\u0007'],
  ['a character past U+00FF in a value', 'X-Trace', 'ok\u2028'],
  ['CR LF in a name', 'X-Trace\r\nX-Injected', 'v'],
  ['NUL in a name', 'X-Trace\u0000', 'v'],
  ['a space in a name', 'X Trace', 'v'],
  ['a colon in a name', 'X-Trace:', 'v'],
  ['an empty name', '', 'v'],
  ['a non-ASCII name', 'X-Trâce', 'v'],
  ['separators in a name', 'X(Trace)', 'v'],
];

describe('(d) header injection', () => {
  it('customHeaders with a bad name or value on every operation: InvalidRequestError naming the header, nothing sent', async () => {
    const problems: string[] = [];
    for (const [opIndex, [tag, op]] of all.entries()) {
      const [label, name, value] = BAD_HEADERS[opIndex % BAD_HEADERS.length]!;
      const outcome = await attempt(methodOf(tag, op), [...validArgs(op), { customHeaders: { 'X-Fine': 'yes', [name]: value } }]);
      const where = `${tag}.${op.operationId}(customHeaders: ${label})`;
      if (outcome.error?.name !== 'InvalidRequestError' || outcome.sent.length > 0 || outcome.thrown !== undefined)
        problems.push(`${where}: ${describeOutcome(outcome)}`);
      else if (!outcome.error.message.includes(JSON.stringify(name)) || !outcome.error.message.includes('customHeaders'))
        problems.push(`${where}: message ${outcome.error.message}`);
    }
    expect(problems.slice(0, 20)).toEqual([]);
  }, 60_000);

  const [tag, op] = all.find(([, o]) => o.operationId === 'getUsersMe')!;

  it.each(BAD_HEADERS)(
    'setDefaultHeaders refuses %s at once, keeps the headers it had, and later calls carry no bad header',
    async (_label, name, value) => {
      const recorder = new Capture();
      const c = new sdk.ApiClientClass({ readConfigFile: false });
      try {
        c.setHttpClient(recorder);
        c.setAccessToken('bad-input-token');
        c.setDefaultHeaders({ 'X-Before': 'kept' });
        const before = c.getDefaultHeaders();
        let thrown: unknown;
        try {
          c.setDefaultHeaders({ 'X-Fine': 'yes', [name]: value });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBeInstanceOf(Error);
        expect((thrown as Error).name).toBe('InvalidRequestError');
        expect((thrown as Error).message).toContain(JSON.stringify(name));
        expect((thrown as Error).message).toContain('setDefaultHeaders');
        expect(c.getDefaultHeaders()).toBe(before);
        const fine = await attempt(methodOf(tag, op, c), [{}], recorder);
        expect(fine.error).toBeUndefined();
        expect(fine.sent).toHaveLength(1);

        // A header smuggled in through the object getDefaultHeaders() returns is checked on every call.
        c.getDefaultHeaders()[name] = value;
        const smuggled = await attempt(methodOf(tag, op, c), [{}], recorder);
        expect(smuggled.thrown).toBeUndefined();
        expect(smuggled.error?.name).toBe('InvalidRequestError');
        expect(smuggled.error?.message).toContain(JSON.stringify(name));
        expect(smuggled.sent).toHaveLength(0);
      } finally {
        c.close();
      }
    },
  );

  it.each(BAD_HEADERS.filter(([label]) => label.includes('value')))(
    'setGenesysAppHeader refuses %s at once and keeps the value it had',
    async (_label, _name, value) => {
      const recorder = new Capture();
      const c = new sdk.ApiClientClass({ readConfigFile: false }) as Client & { getGenesysAppHeader(): string | null };
      try {
        c.setHttpClient(recorder);
        c.setAccessToken('bad-input-token');
        c.setGenesysAppHeader('my-app');
        expect(() => c.setGenesysAppHeader(value)).toThrow(
          expect.objectContaining({ name: 'InvalidRequestError', message: expect.stringContaining('"Genesys-App"') }),
        );
        expect(c.getGenesysAppHeader()).toBe('my-app');
        const fine = await attempt(methodOf(tag, op, c), [{}], recorder);
        expect(fine.sent).toHaveLength(1);
      } finally {
        c.close();
      }
    },
  );

  it('nothing leaked out of the whole run as an unhandled rejection', () => {
    expect(unhandled).toBe(0);
  });
});
