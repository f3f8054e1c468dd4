/**
 * The token endpoint: one form POSTed to `/oauth/token` through the client's token pipeline (retried
 * and logged, redacted; no bearer token, no user hooks). Resolves with the token response; rejects
 * with an ApiError whose message is the OAuth server's own.
 */
import { ApiError } from '../errors.js';
import { checkCallOptions } from '../pipeline/options.js';
import type { PipelineRequest, SendRequest } from '../pipeline/types.js';
import { asCeilingError, errorInit } from '../response/shape.js';
import type { LoginCallOptions } from './host.js';

export interface TokenEndpoint {
  /** `https://login.<environment>` or the gateway's login URL. */
  loginUrl(): string;
  send: SendRequest;
  timeout(): number;
  userAgent: string | undefined;
  maxRetryAfterSeconds(): number;
}

export async function requestToken(
  endpoint: TokenEndpoint,
  form: Record<string, string>,
  authorization: string | undefined,
  options: LoginCallOptions | undefined,
): Promise<Record<string, unknown>> {
  const { signal, timeout } = checkCallOptions(options, `the login (${form['grant_type']})`);
  const headers: Record<string, string> = {};
  if (authorization) headers['Authorization'] = authorization;
  headers['Content-Type'] = 'application/x-www-form-urlencoded';
  if (endpoint.userAgent) headers['User-Agent'] = endpoint.userAgent;
  const request: PipelineRequest = {
    method: 'POST',
    url: `${endpoint.loginUrl()}/oauth/token`,
    query: {},
    headers,
    body: new URLSearchParams(form).toString(),
    timeout: timeout ?? endpoint.timeout(),
    signal,
    operation: 'oauth/token',
    authNames: [],
    attempt: 1,
  };
  const response = await endpoint.send(request).catch((error: unknown) => {
    throw asCeilingError(request, error, endpoint.maxRetryAfterSeconds());
  });
  // The message is the OAuth server's own (error_description, else error, else the status line); `error` is in `code`.
  if (response.status < 200 || response.status > 299) throw new ApiError(errorInit(request, response));
  const token = response.data as Record<string, unknown> | undefined;
  if (!token || typeof token['access_token'] !== 'string')
    throw new ApiError(errorInit(request, response), `Login failed (${form['grant_type']}): the token response has no access_token`);
  return token;
}
