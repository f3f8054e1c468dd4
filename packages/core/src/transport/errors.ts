/** Classifies a transport failure (no HTTP response) into the SDK's network error types. */
import { AbortError, NetworkError, TimeoutError } from '../errors.js';
import { redactUrl } from '../logging/redact.js';

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Enough to find a code behind fetch's wrapping; more means a cycle or a pathological chain. */
const MAX_ERRORS_SEARCHED = 32;

interface FailureLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
}

/**
 * The nearest error code on the error, its causes, or the errors of an AggregateError among them:
 * fetch rejects with `TypeError('fetch failed')` whose `cause` is the socket error, or an
 * AggregateError of one per address tried (`localhost` -> ::1 and 127.0.0.1).
 */
export function errorCode(error: unknown): string | undefined {
  const queue: unknown[] = [error];
  for (let i = 0; i < queue.length && i < MAX_ERRORS_SEARCHED; i++) {
    const e = queue[i] as FailureLike | null | undefined;
    if (typeof e !== 'object' || e === null) continue;
    const code = readField(e, 'code');
    if (typeof code === 'string' && code) return code;
    const cause = readField(e, 'cause');
    if (cause !== undefined) queue.push(cause);
    const errors = readField(e, 'errors');
    if (Array.isArray(errors)) queue.push(...(errors as unknown[]));
  }
  return undefined;
}

function readField(error: FailureLike, key: keyof FailureLike): unknown {
  try {
    return error[key];
  } catch {
    return undefined;
  }
}

export function toNetworkError(
  error: unknown,
  method: string,
  url: string,
  timeoutMs: number | undefined,
  aborted: 'timeout' | 'signal' | undefined,
): NetworkError | AbortError {
  const code = errorCode(error);
  const detail = (error as FailureLike | undefined)?.message;
  // The cause (the transport's own error) is copied without its request by the error classes.
  const where = redactUrl(url);
  if (aborted === 'signal' || code === 'ERR_CANCELED') {
    return new AbortError(`${method} ${where} was aborted`, { cause: error });
  }
  if (aborted === 'timeout' || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return new TimeoutError(`${method} ${where} timed out${timeoutMs ? ` after ${timeoutMs} ms` : ''}`, {
      code,
      method,
      url,
      timeoutMs,
      cause: error,
    });
  }
  const reason = code ?? (typeof detail === 'string' && detail ? detail : 'no response');
  return new NetworkError(`${method} ${where} failed before a response arrived: ${reason}`, { code, method, url, cause: error });
}
