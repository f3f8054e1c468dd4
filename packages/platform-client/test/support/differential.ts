/**
 * What the differential suites share: the spec's operations by tag, arguments synthesised per
 * parameter, one local server that records every request, and calls through either SDK (the
 * reference, purecloud-platform-client-v2 262.0.0, or the built @gcsdk/platform-client).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A tag's whole suite makes up to a few thousand local requests: well past jest's 5 s on a busy 2-core machine. */
export const LARGE_TAG_TIMEOUT_MS = 120_000;

export type Method = (...args: unknown[]) => Promise<unknown>;
export interface Sdk {
  ApiClient: { instance: { setGateway(g: object): void; setAccessToken(t: string): void; close?(): void } };
  [className: string]: unknown;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const ours = require('@gcsdk/platform-client') as Sdk;
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const reference = require('purecloud-platform-client-v2') as Sdk;

export interface SpecParam {
  name: string;
  in: string;
  required?: boolean;
  type?: string;
  items?: { type?: string };
  schema?: unknown;
}
export interface SpecOp {
  operationId: string;
  tags: string[];
  parameters?: SpecParam[];
}

const spec = JSON.parse(readFileSync(join(__dirname, '../../../../spec/platform-api.swagger.json'), 'utf8')) as {
  paths: Record<string, Record<string, SpecOp>>;
};

/** Every operation of the spec under each of its tags (one generated method per operation per tag), sorted by name. */
export const byTag = new Map<string, SpecOp[]>();
for (const item of Object.values(spec.paths))
  for (const op of Object.values(item)) for (const tag of op.tags) byTag.set(tag, [...(byTag.get(tag) ?? []), op]);
for (const ops of byTag.values()) ops.sort((a, b) => a.operationId.localeCompare(b.operationId));

export const className = (tag: string) => `${tag.replace(/ /g, '')}Api`;

/** The JavaScript name of a parameter, as the reference derives it (covered by the spec's own tests). */
export const jsName = (wire: string) => {
  const camel = wire
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1)))
    .join('');
  const name = camel[0]!.toLowerCase() + camel.slice(1);
  return ['default', 'function', 'in', 'delete', 'new', 'class', 'var', 'package'].includes(name) ? `_${name}` : name;
};

/** A value for a parameter that exercises encoding: `seed` varies it per parameter. */
export function valueFor(p: SpecParam, seed: number): unknown {
  if (p.in === 'body') return { name: `body ü ${seed}`, list: [1, 2], nested: { flag: true, nothing: null } };
  if (p.type === 'array') return [`x y ${seed}`, 'z,w/é'];
  if (p.type === 'integer' || p.type === 'number') return seed + 7;
  if (p.type === 'boolean') return seed % 2 === 0;
  if (p.in === 'path') return `id ${seed}/?#%é:@`;
  if (p.in === 'header') return `hv-${seed}`;
  return `a b,c&d=é'${seed}`;
}

/** Positional arguments (the required parameters) and `opts`: some optional ones left out, some `null`. */
export function argsFor(op: SpecOp): { positional: unknown[]; opts: Record<string, unknown> } {
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

export interface Recorded {
  method: string;
  url: string;
  headers: Record<string, unknown>;
  body: string;
}

/** One server that answers `{}` to everything and records what it received (without User-Agent and Host). */
export class Recorder {
  readonly received: Recorded[] = [];
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const { 'user-agent': _ua, host: _host, ...headers } = req.headers;
        this.received.push({ method: req.method!, url: req.url!, headers, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const port = (this.server.address() as AddressInfo).port;
    for (const sdk of [ours, reference]) {
      sdk.ApiClient.instance.setGateway({ host: '127.0.0.1', protocol: 'http', port });
      sdk.ApiClient.instance.setAccessToken('differential-token');
    }
  }

  async stop(): Promise<void> {
    ours.ApiClient.instance.close?.();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
  }
}

/** The method of a tag's API class in `sdk`. */
export function methodOf(sdk: Sdk, tag: string, operationId: string): Method {
  const api = new (sdk[className(tag)] as new () => Record<string, Method>)();
  return api[operationId]!.bind(api);
}

/** What calling the operation put on the wire (exactly one request), or what went wrong, as text. */
export async function send(
  recorder: Recorder,
  sdk: Sdk,
  tag: string,
  op: SpecOp,
  positional: unknown[],
  opts: object,
): Promise<Recorded | string> {
  const before = recorder.received.length;
  try {
    await methodOf(sdk, tag, op.operationId)(...structuredClone(positional), structuredClone(opts));
  } catch (error) {
    return `threw ${String((error as Error)?.message ?? error)}`;
  }
  const sent = recorder.received.length - before;
  return sent === 1 ? recorder.received[before]! : `sent ${sent} requests`;
}
