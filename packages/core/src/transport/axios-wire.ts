/**
 * The headers and body axios (the default transport, as in the reference) puts on the wire for a
 * request, for a transport on Node's own `http`: the same header names, spellings and order, the same
 * body bytes. Mirrors axios 1.x: its defaults (`Accept`), its request transform (JSON, strings,
 * binary, URLSearchParams), its dispatch (`Content-Type` of POST/PUT/PATCH) and its http adapter
 * (`Content-Length`, forms, `Accept-Encoding`).
 */
import { Buffer } from 'node:buffer';
import type { Readable } from 'node:stream';
import { InvalidRequestError } from '../errors.js';
import { assertJsonBody, getHeader, headerKey } from '../wire.js';

const DEFAULT_ACCEPT = 'application/json, text/plain, */*';
/** What axios asks for on Node with brotli (every Node this SDK supports). */
export const ACCEPT_ENCODING = 'gzip, compress, deflate, br';

export interface WireRequest {
  headers: Record<string, string>;
  /** Bytes (re-sendable on a 307/308), a stream, or nothing. */
  body: Buffer | Readable | undefined;
}

/** `headers` holds one entry per name (mergeHeaders); `data` is the request's body, if any. */
export async function axiosWire(method: string, headers: Record<string, string>, data: unknown): Promise<WireRequest> {
  const rest: Record<string, string> = {};
  for (const name of Object.keys(headers)) if (!/^(?:accept|content-type)$/i.test(name)) rest[name] = headers[name]!;
  const type: ContentType = { value: getHeader(headers, 'Content-Type') };
  let body = await transformBody(data, type, rest);
  if (type.value === undefined && (method === 'POST' || method === 'PUT' || method === 'PATCH'))
    type.value = 'application/x-www-form-urlencoded';
  if (body instanceof Blob) {
    if (body.size) type.value = body.type || 'application/octet-stream';
    rest[headerKey(rest, 'Content-Length') ?? 'Content-Length'] = String(body.size);
    body = Buffer.from(await body.arrayBuffer());
  } else if (body instanceof Buffer) {
    setIfMissing(rest, 'Content-Length', String(body.length));
  }
  setIfMissing(rest, 'Accept-Encoding', ACCEPT_ENCODING);
  // axios's defaults lead, `Accept` and a `Content-Type` slot: whatever their spelling in the request
  // and whenever a Content-Type is set, they go out under those names, in those places.
  const out: Record<string, string> = { Accept: getHeader(headers, 'Accept') ?? DEFAULT_ACCEPT };
  if (type.value !== undefined) out['Content-Type'] = type.value;
  return { headers: Object.assign(out, rest), body: body as Buffer | Readable | undefined };
}

/** The request's Content-Type as the transform and the adapter settle it. */
interface ContentType {
  value: string | undefined;
}

/** axios's request transform, then its adapter's conversion to bytes. */
async function transformBody(
  data: unknown,
  type: ContentType,
  headers: Record<string, string>,
): Promise<Buffer | Readable | Blob | undefined> {
  if (data === undefined || data === null) return undefined;
  const json = (type.value ?? '').includes('application/json');
  if (typeof FormData === 'function' && data instanceof FormData) {
    if (json) return Buffer.from(JSON.stringify(Object.fromEntries(data)), 'utf8');
    return multipart(data, type, headers);
  }
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof ArrayBuffer) return Buffer.from(new Uint8Array(data));
  // axios sends a typed array's whole underlying buffer.
  if (ArrayBuffer.isView(data)) return Buffer.from(new Uint8Array(data.buffer));
  if (data instanceof Blob) return data;
  if (isStream(data)) return data;
  if (data instanceof URLSearchParams) {
    type.value ??= 'application/x-www-form-urlencoded;charset=utf-8';
    return Buffer.from(data.toString(), 'utf8');
  }
  if (typeof data === 'object' || json) {
    type.value ??= 'application/json';
    return Buffer.from(stringifySafely(data), 'utf8');
  }
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  throw new InvalidRequestError(`The request body cannot be sent: a ${typeof data} needs a JSON Content-Type`);
}

/** axios's `stringifySafely`: a string that is JSON already is sent trimmed, anything else as JSON. */
function stringifySafely(data: unknown): string {
  if (typeof data === 'string') {
    try {
      JSON.parse(data);
      return data.trim();
    } catch {
      return JSON.stringify(data);
    }
  }
  // The client checks bodies before the pipeline; this catches one a hook changed since.
  assertJsonBody(data);
  return JSON.stringify(data);
}

/** A form as multipart bytes (the platform's encoder), its boundary in `Content-Type`, as axios sets them. */
async function multipart(form: FormData, type: ContentType, headers: Record<string, string>): Promise<Buffer> {
  const encoded = new Response(form);
  const bytes = Buffer.from(await encoded.arrayBuffer());
  type.value = encoded.headers.get('content-type')!;
  headers[headerKey(headers, 'Content-Length') ?? 'Content-Length'] = String(bytes.length);
  return bytes;
}

function isStream(data: unknown): data is Readable {
  return typeof data === 'object' && data !== null && typeof (data as { pipe?: unknown }).pipe === 'function';
}

function setIfMissing(headers: Record<string, string>, name: string, value: string): void {
  if (headerKey(headers, name) === undefined) headers[name] = value;
}
