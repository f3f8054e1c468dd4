/**
 * How the reference SDK turns arguments into a request, reproduced exactly so that the same call
 * puts the same bytes on the wire: parameter stringification, query serialisation (as the
 * reference hands it to axios, and as axios then encodes it), path substitution and header checks.
 */
import { InvalidRequestError } from './errors.js';
import { describeThrown } from './pipeline/failures.js';

export type CollectionFormat = 'csv' | 'ssv' | 'tsv' | 'pipes' | 'multi';

/** The reference's `paramToString`; `legacy` is its `useLegacyParameterFilter` (false and 0 become ''). */
export function paramToString(param: unknown, legacy = false): string {
  if (!legacy && param !== null && param !== undefined) {
    if (typeof param === 'boolean' || param instanceof Boolean) return param.toString().toLowerCase();
    if (typeof param === 'number') return param.toString();
  }
  if (!param) return '';
  if (param instanceof Date) return param.toJSON();
  if (param instanceof Boolean) return param.toString().toLowerCase();
  return String(param);
}

/**
 * The reference's `serialize`: undefined values are dropped, arrays (including `multi` collections)
 * are joined with commas, everything else goes through `paramToString`; insertion order is kept.
 */
export function serializeQuery(query: Record<string, unknown> | null | undefined, legacy = false): Record<string, string> {
  const result: Record<string, string> = {};
  if (!query) return result;
  for (const key of Object.keys(query)) {
    const value = query[key];
    if (value === undefined) continue;
    result[encodeURIComponent(key)] = Array.isArray(value) ? value.join(',') : paramToString(value, legacy);
  }
  return result;
}

/** The reference's `buildCollectionParam`: undefined for a missing value, a string or (multi) an array otherwise. */
export function buildCollectionParam(param: unknown, collectionFormat: string, legacy = false): string | string[] | undefined {
  if (!param) return undefined;
  const items = Array.isArray(param) ? param : [param];
  const strings = items.map((x) => paramToString(x, legacy));
  switch (collectionFormat) {
    case 'csv':
      return strings.join(',');
    case 'ssv':
      return strings.join(' ');
    case 'tsv':
      return strings.join('\t');
    case 'pipes':
      return strings.join('|');
    case 'multi':
      return strings;
    default:
      throw new InvalidRequestError(`Unknown collection format: ${collectionFormat}`);
  }
}

/**
 * Refuses a string that has no URL encoding: one holding a lone surrogate (half of a UTF-16 pair),
 * which `encodeURIComponent` cannot encode. Without this a query value failed inside the transport,
 * as a NetworkError that was retried, and a path value as an unexplained URIError.
 */
export function assertEncodable(value: string, what: string): void {
  const lone = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.exec(value);
  if (!lone) return;
  const code = lone[0].charCodeAt(0).toString(16).toUpperCase();
  throw new InvalidRequestError(
    `${what} cannot be sent: character ${lone.index + 1} is a lone surrogate (U+${code}), which has no URL encoding`,
  );
}

/** axios's query encoding (buildURL's `encode`): encodeURIComponent, then `:`, `$`, `,` kept and spaces as `+`. */
function encodeQueryComponent(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%24/g, '$').replace(/%2C/gi, ',').replace(/%20/g, '+');
}

/** The query string axios sends for serialised parameters (without the leading `?`). */
export function encodeQueryString(params: Record<string, string>): string {
  return Object.keys(params)
    .map((key) => `${encodeQueryComponent(key)}=${encodeQueryComponent(params[key] ?? '')}`)
    .join('&');
}

/** Appends a query string to a URL as axios does (dropping a fragment, `?` or `&`). */
export function appendQuery(url: string, params: Record<string, string> | undefined): string {
  const query = params ? encodeQueryString(params) : '';
  if (!query) return url;
  const hash = url.indexOf('#');
  const base = hash === -1 ? url : url.slice(0, hash);
  return base + (base.includes('?') ? '&' : '?') + query;
}

/**
 * The reference's `buildUrl`: `{name}` placeholders replaced by `encodeURIComponent(paramToString(value))`.
 * Unlike the reference, a placeholder with no value, or a value of `.` or `..` (which URL parsers
 * resolve into a different path), is refused rather than sent somewhere else.
 */
export function buildUrl(baseUrl: string, path: string, pathParams: Record<string, unknown> | null | undefined, legacy = false): string {
  const fullPath = path.startsWith('/') ? path : `/${path}`;
  const params = pathParams ?? {};
  return (
    baseUrl +
    fullPath.replace(/\{([\w-]+)\}/g, (_match, key: string) => {
      if (!Object.prototype.hasOwnProperty.call(params, key) || params[key] === undefined || params[key] === null) {
        throw new InvalidRequestError(`No value for the path parameter "${key}" of ${path}`);
      }
      const value = paramToString(params[key], legacy);
      if (value === '' || value === '.' || value === '..') {
        throw new InvalidRequestError(
          `The path parameter "${key}" of ${path} cannot be ${JSON.stringify(value)}: the request would go to a different path`,
        );
      }
      assertEncodable(value, `The path parameter "${key}" of ${path}`);
      return encodeURIComponent(value);
    })
  );
}

/** The reference's `isJsonMime`. */
export function isJsonMime(contentType: string | null | undefined): boolean {
  return Boolean(contentType && /^application\/json(;.*)?$/i.test(contentType));
}

/** The reference's `jsonPreferredMime`: JSON if listed, else the first. */
export function jsonPreferredMime(contentTypes: readonly string[] | null | undefined): string | undefined {
  if (!contentTypes) return undefined;
  return contentTypes.find(isJsonMime) ?? contentTypes[0];
}

/** Blob, File, Buffer-like binary or a readable stream: sent as is, never re-serialised. */
export function isFileParam(param: unknown): boolean {
  if (typeof param !== 'object' || param === null) return false;
  if (typeof Blob === 'function' && param instanceof Blob) return true;
  if (ArrayBuffer.isView(param) || param instanceof ArrayBuffer) return true;
  return typeof (param as { pipe?: unknown }).pipe === 'function' && typeof (param as { on?: unknown }).on === 'function';
}

/** The reference's `normalizeParams`: undefined dropped, files and arrays kept, everything else stringified. */
export function normalizeParams(params: Record<string, unknown> | null | undefined, legacy = false): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (!params) return result;
  for (const key of Object.keys(params)) {
    const value = params[key];
    if (value === undefined) continue;
    result[key] = isFileParam(value) || Array.isArray(value) ? value : paramToString(value, legacy);
  }
  return result;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** RFC 7230: a header name is a token; a value has no CR, LF, NUL or other control character but HTAB. */
export function validateHeader(name: unknown, value: unknown, source: string): void {
  if (typeof name !== 'string' || !TOKEN.test(name)) {
    throw new InvalidRequestError(
      `Invalid header name ${JSON.stringify(String(name))} in ${source}: a header name must be an RFC 7230 token`,
    );
  }
  if (typeof value !== 'string') {
    throw new InvalidRequestError(
      `Invalid value for header "${name}" in ${source}: expected a string, got ${value === null ? 'null' : typeof value}`,
    );
  }
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f || code > 0xff) {
      throw new InvalidRequestError(
        `Invalid value for header "${name}" in ${source}: character ${i + 1} is ${code === 0x0d ? 'CR' : code === 0x0a ? 'LF' : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`}, which a header value cannot hold`,
      );
    }
  }
}

/** Validates every header of a map (names and values). */
export function validateHeaders(headers: Record<string, unknown> | null | undefined, source: string): void {
  if (headers === null || headers === undefined) return;
  if (typeof headers !== 'object' || Array.isArray(headers))
    throw new InvalidRequestError(`${source} must be an object of header names to string values`);
  for (const name of Object.keys(headers)) validateHeader(name, headers[name], source);
}

// ---- headers: one entry per name, whatever the spelling ---------------------------------------------

/** The key under which `name` is stored in `headers`, compared case-insensitively, if any. */
export function headerKey(headers: Record<string, unknown>, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(headers, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(headers).find((key) => key.toLowerCase() === lower);
}

/** The value of a header, whatever the spelling of its name. */
export function getHeader(headers: Record<string, string>, name: string): string | undefined {
  const key = headerKey(headers, name);
  return key === undefined ? undefined : headers[key];
}

/** Sets a header: an entry of the same name in another spelling is replaced in place (keeping its spelling). */
export function setHeader(headers: Record<string, string>, name: string, value: string): void {
  headers[headerKey(headers, name) ?? name] = value;
}

/** Spells an existing header's name as `name` (same value). */
export function respellHeader(headers: Record<string, string>, name: string): void {
  const key = headerKey(headers, name);
  if (key === undefined || key === name) return;
  const value = headers[key]!;
  delete headers[key];
  headers[name] = value;
}

/**
 * Headers from several maps, later maps winning, with one entry per name however each map spells it:
 * the value is the last one given, the name is spelled as it was first given (as axios sends it).
 * Non-string values (a hook's `undefined`) are left out.
 */
export function mergeHeaders(...layers: ReadonlyArray<Readonly<Record<string, unknown>> | null | undefined>): Record<string, string> {
  const merged: Record<string, string> = {};
  // Lower-case name -> the key it is stored under: one lookup per header, however many there are.
  const keys = new Map<string, string>();
  for (const layer of layers) {
    if (!layer) continue;
    for (const name of Object.keys(layer)) {
      const value = layer[name];
      if (typeof value !== 'string') continue;
      const lower = name.toLowerCase();
      const key = keys.get(lower) ?? name;
      keys.set(lower, key);
      // defineProperty: a header named `__proto__` is a header like any other, not the object's prototype.
      Object.defineProperty(merged, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return merged;
}

// ---- bodies -------------------------------------------------------------------------------------

/** Bodies that a transport sends as they are (files, streams, forms); everything else becomes JSON. */
export function isRawBody(body: unknown): boolean {
  return (
    typeof body === 'string' ||
    isFileParam(body) ||
    (typeof URLSearchParams === 'function' && body instanceof URLSearchParams) ||
    (typeof FormData === 'function' && body instanceof FormData)
  );
}

/**
 * Refuses, before anything is sent, a body that cannot become JSON: a circular one, a BigInt, a
 * symbol or function, a `toJSON` or getter that throws. Without this the failure surfaced as a
 * network error after the transport had recursed through the structure.
 */
export function assertJsonBody(body: unknown): void {
  if (body === undefined || body === null) return;
  const kind = typeof body;
  if (kind === 'bigint' || kind === 'symbol' || kind === 'function') {
    throw new InvalidRequestError(`The request body cannot be sent: a ${kind} has no JSON form`);
  }
  if (kind !== 'object' || isRawBody(body)) return;
  try {
    JSON.stringify(body);
  } catch (error) {
    throw new InvalidRequestError(`The request body cannot be sent as JSON: ${jsonProblem(error)}`, { cause: error });
  }
}

function jsonProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : describeThrown(error);
  if (/circular/i.test(message)) return `it is circular (${message.replace(/\s*\n\s*/g, ' ')})`;
  if (/bigint/i.test(message)) return 'it holds a BigInt, which JSON cannot represent';
  if (error instanceof RangeError) return `it is nested too deeply (${message})`;
  return `serialising it threw (${message})`;
}
