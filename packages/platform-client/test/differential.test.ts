/**
 * Wire compatibility: the same calls through the reference SDK (purecloud-platform-client-v2 262.0.0)
 * and through the built @gcsdk/platform-client, both pointed at one local recording server, must
 * produce the same method, raw path (with its encoding), raw query string, headers and body bytes.
 *
 * Covered: every operation of the tags in FULL_TAGS, and the first operation of every other tag,
 * with synthesised arguments (strings that need encoding, arrays, numbers, booleans, optional
 * parameters left out, null options); then, for each required parameter of those operations, the
 * call without it: a MissingParameterError with the reference's message, and nothing sent.
 *
 * Deliberate differences, and why:
 *   - User-Agent: the reference sends axios's default (`axios/<version>`); we name this SDK
 *     (`gcsdk/<version> (node <version>)`) so that Genesys support can tell the SDKs apart.
 *   - A missing required parameter: the reference throws a plain string synchronously; we return a
 *     rejected promise with a MissingParameterError whose message is the same string.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const ours = require('@gcsdk/platform-client') as Sdk;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const reference = require('purecloud-platform-client-v2') as Sdk;

type Method = (...args: unknown[]) => Promise<unknown>;
interface Sdk {
  ApiClient: { instance: { setGateway(g: object): void; setAccessToken(t: string): void; close?(): void } };
  [className: string]: unknown;
}

const FULL_TAGS = [
  'Users',
  'Routing',
  'Conversations',
  'Analytics',
  'Architect',
  'External Contacts',
  'Telephony Providers Edge',
  'Outbound',
  'Quality',
  'SCIM',
  'Authorization',
  'Notifications',
];

interface SpecParam {
  name: string;
  in: string;
  required?: boolean;
  type?: string;
  items?: { type?: string };
  schema?: unknown;
}
interface SpecOp {
  operationId: string;
  tags: string[];
  parameters?: SpecParam[];
}

const spec = JSON.parse(readFileSync(join(__dirname, '../../../spec/platform-api.swagger.json'), 'utf8')) as {
  paths: Record<string, Record<string, SpecOp>>;
};
const byTag = new Map<string, SpecOp[]>();
for (const item of Object.values(spec.paths))
  for (const op of Object.values(item)) for (const tag of op.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), op]);
for (const ops of byTag.values()) ops.sort((a, b) => a.operationId.localeCompare(b.operationId));

const className = (tag: string) => `${tag.replace(/ /g, '')}Api`;
// The JavaScript name of a parameter, as the reference derives it (covered by the spec's own tests).
const jsName = (wire: string) => {
  const camel = wire
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1)))
    .join('');
  const name = camel[0]!.toLowerCase() + camel.slice(1);
  return ['default', 'function', 'in', 'delete', 'new', 'class', 'var', 'package'].includes(name) ? `_${name}` : name;
};

/** A value for a parameter that exercises encoding: `seed` varies it per parameter. */
function valueFor(p: SpecParam, seed: number): unknown {
  if (p.in === 'body') return { name: `body ü ${seed}`, list: [1, 2], nested: { flag: true, nothing: null } };
  if (p.type === 'array') return [`x y ${seed}`, 'z,w/é'];
  if (p.type === 'integer' || p.type === 'number') return seed + 7;
  if (p.type === 'boolean') return seed % 2 === 0;
  if (p.in === 'path') return `id ${seed}/?#%é:@`;
  if (p.in === 'header') return `hv-${seed}`;
  return `a b,c&d=é'${seed}`;
}

interface Recorded {
  method: string;
  url: string;
  headers: Record<string, unknown>;
  body: string;
}
let server: Server;
const received: Recorded[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const { 'user-agent': _ua, host: _host, ...headers } = req.headers;
      received.push({ method: req.method!, url: req.url!, headers, body });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  for (const sdk of [ours, reference]) {
    sdk.ApiClient.instance.setGateway({ host: '127.0.0.1', protocol: 'http', port });
    sdk.ApiClient.instance.setAccessToken('differential-token');
  }
});
afterAll(async () => {
  ours.ApiClient.instance.close?.();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function argsFor(op: SpecOp): { positional: unknown[]; opts: Record<string, unknown> } {
  const positional: unknown[] = [];
  const opts: Record<string, unknown> = {};
  (op.parameters ?? []).forEach((p, i) => {
    if (p.required) positional.push(valueFor(p, i));
    else if (i % 4 === 1)
      return; // left out
    else if (i % 4 === 3) opts[jsName(p.name)] = null;
    else opts[jsName(p.name)] = valueFor(p, i);
  });
  return { positional, opts };
}

async function send(sdk: Sdk, tag: string, op: SpecOp, positional: unknown[], opts: object): Promise<Recorded | string> {
  const Api = sdk[className(tag)] as new () => Record<string, Method>;
  const before = received.length;
  try {
    await new Api()[op.operationId]!(...structuredClone(positional), structuredClone(opts));
  } catch (error) {
    return `threw ${String((error as Error)?.message ?? error)}`;
  }
  return received.length === before + 1 ? received[before]! : `sent ${received.length - before} requests`;
}

function coveredOps(): [string, SpecOp[]][] {
  return [...byTag.entries()].map(([tag, ops]) => [tag, FULL_TAGS.includes(tag) ? ops : ops.slice(0, 1)]);
}

it('covers every tag, and every operation of the full tags', () => {
  const covered = coveredOps();
  expect(covered).toHaveLength(87);
  expect(FULL_TAGS.every((t) => byTag.has(t))).toBe(true);
  expect(covered.reduce((n, [, ops]) => n + ops.length, 0)).toBeGreaterThan(1000);
});

describe.each(coveredOps())('%s', (tag, ops) => {
  it(`sends the same requests as the reference (${ops.length} operations)`, async () => {
    const differences: string[] = [];
    for (const op of ops) {
      const { positional, opts } = argsFor(op);
      const expected = await send(reference, tag, op, positional, opts);
      const actual = await send(ours, tag, op, positional, opts);
      if (typeof expected === 'string') differences.push(`${op.operationId}: the reference call itself failed (${expected})`);
      else if (JSON.stringify(actual) !== JSON.stringify(expected))
        differences.push(`${op.operationId}: reference ${JSON.stringify(expected)} / ours ${JSON.stringify(actual)}`);
    }
    expect(differences).toEqual([]);
  });

  it('rejects each missing required parameter with the reference message, sending nothing', async () => {
    const differences: string[] = [];
    let checked = 0;
    for (const op of ops) {
      const { positional, opts } = argsFor(op);
      const required = (op.parameters ?? []).filter((p) => p.required);
      for (let i = 0; i < required.length; i++) {
        const without = positional.map((v, j) => (j === i ? undefined : v));
        const before = received.length;
        let referenceMessage: unknown;
        try {
          await new (reference[className(tag)] as new () => Record<string, Method>)()[op.operationId]!(...without, opts);
        } catch (error) {
          referenceMessage = error;
        }
        const ourError = (await (
          new (ours[className(tag)] as new () => Record<string, Method>)()[op.operationId]!(...without, opts) as Promise<unknown>
        ).catch((e: unknown) => e)) as Error;
        const sent = received.length - before;
        checked++;
        if (
          !(ourError instanceof Error) ||
          ourError.name !== 'MissingParameterError' ||
          ourError.message !== referenceMessage ||
          sent !== 0
        ) {
          differences.push(
            `${op.operationId} without ${required[i]!.name}: reference ${String(referenceMessage)} / ours ${String(ourError)} / ${sent} sent`,
          );
        }
      }
    }
    expect(differences).toEqual([]);
    expect(checked).toBe(ops.reduce((n, op) => n + (op.parameters ?? []).filter((p) => p.required).length, 0));
  });
});
