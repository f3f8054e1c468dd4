/** Classifies a transport failure (no HTTP response) into the SDK's network error types. */
import { AbortError, NetworkError, TimeoutError } from '../errors.js';

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

interface FailureLike {
  code?: unknown;
  name?: unknown;
  message?: unknown;
  cause?: unknown;
}

/** The first error code found on the error or its causes (fetch hides the socket error in `cause`). */
export function errorCode(error: unknown): string | undefined {
  for (let e = error as FailureLike | undefined, depth = 0; e && depth < 5; e = e.cause as FailureLike | undefined, depth++) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
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
  if (aborted === 'signal' || code === 'ERR_CANCELED') {
    return new AbortError(`${method} ${url} was aborted`, { cause: error });
  }
  if (aborted === 'timeout' || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return new TimeoutError(`${method} ${url} timed out${timeoutMs ? ` after ${timeoutMs} ms` : ''}`, {
      code,
      method,
      url,
      timeoutMs,
      cause: error,
    });
  }
  const reason = code ?? (typeof detail === 'string' && detail ? detail : 'no response');
  return new NetworkError(`${method} ${url} failed before a response arrived: ${reason}`, { code, method, url, cause: error });
}
