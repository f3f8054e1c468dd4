/**
 * Retries: 429, 502, 503 and 504, and connection failures, with `Retry-After` (seconds or an HTTP
 * date) or `inin-ratelimit-reset` honoured, otherwise exponential backoff with full jitter; capped in
 * attempts and in total time. A wait longer than the ceiling fails at once with a RateLimitError.
 *
 * The resend rule, read top to bottom:
 *   - a body that cannot be replayed (a stream) is never re-sent;
 *   - 429 and 503 prove the server did not act on the request: any method may be re-sent;
 *   - 502 and 504 may come after the server acted: only idempotent methods are re-sent;
 *   - a failure before any byte was sent (refused, DNS, a connect timeout): any method, timeouts included;
 *   - any other connection failure or a timeout: only idempotent methods.
 */
import { AbortError, NetworkError } from '../errors.js';
import type { RetrySettings } from '../config/settings.js';
import type { HttpResponse } from '../transport/types.js';
import { isFileParam } from '../wire.js';
import { onAbort } from './abort-listeners.js';
import type { PipelineRequest, PipelineStep, SendRequest } from './types.js';

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
const NOT_ACTED_ON_STATUSES: ReadonlySet<number> = new Set([429, 503]);
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Failures that happen before the request's bytes leave this machine (a connect timeout among them). */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** Milliseconds the server asked to wait, from `Retry-After` (seconds or HTTP date) or `inin-ratelimit-reset` (seconds). */
export function serverWaitMs(headers: Record<string, string>, now: number = Date.now()): number | undefined {
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers['inin-ratelimit-reset']?.trim();
  if (reset && /^\d+(\.\d+)?$/.test(reset)) return Math.round(Number(reset) * 1000);
  return undefined;
}

/** Full jitter: a uniform wait in [0, min(max, base · 2^retry)). */
export function backoffMs(
  retry: number,
  settings: Pick<RetrySettings, 'base_delay_ms' | 'max_delay_ms'>,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(settings.max_delay_ms, settings.base_delay_ms * 2 ** retry);
  return Math.floor(random() * ceiling);
}

export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

function replayable(body: unknown): boolean {
  return !(isFileParam(body) && typeof (body as { pipe?: unknown }).pipe === 'function');
}

/** May this response be retried for this request? */
export function mayRetryStatus(request: Pick<PipelineRequest, 'method' | 'body'>, status: number): boolean {
  if (!RETRYABLE_STATUSES.has(status) || !replayable(request.body)) return false;
  return NOT_ACTED_ON_STATUSES.has(status) || isIdempotent(request.method);
}

/** Syscalls whose failure means no connection existed, so nothing was sent: `connect ETIMEDOUT` is axios's connect timeout. */
const NOT_SENT_SYSCALLS: ReadonlySet<string> = new Set(['connect', 'getaddrinfo']);

/**
 * Did this failure happen before any byte was sent? Its code says so (ECONNREFUSED, undici's
 * UND_ERR_CONNECT_TIMEOUT), or the failed syscall of its cause (Node's `connect ETIMEDOUT`, which
 * axios reports as ETIMEDOUT like its own response timeout).
 */
export function failedBeforeSending(error: NetworkError): boolean {
  if (error.code !== undefined && NOT_SENT_CODES.has(error.code)) return true;
  for (let cause: unknown = error.cause, depth = 0; cause && typeof cause === 'object' && depth < 5; depth++) {
    const syscall = (cause as { syscall?: unknown }).syscall;
    if (typeof syscall === 'string' && NOT_SENT_SYSCALLS.has(syscall)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** May this failure without a response be retried for this request? */
export function mayRetryFailure(request: Pick<PipelineRequest, 'method' | 'body'>, error: unknown): boolean {
  if (error instanceof AbortError || !(error instanceof NetworkError) || !replayable(request.body)) return false;
  // Checked before the timeout rule: a connection that timed out before it existed carried nothing.
  if (failedBeforeSending(error)) return true;
  // Anything else (a reset, a response timeout) may come after the server acted on the request.
  return isIdempotent(request.method);
}

/** Raised inside the pipeline when a wait exceeds the ceiling; callApi and requestToken turn it into a RateLimitError. */
export class RetryCeilingExceeded extends Error {
  constructor(
    readonly response: HttpResponse,
    readonly waitMs: number,
  ) {
    super(`The server asks to wait ${Math.ceil(waitMs / 1000)} s, more than the retry ceiling`);
    this.name = 'RetryCeilingExceeded';
  }
}

export interface RetryClock {
  now(): number;
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
  random(): number;
}

export const systemClock: RetryClock = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new AbortError('The request was aborted while waiting to retry'));
      const timer = setTimeout(() => {
        stopWaiting?.();
        resolve();
      }, ms);
      const stopWaiting =
        signal &&
        onAbort(signal, () => {
          clearTimeout(timer);
          reject(new AbortError('The request was aborted while waiting to retry'));
        });
    }),
};

export function retryStep(settings: () => RetrySettings, clock: RetryClock = systemClock): PipelineStep {
  return {
    name: 'retry',
    async send(request: PipelineRequest, next: SendRequest): Promise<HttpResponse> {
      const config = settings();
      if (!config.enabled) return next({ ...request, attempt: 1 });
      const started = clock.now();
      for (let retry = 0; ; retry++) {
        const attempt = { ...request, headers: { ...request.headers }, attempt: retry + 1 };
        const canRetry = retry < config.max_retries;
        let wait: number;
        try {
          const response = await next(attempt);
          if (!RETRYABLE_STATUSES.has(response.status)) return response;
          const asked = serverWaitMs(response.headers, clock.now());
          if (asked !== undefined && asked > config.max_retry_after_seconds * 1000) throw new RetryCeilingExceeded(response, asked);
          if (!canRetry || !mayRetryStatus(request, response.status)) return response;
          wait = asked ?? backoffMs(retry, config, clock.random);
          if (clock.now() - started + wait > config.max_elapsed_ms) return response;
        } catch (error) {
          if (error instanceof RetryCeilingExceeded || !canRetry || !mayRetryFailure(request, error)) throw error;
          wait = backoffMs(retry, config, clock.random);
          if (clock.now() - started + wait > config.max_elapsed_ms) throw error;
        }
        await clock.sleep(wait, request.signal);
      }
    },
  };
}
