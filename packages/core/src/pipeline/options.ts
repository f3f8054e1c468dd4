/**
 * The per-call options every request takes (`signal`, `timeout`): checked once, where the caller
 * hands them over, so that a wrong value is an InvalidRequestError naming the option, never a
 * request without the limit the caller asked for.
 */
import { AbortError, InvalidRequestError } from '../errors.js';
import { onAbort } from './abort-listeners.js';
import { invalidRequest } from './failures.js';

/** The longest timer Node and browsers keep (a larger one fires at once). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export interface CallOptions {
  /** Aborts the request, a wait before a retry, and the caller's wait for a token renewal. */
  signal?: AbortSignal | undefined;
  /** Milliseconds for each attempt; 0 for none. */
  timeout?: number | undefined;
}

/** `signal` and `timeout` of `options`, checked; `null` is the same as leaving an option out. `where` names the call. */
export function checkCallOptions(options: unknown, where: string): { signal: AbortSignal | undefined; timeout: number | undefined } {
  if (options === undefined || options === null) return { signal: undefined, timeout: undefined };
  if (typeof options !== 'object') throw new InvalidRequestError(`The options of ${where} must be an object, got ${typeof options}`);
  let signal: unknown;
  let timeout: unknown;
  try {
    ({ signal, timeout } = options as { signal?: unknown; timeout?: unknown });
  } catch (error) {
    // A getter or proxy that throws (maybe not even an Error): the caller's options cannot be read.
    throw invalidRequest(error, `the options of ${where}`);
  }
  return { signal: checkSignal(signal, where), timeout: checkTimeout(timeout, where) };
}

export function checkSignal(signal: unknown, where: string): AbortSignal | undefined {
  if (signal === undefined || signal === null) return undefined;
  if (typeof AbortSignal === 'function' && signal instanceof AbortSignal) return signal;
  throw new InvalidRequestError(`The "signal" option of ${where} must be an AbortSignal (from an AbortController), got ${kindOf(signal)}`);
}

export function checkTimeout(timeout: unknown, where: string): number | undefined {
  if (timeout === undefined || timeout === null) return undefined;
  if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < 0 || timeout > MAX_TIMEOUT_MS) {
    throw new InvalidRequestError(
      `The "timeout" option of ${where} must be a number of milliseconds from 0 (none) to ${MAX_TIMEOUT_MS}, got ${kindOf(timeout)}`,
    );
  }
  return timeout;
}

function kindOf(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `the string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value !== 'object' || value === null) return typeof value;
  return Array.isArray(value) ? 'an array' : 'an object';
}

/** Settles with `promise`, or rejects with an AbortError as soon as `signal` aborts (the work itself is left to finish). */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, what: () => string): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(new AbortError(`${what()} was aborted`));
  }
  return new Promise<T>((resolve, reject) => {
    const stopWaiting = onAbort(signal, () => {
      promise.catch(() => undefined);
      reject(new AbortError(`${what()} was aborted`));
    });
    promise.then(
      (value) => {
        stopWaiting();
        resolve(value);
      },
      (error: unknown) => {
        stopWaiting();
        reject(error);
      },
    );
  });
}
