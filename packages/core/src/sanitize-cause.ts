/**
 * The copy of a transport's error that an SDK error may keep as `cause`. The original cannot be
 * kept: an AxiosError holds its config (Authorization header, query), its request and through the
 * shared keep-alive agent the sockets, requests and headers of every other client in the process.
 * The copy keeps what identifies the failure and nothing else. Browser-safe.
 */
import { scrubText } from './logging/redact.js';

/** Primitive fields that say what failed (Node's system errors): no request, response, socket or agent. */
const IDENTIFYING_FIELDS = ['code', 'errno', 'syscall', 'address', 'port'] as const;

/** Cause chains are short (fetch: TypeError -> socket error); a longer or cyclic one is cut here. */
const MAX_DEPTH = 8;

/** Built-in error classes are kept (`cause instanceof SyntaxError` stays true); any other becomes an `Error` with the original name. */
const BUILT_IN_ERRORS: ReadonlyArray<new (message?: string) => Error> = [
  TypeError,
  RangeError,
  SyntaxError,
  ReferenceError,
  EvalError,
  URIError,
];

const SDK_ERROR = Symbol.for('gcsdk.error');

/**
 * A sanitised copy of `cause`: for an error (or an error-like object) a new Error with its name,
 * scrubbed message and stack, the identifying fields, and its own `cause` and `errors` sanitised
 * likewise; a string is scrubbed; other primitives are kept; anything else is dropped. SDK errors
 * are sanitised when made, so they are kept as they are.
 */
export function sanitizeCause(cause: unknown, depth = 0): unknown {
  if (typeof cause === 'string') return scrubText(cause);
  if (typeof cause === 'number' || typeof cause === 'boolean' || typeof cause === 'bigint') return cause;
  if (cause === null || typeof cause !== 'object') return undefined;
  if (SDK_ERROR in cause) return cause;
  if (depth >= MAX_DEPTH) return undefined;
  return copyError(cause as Record<string, unknown>, depth);
}

function copyError(source: Record<string, unknown>, depth: number): Error {
  const message = scrubText(stringField(source, 'message') ?? '');
  const nested = readField(source, 'errors');
  const copy: Error = Array.isArray(nested)
    ? new AggregateError(
        nested.map((item) => sanitizeCause(item, depth + 1)),
        message,
      )
    : new (builtInClass(source) ?? Error)(message);
  const name = stringField(source, 'name');
  if (name && name !== copy.name) Object.defineProperty(copy, 'name', { value: name, writable: true, configurable: true });
  const stack = stringField(source, 'stack');
  Object.defineProperty(copy, 'stack', {
    value: stack ? scrubText(stack) : `${name ?? 'Error'}: ${message}`,
    writable: true,
    configurable: true,
  });
  for (const field of IDENTIFYING_FIELDS) {
    const value = readField(source, field);
    if (typeof value === 'string') (copy as unknown as Record<string, unknown>)[field] = scrubText(value);
    else if (typeof value === 'number') (copy as unknown as Record<string, unknown>)[field] = value;
  }
  const inner = readField(source, 'cause');
  if (inner !== undefined) {
    const sanitised = sanitizeCause(inner, depth + 1);
    // As the native `cause`: own and non-enumerable.
    if (sanitised !== undefined) Object.defineProperty(copy, 'cause', { value: sanitised, writable: true, configurable: true });
  }
  return copy;
}

function builtInClass(source: object): (new (message?: string) => Error) | undefined {
  return BUILT_IN_ERRORS.find((ErrorClass) => source instanceof ErrorClass);
}

function stringField(source: Record<string, unknown>, key: string): string | undefined {
  const value = readField(source, key);
  return typeof value === 'string' ? value : undefined;
}

/** A throwing getter (or proxy) must not turn one error into another. */
function readField(source: Record<string, unknown>, key: string): unknown {
  try {
    return source[key];
  } catch {
    return undefined;
  }
}
