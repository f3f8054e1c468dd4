/**
 * Every rejection of the SDK is an `Error`. What user code throws (hooks, a custom transport, a
 * getter of an argument) may be anything: a string, a plain object, `null`. It is kept as it is
 * when it is an Error, and wrapped (as `cause`) otherwise.
 */
import { GcsdkError, InvalidRequestError } from '../errors.js';

/** A short, safe description of any thrown value (one that is not an Error, or whose fields throw). */
export function describeThrown(value: unknown): string {
  try {
    if (value instanceof Error) return `${value.name}: ${value.message}`;
    if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return String(value);
    return Object.prototype.toString.call(value);
  } catch {
    return 'a value that cannot be described';
  }
}

/** Is `value` an Error (of any realm)? Never throws, whatever `value` is (a proxy's traps may). */
export function isAnError(value: unknown): value is Error {
  try {
    return (
      value instanceof Error || (typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Error]')
    );
  } catch {
    return false;
  }
}

/** `value instanceof type`, false instead of a throw when `value` is a proxy whose traps throw. */
export function isInstance<T>(value: unknown, type: abstract new (...args: never[]) => T): value is T {
  try {
    return value instanceof type;
  } catch {
    return false;
  }
}

/** `value` if it is an Error, else a GcsdkError saying that `source` threw it. */
export function asError(value: unknown, source: string): Error {
  if (isAnError(value)) return value;
  return new GcsdkError(`${source} threw a value that is not an Error: ${describeThrown(value)}`, { cause: value });
}

/** What went wrong while reading the caller's arguments, as an InvalidRequestError (nothing was sent). */
export function invalidRequest(error: unknown, what: string): InvalidRequestError {
  if (error instanceof InvalidRequestError) return error;
  return new InvalidRequestError(`Could not read ${what}: ${describeThrown(error)}`, { cause: error });
}

const hookFailures = new WeakSet<Error>();

/**
 * What a transport's pre- or post-hook threw, as an Error marked so that the pipeline passes it
 * on as it is (the reference rejects with it) instead of reporting a network failure.
 */
export function hookFailure(value: unknown, source: string): Error {
  const error = asError(value, source);
  hookFailures.add(error);
  return error;
}

export function isHookFailure(value: unknown): boolean {
  return typeof value === 'object' && value !== null && hookFailures.has(value as Error);
}
