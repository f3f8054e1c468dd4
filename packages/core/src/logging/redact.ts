/**
 * Removes credentials from what the SDK writes to logs: headers, URLs, bodies and free text.
 * Browser-safe (no Node built-ins). Every function returns a copy and never mutates its input.
 */

export const REDACTED = '[REDACTED]';

/**
 * A key holds a credential when its normalised name (lower case, without `_`, `-`, `.` and spaces)
 * CONTAINS one of these: `newPassword`, `client_secret`, `X-Auth-Token`, `samlAssertion`,
 * `codeVerifier`, `botCredentials`, `x-api-key`. The rule goes by the name, so it also hides some
 * harmless values (`tokenExpiryTime`, `nextPageToken`, `secretary`): a leaked secret costs more
 * than a hidden expiry time. Booleans are never hidden (`clientSecretProvided: true` holds no secret).
 */
const SECRET_KEY_PARTS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'assertion',
  'verifier',
  'credential',
  'apikey',
  'privatekey',
];

/**
 * Matched whole, not as parts: an `Authorization` header or key is a credential, while
 * `orgAuthorization` and `authorizationGrantDivisionAware` are roles and flags.
 */
const SECRET_KEYS = new Set(['authorization', 'proxyauthorization']);

/** Headers whose whole value is a credential, besides the secret keys above. */
const SECRET_HEADERS = new Set(['cookie', 'set-cookie']);

/** Deeper bodies are cut off: logging must not overflow the stack. */
const MAX_DEPTH = 64;

/** Known secret values shorter than this are left alone: replacing "abc" everywhere would garble messages. */
const MIN_SECRET_LENGTH = 4;

/** Whether a body key, query parameter or header name holds a credential (`client_secret`, `newPassword`, `X-Auth-Token`...). */
export function isSecretKey(key: string): boolean {
  const normalised = normaliseKey(key);
  return SECRET_KEYS.has(normalised) || SECRET_KEY_PARTS.some((part) => normalised.includes(part));
}

/**
 * Keys that hold a credential only as `key=value` pairs (forms, queries, `k=v` in free text): the OAuth
 * authorization `code` (RFC 6749 §4.1: the redirect's query and the token request's form). In JSON the
 * same key is an error code (`"code": "bad.request"`) and is kept.
 */
const SECRET_PAIR_KEYS = new Set(['code']);

/** Whether the key of a `key=value` pair (form, query, free text) holds a credential. */
function isSecretPairKey(key: string): boolean {
  return isSecretKey(key) || SECRET_PAIR_KEYS.has(normaliseKey(key));
}

function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[-_.\s]/g, '');
}

function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase()) || isSecretKey(name);
}

// ---------------------------------------------------------------------------------------------
// Headers

/** A copy of `headers` with credential headers replaced by `[REDACTED]` and every value as a string. */
export function redactHeaders(headers: Record<string, unknown> | undefined | null): Record<string, string> | undefined {
  if (!headers) return undefined;
  const result: Record<string, string> = {};
  for (const [name, value] of headerEntries(headers)) {
    if (value === undefined || value === null) continue;
    setKey(result, name, isSecretHeader(name) ? REDACTED : scrubText(headerValue(value)));
  }
  return result;
}

/** Plain objects, axios' AxiosHeaders (own properties), fetch's Headers and Maps. */
function headerEntries(headers: object): Array<[string, unknown]> {
  if (headers instanceof Map || (typeof Headers !== 'undefined' && headers instanceof Headers)) {
    const entries: Array<[string, unknown]> = [];
    (headers as Map<unknown, unknown>).forEach((value, name) => entries.push([String(name), value]));
    return entries;
  }
  return Object.entries(headers);
}

function headerValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(', ');
  return typeof value === 'object' ? safeJson(value) : String(value);
}

// ---------------------------------------------------------------------------------------------
// URLs and form-encoded text

/** The URL with the values of secret query (and fragment) parameters and any userinfo password redacted; the rest is kept byte for byte. */
export function redactUrl(url: string): string {
  const withoutPassword = url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*:)[^/?#@]*@/i, `$1${REDACTED}@`);
  const hashAt = withoutPassword.indexOf('#');
  const beforeHash = hashAt < 0 ? withoutPassword : withoutPassword.slice(0, hashAt);
  // The implicit grant returns its token in the fragment (`#access_token=...`).
  const fragment = hashAt < 0 ? '' : `#${redactKeyValues(withoutPassword.slice(hashAt + 1))}`;
  const queryAt = beforeHash.indexOf('?');
  if (queryAt < 0) return beforeHash + fragment;
  return `${beforeHash.slice(0, queryAt + 1)}${redactPairs(beforeHash.slice(queryAt + 1))}${fragment}`;
}

/** `a=1&client_secret=x` -> `a=1&client_secret=[REDACTED]`, everything else untouched. */
function redactPairs(text: string): string {
  return text.split('&').map(redactPair).join('&');
}

function redactPair(pair: string): string {
  const eq = pair.indexOf('=');
  if (eq < 0 || eq === pair.length - 1) return pair;
  const key = pair.slice(0, eq);
  return isSecretPairKey(decodeFormComponent(key)) ? `${key}=${REDACTED}` : pair;
}

function decodeFormComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** A whole string in `application/x-www-form-urlencoded` shape: `k=v&k2=v2`, no whitespace. */
const FORM_ENCODED = /^[^\s&=]+=[^\s&]*(?:&[^\s&=]+(?:=[^\s&]*)?)*$/;

// ---------------------------------------------------------------------------------------------
// Free text

/**
 * `key=value` anywhere in text (queries inside messages, fragments); the key is checked by isSecretKey.
 * A match starts only where a key can start (the lookbehind) and keys are bounded, so that a long run
 * of key characters without `=` (a 1 MB argument echoed in a message) is scanned once, not once per
 * position.
 */
const KEY_VALUE = /(?<![A-Za-z0-9_.%+-])([A-Za-z0-9_.%+-]{1,256})=([^&#\s"']*)/g;

/** `"key": "value"` anywhere in text (JSON bodies quoted in error messages). */
const JSON_PAIR = /"([^"\\]{1,64})"(\s*:\s*)"(?:[^"\\]|\\.)*"/g;

/** Credentials after an HTTP auth scheme. Basic needs base64-looking text so that "Basic authentication" survives. */
const BEARER = /\b(Bearer\s+)[A-Za-z0-9\-._~+/]+=*/gi;
const BASIC = /\b(Basic\s+)(?=[A-Za-z0-9+/]*[0-9+/=])[A-Za-z0-9+/]{8,}=*/gi;

/** Punctuation that ends a sentence rather than a value (`...?token=abc: 401 Unauthorized`). */
const SENTENCE_PUNCTUATION = new Set([':', ',', ';', '.', ')', '}', '>']);

/** The run of sentence punctuation at the end of `value` (a backward scan: linear, whatever the value). */
function trailingPunctuation(value: string): string {
  let start = value.length;
  while (start > 0 && SENTENCE_PUNCTUATION.has(value[start - 1]!)) start--;
  return value.slice(start);
}

function redactKeyValues(text: string): string {
  return text.replace(KEY_VALUE, (match, key: string, value: string) => {
    if (value === '' || !isSecretPairKey(decodeFormComponent(key))) return match;
    return `${key}=${REDACTED}${trailingPunctuation(value)}`;
  });
}

/**
 * Redacts credentials that can be recognised in free text: secret `key=value` pairs, secret JSON
 * `"key": "value"` pairs and `Bearer`/`Basic` credentials. Used for messages and string body parts.
 */
export function scrubText(text: string): string {
  return redactKeyValues(text)
    .replace(JSON_PAIR, (match, key: string, colon: string) => (isSecretKey(key) ? `"${key}"${colon}"${REDACTED}"` : match))
    .replace(BEARER, `$1${REDACTED}`)
    .replace(BASIC, `$1${REDACTED}`);
}

/** Replaces every occurrence of each known secret value (and its URL-encoded forms) with `[REDACTED]`. */
export function redactSecrets(text: string, secrets: Iterable<string | undefined | null>): string {
  const values = new Set<string>();
  for (const secret of secrets) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    values.add(secret);
    values.add(encodeURIComponent(secret));
    values.add(new URLSearchParams({ s: secret }).toString().slice(2));
  }
  // Longest first, so that a secret containing another one is replaced whole.
  let result = text;
  for (const value of [...values].sort((a, b) => b.length - a.length)) result = result.split(value).join(REDACTED);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Bodies

/**
 * A JSON-serialisable deep copy of `body` with the values of secret keys replaced by `[REDACTED]`.
 * Under a secret key every string and number is replaced, however deep, while objects and arrays
 * keep their shape (`credentials: { id: "[REDACTED]", … }`), so that the log shows what was hidden.
 * Strings holding JSON or form-encoded data are redacted as such; cycles become `[Circular]`,
 * binary data and streams a short description, Maps/Sets/FormData/URLSearchParams plain data.
 */
export function redactBody(body: unknown): unknown {
  return copyValue(body, new Set(), 0, false);
}

/** Response text as `redactBody` would have it: JSON as JSON (re-serialised only when something was hidden), forms pair by pair, else free text. */
export function redactText(text: string): string {
  return redactString(text);
}

function copyValue(value: unknown, ancestors: Set<object>, depth: number, secret: boolean): unknown {
  if (typeof value === 'string') return secret && value !== '' ? REDACTED : redactString(value);
  if (typeof value === 'number' || typeof value === 'bigint')
    return secret ? REDACTED : typeof value === 'bigint' ? value.toString() : value;
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  ancestors.add(value);
  try {
    return copyObject(value, ancestors, depth + 1, secret);
  } finally {
    ancestors.delete(value);
  }
}

function copyObject(value: object, ancestors: Set<object>, depth: number, secret: boolean): unknown {
  const copy = (item: unknown, secretItem = secret): unknown => copyValue(item, ancestors, depth, secretItem);
  if (Array.isArray(value)) return value.map((item) => copy(item));
  if (value instanceof Date) return secret ? REDACTED : new Date(value.getTime());
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return `[binary ${value.byteLength} bytes]`;
  if (typeof Blob !== 'undefined' && value instanceof Blob) return `[${value.constructor.name} ${value.size} bytes]`;
  if (value instanceof URLSearchParams) return secret ? REDACTED : redactPairs(value.toString());
  if (typeof FormData !== 'undefined' && value instanceof FormData) return copyEntries(formDataEntries(value), copy);
  if (value instanceof Map) return copyEntries([...value.entries()], copy);
  if (value instanceof Set) return [...value].map((item) => copy(item));
  if (value instanceof RegExp) return secret ? REDACTED : String(value);
  if (value instanceof Error) return copyProperties({ ...value, name: value.name, message: value.message }, copy);
  if (isStream(value)) return '[stream]';
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return copy(callToJson(value, toJSON as (key: string) => unknown));
  return copyProperties(value, copy);
}

type CopyItem = (item: unknown, secretItem?: boolean) => unknown;

function copyProperties(value: object, copy: CopyItem): Record<string, unknown> {
  return copyEntries(
    Object.keys(value).map((key) => [key, readProperty(value, key)]),
    copy,
  );
}

/** A throwing getter must not make logging (and so the request) fail. */
function readProperty(value: object, key: string): unknown {
  try {
    return (value as Record<string, unknown>)[key];
  } catch {
    return '[unreadable]';
  }
}

/** Entries to a plain object; a key seen twice (FormData, Maps with equal string keys) collects its values in an array. */
function copyEntries(entries: Array<[unknown, unknown]>, copy: CopyItem): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [rawKey, item] of entries) {
    const key = String(rawKey);
    // A secret key hides its value; a key under a secret one stays hidden whatever its name.
    const redacted = isSecretKey(key) ? copy(item, true) : copy(item);
    if (Object.prototype.hasOwnProperty.call(result, key)) {
      const previous = result[key];
      setKey(result, key, Array.isArray(previous) ? [...(previous as unknown[]), redacted] : [previous, redacted]);
    } else {
      setKey(result, key, redacted);
    }
  }
  return result;
}

/** Defines rather than assigns, so that a `__proto__` key stays data instead of changing the copy's prototype. */
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function formDataEntries(form: FormData): Array<[unknown, unknown]> {
  const entries: Array<[unknown, unknown]> = [];
  form.forEach((value, key) => entries.push([key, value]));
  return entries;
}

/** Node streams (`pipe`) and WHATWG streams (`getReader`) cannot be read without consuming them. */
function isStream(value: object): boolean {
  const candidate = value as { pipe?: unknown; getReader?: unknown };
  return typeof candidate.pipe === 'function' || typeof candidate.getReader === 'function';
}

function callToJson(value: object, toJSON: (key: string) => unknown): unknown {
  try {
    return toJSON.call(value, '');
  } catch {
    return '[unserialisable]';
  }
}

/** JSON text is redacted as JSON, form-encoded text pair by pair, anything else as free text. */
function redactString(text: string): string {
  if (/^\s*[[{]/.test(text)) {
    const json = redactJsonText(text);
    if (json !== undefined) return json;
  }
  if (FORM_ENCODED.test(text)) return redactPairs(text);
  return scrubText(text);
}

/** Re-serialised only when something was redacted, so that harmless JSON keeps its original layout. */
function redactJsonText(text: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const redacted = JSON.stringify(redactBody(parsed));
  return redacted === JSON.stringify(parsed) ? text : redacted;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(redactBody(value)) ?? String(value);
  } catch {
    return String(value);
  }
}
