/**
 * The contract test of a generated package: a few real calls of the BUILT package against
 * @gcsdk/mock-server (a page of a list, a path parameter, a body), each checked on both ends — the
 * typed result, and the request the server saw (the mock's request log; the body as it crossed the
 * wire, through a recording hop in front of the mock). Expected requests are literals written here
 * from the spec, never recomputed at test time by the code that sends them.
 */
import { HEADER } from './emit.js';
import type { Operation, Param, Schema, TagGroup } from './model.js';
import { typeOf } from './types.js';
import { STATEFUL_ROUTES } from '../../../packages/mock-server/src/stateful-routes.js';

type Kind = 'list' | 'cursor' | 'path' | 'body' | 'call';

interface Call {
  kind: Kind;
  op: Operation;
  /** TypeScript source of the arguments (positional, then `opts` when there is one). */
  args: string[];
  /** The request line the server must see: percent-encoded path and raw query, as literals. */
  path: string;
  query: string;
  body: unknown;
  /** The body's declared type, e.g. `Models.CreateUser`. */
  bodyType: string | undefined;
}

const q = JSON.stringify;
const NONE = Symbol('none');
type Sample = unknown | typeof NONE;
const MAX_DEPTH = 4;

/** A small value of the schema's type that the mock accepts, or NONE when there is none to write. */
function sample(schema: Schema | undefined, definitions: Record<string, Schema>, name: string, depth: number, top = false): Sample {
  if (!schema || depth > MAX_DEPTH) return NONE;
  if (schema.$ref) return sample(definitions[schema.$ref.replace('#/definitions/', '')], definitions, name, depth + 1, top);
  if (schema.enum?.length) return schema.enum[0];
  switch (schema.type) {
    case 'string':
      // The mock checks the dates of parameters (and, strict, of bodies): a sample must be one.
      if (schema.format === 'date') return '2024-01-15';
      if (schema.format === 'date-time') return '2024-01-15T10:00:00.000Z';
      return `contract ${name}`;
    case 'integer':
    case 'number':
      return 7;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
    case undefined: {
      if (!schema.properties) return {};
      const entries = Object.entries(schema.properties);
      // The required properties; a model without any gets its first primitive one, so the body says something.
      const chosen = entries.filter(([key]) => schema.required?.includes(key));
      if (chosen.length === 0 && top) {
        const primitive = entries.find(([, v]) => ['string', 'integer', 'number', 'boolean'].includes(v.type ?? '') && !v.enum);
        if (primitive) chosen.push(primitive);
      }
      const result: Record<string, unknown> = {};
      for (const [key, value] of chosen) {
        const v = sample(value, definitions, key, depth + 1);
        if (v === NONE) return NONE;
        result[key] = v;
      }
      return result;
    }
    default:
      return NONE;
  }
}

/** A path value that must be percent-encoded (a space, a slash, a non-ASCII letter), or undefined for a type it cannot be. */
/** An odd value that needs encoding; a value of the enum or a date where the mock checks one. */
function pathValue(p: Param): string | number | undefined {
  const value = p.schema.enum?.[0];
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (p.schema.type === 'integer' || p.schema.type === 'number') return 7;
  if (p.schema.type !== 'string') return undefined;
  return p.schema.format === 'date' || p.schema.format === 'date-time' ? (sample(p.schema, {}, p.js, 0) as string) : `${p.js} ä/1`;
}
/** A path parameter the encoding test cannot use its odd value for. */
const fixedPath = (op: Operation) => (op.params.some((p) => p.in === 'path' && (p.schema.enum?.length || p.schema.format)) ? 1 : 0);

/** The call's arguments and the request line it must produce, or undefined when a required argument cannot be written. */
function plan(
  kind: Kind,
  op: Operation,
  className: string,
  definitions: Record<string, Schema>,
  opts?: Record<string, number | string>,
): Call | undefined {
  const args: string[] = [];
  let path = op.path;
  let body: unknown;
  let bodyType: string | undefined;
  for (const p of op.params.filter((x) => x.required)) {
    if (p.in === 'path') {
      const value = pathValue(p);
      if (value === undefined) return undefined;
      args.push(JSON.stringify(value));
      path = path.replace(`{${p.wire}}`, encodeURIComponent(String(value)));
    } else if (p.in === 'body') {
      if (!p.schema.$ref || typeOf(p.schema, '') === className) return undefined;
      const value = sample(p.schema, definitions, p.js, 0, true);
      if (value === NONE) return undefined;
      body = value;
      bodyType = typeOf(p.schema, 'Models.');
      args.push('body');
    } else return undefined;
  }
  if (/\{[^}]+\}/.test(path)) return undefined;
  // The SDK sends query parameters in the spec's order, as the reference does.
  const position = (wire: string) => op.params.findIndex((p) => p.wire === wire);
  if (opts) opts = Object.fromEntries(Object.entries(opts).sort(([a], [b]) => position(a) - position(b)));
  const query = opts
    ? `?${Object.entries(opts)
        .map(([k, v]) => `${k}=${v}`)
        .join('&')}`
    : '';
  // A value of the parameter's declared type: a few spec paging parameters are strings (`pageSize: "2"`).
  const literal = (wire: string, v: number | string) => {
    const p = op.params.find((x) => x.wire === wire)!;
    return `${p.js}: ${p.schema.type === 'string' ? q(String(v)) : v}`;
  };
  if (opts)
    args.push(
      `{ ${Object.entries(opts)
        .map(([k, v]) => literal(k, v))
        .join(', ')} }`,
    );
  return { kind, op, args, path, query, body, bodyType };
}

const modelOf = (schema: Schema | undefined, definitions: Record<string, Schema>) =>
  schema?.$ref ? definitions[schema.$ref.replace('#/definitions/', '')] : undefined;
const fillable = (op: Operation) => op.params.every((p) => !p.required || p.in === 'path' || p.in === 'body');
/** The mock's store answers these itself, and answers a made-up id with 404: no call to write for them. */
const keptByTheStore = (op: Operation) => /\{[^}]+\}/.test(op.path) && STATEFUL_ROUTES.includes(`${op.method} ${op.path}`);
/** Sub-resources first: the mock's store answers a few `…/{id}` resources itself (404 for an unknown id); the rest it synthesises. */
const endsInParam = (op: Operation) => (/\}$/.test(op.path) ? 1 : 0);
const byPreference = (a: Operation, b: Operation) => endsInParam(a) - endsInParam(b);

/** The calls of one package: a page of a list, a path parameter, a body; or one plain call when it has none of these. */
export function contractCalls(group: TagGroup, definitions: Record<string, Schema>): Call[] {
  const ops = [...group.operations].filter((op) => fillable(op) && !keptByTheStore(op)).sort(byPreference);
  const calls: Call[] = [];
  const add = (kind: Kind, candidates: Operation[], opts?: (op: Operation) => Record<string, number | string>) => {
    for (const op of candidates) {
      const call = plan(kind, op, group.className, definitions, opts?.(op));
      if (call) return void calls.push(call);
    }
  };
  const paged = (op: Operation) => {
    const model = modelOf(op.response, definitions);
    const query = op.params.filter((p) => p.in === 'query' && !p.required).map((p) => p.wire);
    return ['pageSize', 'pageNumber'].every((n) => query.includes(n) && model?.properties?.[n]) && !!model?.properties?.['entities'];
  };
  add(
    'list',
    ops.filter((op) => op.method === 'GET' && paged(op)),
    (op) =>
      Object.fromEntries(
        op.params.filter((p) => p.wire === 'pageSize' || p.wire === 'pageNumber').map((p) => [p.wire, p.wire === 'pageSize' ? 2 : 3]),
      ),
  );
  // No page numbers: a cursor list (`pageSize` and `after` or `cursor`), as most newer APIs page.
  const cursorOf = (op: Operation) =>
    op.params.find((p) => p.in === 'query' && !p.required && (p.wire === 'after' || p.wire === 'cursor') && p.schema.type === 'string');
  const cursorListed = (op: Operation) =>
    op.params.some((p) => p.in === 'query' && !p.required && p.wire === 'pageSize') &&
    !!cursorOf(op) &&
    modelOf(op.response, definitions)?.properties?.['entities']?.type === 'array';
  if (calls.length === 0)
    add(
      'cursor',
      ops.filter((op) => op.method === 'GET' && cursorListed(op)),
      (op) => ({ pageSize: 2, [cursorOf(op)!.wire]: 'contract-cursor' }),
    );
  add(
    'path',
    ops
      .filter((op) => op.method === 'GET' && op.params.some((p) => p.required && p.in === 'path') && !calls.some((c) => c.op === op))
      .sort((a, b) => fixedPath(a) - fixedPath(b)),
  );
  add(
    'body',
    ops.filter((op) => ['POST', 'PUT', 'PATCH'].includes(op.method) && op.params.some((p) => p.required && p.in === 'body')),
  );
  if (calls.length === 0) add('call', ops);
  return calls;
}

/** The type the result must have exactly, or undefined when it cannot be named from the test (a model named like the class). */
function resultType(op: Operation, className: string): string | undefined {
  const type = op.response ? typeOf(op.response, 'Models.') : 'void';
  return new RegExp(`\\bModels\\.${className}\\b`).test(type) ? undefined : type;
}

function callTest(call: Call, group: TagGroup, definitions: Record<string, Schema>): string {
  const { op } = call;
  const lines: string[] = [];
  const { bodyType } = call;
  if (bodyType) lines.push(`  const body: ${bodyType} = ${q(call.body)};`);
  lines.push(`  const result = await api.${op.id}(${call.args.join(', ')});`);
  const type = resultType(op, group.className);
  lines.push(
    type
      ? `  const typed: Equal<typeof result, ${type}> = true; // the result is the spec's type, not any`
      : `  const typed: IsAny<typeof result> = false;`,
    `  assert.equal(typed, ${type ? 'true' : 'false'});`,
  );
  if (call.kind === 'cursor') lines.push(`  assert.ok(Array.isArray(result.entities));`);
  else if (call.kind === 'list') {
    lines.push(
      `  assert.equal(result.pageSize, 2);`,
      `  assert.equal(result.pageNumber, 3);`,
      `  assert.ok(Array.isArray(result.entities));`,
    );
  } else {
    const model = modelOf(op.response, definitions);
    if (op.response?.$ref && model?.properties) lines.push(`  assertSomeKeysOf(result, ${q(Object.keys(model.properties))});`);
  }
  // The result is the body the server sent, parsed; nothing for an operation without a response model.
  lines.push(op.response ? `  assert.deepEqual(result, JSON.parse(lastWire().answer));` : `  assert.equal(result, undefined);`);
  lines.push(`  assert.deepEqual(lastApiRequest(), { method: ${q(op.method)}, path: ${q(call.path)}, query: ${q(call.query)} });`);
  if (bodyType)
    lines.push(
      `  assert.deepEqual(JSON.parse(lastWire().body), body);`,
      `  assert.match(lastWire().contentType ?? '', /^application\\/json/);`,
    );
  lines.push(`  assert.equal(lastWire().authorization, \`Bearer \${accessToken}\`);`);
  const what = {
    list: 'reads a page of a list',
    cursor: 'reads a page of a cursor list',
    path: 'sends an encoded path parameter',
    body: 'sends a body',
    call: 'sends a call',
  }[call.kind];
  return `test(${q(`${op.id} ${what}: ${op.method} ${call.path}${call.query}`)}, async () => {\n${lines.join('\n')}\n});`;
}

/** The call for the per-call options: the caller's own resource (`getUsersMe`) where there is one, else a GET of the calls. */
function optionsCallOf(group: TagGroup, definitions: Record<string, Schema>, calls: Call[]): Call | undefined {
  const me = group.operations
    .filter((op) => op.method === 'GET' && /\/me$/.test(op.path) && !op.params.some((p) => p.required))
    .sort((a, b) => a.path.length - b.path.length)[0];
  return (me && plan('call', me, group.className, definitions)) ?? calls.find((c) => c.kind !== 'body') ?? calls[0];
}

/** The per-call options reach the core: a signal aborts the call in flight, a timeout ends it. */
function optionsTests(call: Call): string {
  const { op } = call;
  const args = call.args.filter((a) => !a.startsWith('{'));
  const withOpts = (opts: string) => `${[...args, opts].join(', ')}`;
  const body = call.bodyType ? `  const body: ${call.bodyType} = ${q(call.body)};\n` : '';
  return `test(${q(`${op.id} takes a signal: aborted in flight, it rejects with AbortError`)}, async () => {
${body}  const controller = new AbortController();
  silent.once('request', () => controller.abort());
  const pending = silentApi.${op.id}(${withOpts('{ signal: controller.signal }')});
  await assert.rejects(pending, (error: unknown) => error instanceof AbortError && error.name === 'AbortError');
});

test(${q(`${op.id} takes a timeout: against a server that never answers, it rejects with TimeoutError`)}, async () => {
${body}  await assert.rejects(silentApi.${op.id}(${withOpts('{ timeout: 200 }')}), (error: unknown) => error instanceof TimeoutError && error.name === 'TimeoutError');
});`;
}

/** `test/contract.test.ts` (run with node --test through tsx; type-checked by the package's typecheck target). */
export function contractTest(group: TagGroup, definitions: Record<string, Schema>): string {
  const calls = contractCalls(group, definitions);
  const tests = calls.map((c) => callTest(c, group, definitions));
  const usesModels = tests.some((t) => t.includes('Models.'));
  const pkg = `@gcsdk/api-${group.slug}`;
  const optionsCall = optionsCallOf(group, definitions, calls);
  return `${HEADER}
// Contract test: the built ${pkg} against @gcsdk/mock-server. Each call checks the typed result and
// the request the server saw (method, encoded path, query from the mock's request log; the body as it
// crossed the wire, recorded by a hop in front of the mock). Expected requests are literals from the spec.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AbortError, ApiClient, TimeoutError } from '@gcsdk/core';
import { startMockServer, type MockServer } from '@gcsdk/mock-server';
import { ${group.className} } from '${pkg}';
${usesModels ? `import type * as Models from '${pkg}';\n` : ''}
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type IsAny<T> = 0 extends 1 & T ? true : false;

interface WireRequest {
  method: string;
  url: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
  /** The response body the mock sent back. */
  answer: string;
}

let mock: MockServer;
let hop: Server;
let silent: Server;
const wire: WireRequest[] = [];
const client = new ApiClient({ readConfigFile: false });
const silentClient = new ApiClient({ readConfigFile: false });
const api = new ${group.className}(client);
const silentApi = new ${group.className}(silentClient);
let accessToken = '';

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
};
const shut = (server: Server | undefined) =>
  new Promise<void>((resolve) => {
    if (!server?.listening) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });
const read = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

before(async () => {
  mock = await startMockServer({ port: 0 });
  // The hop records each request as it arrived and the mock's answer, forwarding both unchanged.
  hop = createServer(async (req, res) => {
    const body = await read(req);
    const seen: WireRequest = { method: req.method!, url: req.url!, authorization: req.headers.authorization, contentType: req.headers['content-type'], body: body.toString('utf8'), answer: '' };
    wire.push(seen);
    const forward = request({ host: '127.0.0.1', port: mock.port, method: req.method, path: req.url, headers: req.headers }, async (answer) => {
      const sent = await read(answer);
      seen.answer = sent.toString('utf8');
      res.writeHead(answer.statusCode!, answer.headers);
      res.end(sent);
    });
    forward.on('error', () => res.destroy());
    forward.end(body);
  });
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: await listen(hop) });
  accessToken = (await client.loginClientCredentialsGrant('demo-client', 'demo-secret')).accessToken ?? '';
  // A server that takes requests and never answers, for the per-call options.
  silent = createServer(() => undefined);
  silentClient.setGateway({ host: '127.0.0.1', protocol: 'http', port: await listen(silent) });
  silentClient.setAccessToken('silent-token');
  silentClient.setRetryOptions({ enabled: false });
});

after(async () => {
  client.close();
  silentClient.close();
  await Promise.all([shut(hop), shut(silent), mock?.close()]);
});

/** The last API request in the mock's log, as method, path (still percent-encoded) and raw query. */
function lastApiRequest() {
  const logged = mock.requests.filter((r) => r.path.startsWith('/api/')).at(-1);
  assert.ok(logged, 'the mock logged no API request');
  assert.ok(logged.status >= 200 && logged.status < 300, \`the mock answered \${logged.status}\`);
  return { method: logged.method, path: logged.path, query: logged.query };
}

function lastWire(): WireRequest {
  const seen = wire.filter((r) => r.url.startsWith('/api/')).at(-1);
  assert.ok(seen, 'no API request crossed the wire');
  return seen;
}

/** The result has properties of the spec's model (the mock answers with the operation's model). */
function assertSomeKeysOf(result: object, modelKeys: string[]) {
  assert.ok(Object.keys(result).some((k) => modelKeys.includes(k)), \`none of the model's properties in \${JSON.stringify(result).slice(0, 200)}\`);
}

${[...tests, ...(optionsCall ? [optionsTests(optionsCall)] : [])].join('\n\n')}
`;
}
