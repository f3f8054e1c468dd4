/**
 * The response shaper: what a call resolves with (the body, or the extended response of
 * `setReturnExtendedResponses(true)`) and the error it rejects with (ApiError, RateLimitError).
 */
import { ApiError, RateLimitError } from '../errors.js';
import { redactUrl } from '../logging/redact.js';
import { RetryCeilingExceeded, serverWaitMs } from '../pipeline/retry.js';
import type { PipelineRequest } from '../pipeline/types.js';
import type { HttpResponse } from '../transport/types.js';
import { appendQuery } from '../wire.js';

/** The response shape of `setReturnExtendedResponses(true)`. */
export interface ExtendedResponse<T = unknown> {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: T;
  text: string | undefined;
  error: null;
}

/** Resolves with what the caller gets for a response, or throws the error it stands for. */
export function shapeResponse(request: PipelineRequest, response: HttpResponse, extended: boolean): unknown {
  if (response.status < 200 || response.status > 299) {
    if (response.status === 429) throw new RateLimitError(errorInit(request, response), serverWaitMs(response.headers));
    throw new ApiError(errorInit(request, response));
  }
  if (extended) {
    const result: ExtendedResponse = {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body: response.data,
      text: response.text,
      error: null,
    };
    return result;
  }
  return response.data === '' ? undefined : response.data;
}

/** A wait the server asks for past the retry ceiling becomes the RateLimitError the caller gets (calls and logins alike). */
export function asCeilingError(request: PipelineRequest, error: unknown, maxRetryAfterSeconds: number): unknown {
  if (!(error instanceof RetryCeilingExceeded)) return error;
  const seconds = Math.ceil(error.waitMs / 1000);
  return new RateLimitError(
    errorInit(request, error.response),
    error.waitMs,
    `${request.method} ${pathOf(request.url)} was rate limited (${error.response.status}): the server asks to wait ${seconds} s, more than the retry ceiling of ${maxRetryAfterSeconds} s`,
  );
}

export function errorInit(request: PipelineRequest, response: HttpResponse) {
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    body: response.data === '' ? undefined : response.data,
    text: response.text,
    method: request.method,
    url: redactUrl(appendQuery(request.url, request.query)),
  };
}

function pathOf(url: string): string {
  return url.replace(/^[a-z]+:\/\/[^/]+/i, '');
}
