/**
 * Errors the SDK raises. Every one is a real `Error` subclass with a stack; API failures also keep
 * every field of the reference SDK's extended error object (`status`, `statusText`, `headers`,
 * `body`, `text`, `error`), so code written against `purecloud-platform-client-v2` keeps working.
 *
 * Several copies of `@gcsdk/core` may be installed side by side (87 independently versioned
 * packages), so `instanceof` is backed by a brand check rather than by class identity alone.
 */

import { redactBody, redactHeaders, redactText, redactUrl, scrubText } from './logging/redact.js';
import { sanitizeCause } from './sanitize-cause.js';

const BRAND = Symbol.for('gcsdk.error');

type Brand =
  | 'ApiError'
  | 'RateLimitError'
  | 'NetworkError'
  | 'TimeoutError'
  | 'AbortError'
  | 'MissingParameterError'
  | 'InvalidRequestError'
  | 'ConfigFileError';

/**
 * The base of every error the SDK raises itself. Its message is scrubbed of credentials, and its
 * `cause` is a sanitised copy (see sanitize-cause.ts): a transport's own error holds the request,
 * its headers and, through the keep-alive pool, the sockets of every other client in the process.
 */
export class GcsdkError extends Error {
  declare readonly [BRAND]: readonly Brand[];

  constructor(message: string, options?: { cause?: unknown }) {
    const cause = options?.cause === undefined ? undefined : sanitizeCause(options.cause);
    super(scrubText(message), cause === undefined ? undefined : { cause });
    const brands: Brand[] = [];
    for (let proto = new.target.prototype; proto && proto !== GcsdkError.prototype; proto = Object.getPrototypeOf(proto)) {
      brands.push((proto.constructor as unknown as { brand: Brand }).brand);
    }
    Object.defineProperty(this, BRAND, { value: brands, enumerable: false });
    // Explicit names survive minification, which renames classes.
    Object.defineProperty(this, 'name', { value: brands[0] ?? 'GcsdkError', enumerable: false, writable: true, configurable: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this === GcsdkError) return typeof value === 'object' && value !== null && BRAND in value;
    const brands = (value as { [BRAND]?: readonly string[] } | null)?.[BRAND];
    const brand = (this as unknown as { brand?: string }).brand;
    return Array.isArray(brands) && brand !== undefined ? brands.includes(brand) : Function.prototype[Symbol.hasInstance].call(this, value);
  }
}

export interface ApiErrorInit {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: unknown;
  text?: string;
  method: string;
  url: string;
  cause?: unknown;
}

/** The shape of a Genesys Cloud error body (`{ message, code, status, contextId, … }`), or an OAuth one (`{ error, error_description }`). */
interface GenesysErrorBody {
  message?: unknown;
  error?: unknown;
  error_description?: unknown;
  code?: unknown;
  contextId?: unknown;
  messageParams?: unknown;
  details?: unknown;
  errors?: unknown;
  messageWithParams?: unknown;
}

/**
 * The API answered with a status outside 2xx. `message` is the API's own message, as the reference
 * rejects with the body (`User nope not found`); method, URL, status and correlation id are fields.
 * Credentials are kept out: the URL's secret query values, secret-named keys of the body (and the
 * same in `text`) and credential headers (`set-cookie`) are `[REDACTED]`.
 */
export class ApiError extends GcsdkError {
  static readonly brand: Brand = 'ApiError';
  readonly status: number;
  readonly statusText: string;
  readonly headers: Record<string, string>;
  /** The parsed response body (a Genesys error object for most failures). */
  readonly body: unknown;
  /** The raw response text where the transport gives it. */
  readonly text: string | undefined;
  /** `inin-correlation-id` of the response: quote it to Genesys support. */
  readonly correlationId: string | undefined;
  readonly method: string;
  readonly url: string;
  /** The reference SDK's extended error objects carry the transport's error here (ours: the sanitised cause, or null). */
  readonly error: unknown;
  /** Copied from a Genesys error body (`code`; an OAuth body's `error`) so that code written for the reference's plain rejections keeps working. */
  readonly code: string | undefined;
  readonly contextId: string | undefined;
  readonly messageParams: unknown;
  readonly details: unknown;
  readonly errors: unknown;

  constructor(init: ApiErrorInit, message?: string) {
    const redactedBody = init.body === undefined ? undefined : redactBody(init.body);
    const body = (typeof redactedBody === 'object' && redactedBody !== null ? redactedBody : {}) as GenesysErrorBody;
    super(message ?? apiMessage(body, init.status, init.statusText), { cause: init.cause });
    this.status = init.status;
    this.statusText = init.statusText;
    this.headers = redactHeaders(init.headers) ?? {};
    this.body = redactedBody;
    this.text = init.text === undefined ? undefined : redactText(init.text);
    this.correlationId = init.headers['inin-correlation-id'];
    this.method = init.method;
    this.url = redactUrl(init.url);
    this.code = nonEmptyString(body.code) ?? nonEmptyString(body.error);
    this.contextId = typeof body.contextId === 'string' ? body.contextId : this.correlationId;
    this.messageParams = body.messageParams;
    this.details = body.details;
    this.errors = body.errors;
    // Non-enumerable, as before: logging the error prints the fields, not this copy.
    Object.defineProperty(this, 'error', { value: (this as { cause?: unknown }).cause ?? null, enumerable: false });
  }
}

/** The body's `message`; an OAuth body's `error_description`, else its `error`; else the status line (`404 Not Found`). */
function apiMessage(body: GenesysErrorBody, status: number, statusText: string): string {
  return (
    nonEmptyString(body.message) ?? nonEmptyString(body.error_description) ?? nonEmptyString(body.error) ?? `${status} ${statusText}`.trim()
  );
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** A 429 whose retries ran out, or a retryable answer (429, 502, 503, 504) whose `Retry-After` is longer than the retry ceiling (a daily quota, say). */
export class RateLimitError extends ApiError {
  static override readonly brand: Brand = 'RateLimitError';
  /** How long the server asked to wait, in milliseconds, where it said. */
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit, retryAfterMs: number | undefined, message?: string) {
    super(init, message);
    this.retryAfterMs = retryAfterMs;
  }
}

/** No HTTP response: connection refused or reset, DNS failure, TLS failure. */
export class NetworkError extends GcsdkError {
  static readonly brand: Brand = 'NetworkError';
  /** The transport's error code where it gives one (`ECONNREFUSED`, `ECONNRESET`, …). */
  readonly code: string | undefined;
  readonly method: string;
  readonly url: string;

  constructor(message: string, init: { code?: string | undefined; method: string; url: string; cause?: unknown }) {
    super(message, { cause: init.cause });
    this.code = init.code;
    this.method = init.method;
    this.url = redactUrl(init.url);
  }
}

/** No response within the request's timeout. */
export class TimeoutError extends NetworkError {
  static override readonly brand: Brand = 'TimeoutError';
  readonly timeoutMs: number | undefined;

  constructor(
    message: string,
    init: { code?: string | undefined; method: string; url: string; timeoutMs?: number | undefined; cause?: unknown },
  ) {
    super(message, init);
    this.timeoutMs = init.timeoutMs;
  }
}

/** The caller aborted the request through its `AbortSignal`. */
export class AbortError extends GcsdkError {
  static readonly brand = 'AbortError';
}

/** A required argument was missing; nothing was sent. The message is the reference SDK's own text. */
export class MissingParameterError extends GcsdkError {
  static readonly brand: Brand = 'MissingParameterError';
  readonly parameter: string;
  readonly operation: string;

  constructor(parameter: string, operation: string) {
    super(`Missing the required parameter "${parameter}" when calling ${operation}`);
    this.parameter = parameter;
    this.operation = operation;
  }
}

/** The request could not be built from what was given (a bad header, an unknown collection format…); nothing was sent. */
export class InvalidRequestError extends GcsdkError {
  static readonly brand = 'InvalidRequestError';
}

/** The configuration file could not be read or parsed; the previous settings stay in force. */
export class ConfigFileError extends GcsdkError {
  static readonly brand: Brand = 'ConfigFileError';
  readonly path: string;

  constructor(message: string, path: string, options?: { cause?: unknown }) {
    super(message, options);
    this.path = path;
  }
}

/** True for an `ApiError` from any copy of `@gcsdk/core`. */
export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}
