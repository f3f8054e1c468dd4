/** The SDK's own pipeline steps besides retry: auth, user hooks, logging, and the transport adapter. */
import type { TokenLifecycle } from '../auth/lifecycle.js';
import type { Logger } from '../logging/Logger.js';
import type { AbstractHttpClient } from '../transport/AbstractHttpClient.js';
import { HttpRequestOptions } from '../transport/HttpRequestOptions.js';
import type { HttpResponse } from '../transport/types.js';
import { toNetworkError } from '../transport/errors.js';
import { AbortError, GcsdkError } from '../errors.js';
import { appendQuery, mergeHeaders, setHeader } from '../wire.js';
import { redactUrl } from '../logging/redact.js';
import { asError, isHookFailure } from './failures.js';
import { linkedSignal } from './abort-listeners.js';
import { untilAborted } from './options.js';
import type { PipelineRequest, PipelineStep, RequestHooks, SendRequest } from './types.js';

export interface Authentication {
  type: 'oauth2' | 'apiKey' | 'basic';
  accessToken?: string | null | undefined;
  apiKey?: string | null | undefined;
  apiKeyPrefix?: string | undefined;
  name?: string | undefined;
  in?: 'header' | 'query' | undefined;
  username?: string | undefined;
  password?: string | undefined;
}

/** What the auth step needs from the client. */
export interface AuthSource {
  authentications(): Record<string, Authentication>;
  /** Renews tokens ahead of expiry and after a 401; absent for requests that carry no token. */
  lifecycle?: TokenLifecycle;
}

/**
 * The attempt as sent: the credentials under the caller's headers (an Authorization the caller set
 * through the default headers, a header parameter or customHeaders wins, as in the reference, where
 * the token is applied first and the caller's headers over it). Returns the bearer token used.
 */
function withCredentials(request: PipelineRequest, auths: Record<string, Authentication>): [PipelineRequest, string | undefined] {
  let bearer: string | undefined;
  const credentials: Record<string, string> = {};
  let query = request.query;
  let basic: string | undefined;
  for (const authName of request.authNames) {
    const auth = auths[authName];
    if (!auth) continue;
    if (auth.type === 'oauth2') {
      if (auth.accessToken) setHeader(credentials, 'Authorization', `Bearer ${auth.accessToken}`);
      bearer = auth.accessToken ?? undefined;
    } else if (auth.type === 'apiKey' && auth.apiKey && auth.name) {
      const value = auth.apiKeyPrefix ? `${auth.apiKeyPrefix} ${auth.apiKey}` : auth.apiKey;
      if (auth.in === 'query') query = { ...query, [encodeURIComponent(auth.name)]: value };
      else setHeader(credentials, auth.name, value);
    } else if (auth.type === 'basic' && (auth.username || auth.password)) {
      // axios's `auth` option, which the reference uses, replaces any Authorization header.
      basic = `Basic ${btoa(`${auth.username ?? ''}:${auth.password ?? ''}`)}`;
    }
  }
  const headers = mergeHeaders(credentials, request.headers);
  if (basic) setHeader(headers, 'Authorization', basic);
  return [{ ...request, headers, query }, bearer];
}

/**
 * Sets each attempt's credentials from the client's current token; renews a token about to expire;
 * after a 401, waits for the one shared renewal and resends once with the new token. The caller's
 * signal ends the caller's wait for a renewal, never the renewal other callers wait for.
 */
export function authStep(source: AuthSource): PipelineStep {
  return {
    name: 'auth',
    async send(request, next) {
      const usesOAuth = request.authNames.includes('PureCloud OAuth');
      const lifecycle = usesOAuth ? source.lifecycle : undefined;
      await lifecycle?.beforeSend(request.signal);
      const [attempt, used] = withCredentials(request, source.authentications());
      const response = await next(attempt);
      if (response.status !== 401 || !lifecycle || !(await lifecycle.after401(used, request.signal))) return response;
      return next(withCredentials(request, source.authentications())[0]);
    },
  };
}

/** Runs the user's hooks around each attempt, in the order they were added; what they throw is an Error. */
export function hooksStep(hooks: () => readonly RequestHooks[]): PipelineStep {
  return {
    name: 'hooks',
    async send(request, next) {
      const list = hooks();
      let current = request;
      for (const hook of list) {
        if (!hook.beforeRequest) continue;
        try {
          current = (await hook.beforeRequest(current)) ?? current;
        } catch (error) {
          throw asError(error, 'A beforeRequest hook');
        }
      }
      let response = await next(current);
      for (const hook of list) {
        if (!hook.afterResponse) continue;
        try {
          response = (await hook.afterResponse(response, current)) ?? response;
        } catch (error) {
          throw asError(error, 'An afterResponse hook');
        }
      }
      return response;
    },
  };
}

/** Logs each attempt as the reference does: trace and debug for successes, error for failures. Costs nothing when off. */
export function loggingStep(logger: () => Logger): PipelineStep {
  return {
    name: 'logging',
    async send(request, next) {
      const log = logger();
      if (!log.isEnabled('error')) return next(request);
      const url = appendQuery(request.url, request.query);
      let response: HttpResponse;
      try {
        response = await next(request);
      } catch (error) {
        log.logMessage('error', `${request.method} ${redactUrl(url)}: ${(error as Error).message}`);
        throw error;
      }
      if (response.status >= 200 && response.status < 300) {
        log.log('trace', response.status, request.method, url, request.headers, response.headers, request.body, response.data);
        log.log('debug', response.status, request.method, url, request.headers, undefined, request.body, undefined);
      } else {
        log.log('error', response.status, request.method, url, request.headers, response.headers, request.body, response.data);
      }
      return response;
    },
  };
}

/**
 * Sends through any `AbstractHttpClient`, ours or one written for the reference SDK (which rejects
 * error statuses with an axios-like `error.response`): both come back as a response here.
 */
export function transportSender(client: () => AbstractHttpClient): SendRequest {
  return async (request: PipelineRequest) => {
    // Only an aborted request needs its (redacted) name: not worked out for every call.
    const what = () => `${request.method} ${redactUrl(request.url)}`;
    if (request.signal?.aborted) throw new AbortError(`${what()} was aborted before it was sent`);
    let sending: Promise<unknown>;
    // The transport gets a signal of its own, so that calls sharing the caller's add no listener each to it.
    const link = request.signal && linkedSignal(request.signal);
    try {
      const options = new HttpRequestOptions(request.url, request.method, request.headers, request.query, request.body, request.timeout);
      options.setSignal(link?.signal);
      sending = Promise.resolve(client().request(options));
    } catch (error) {
      sending = Promise.reject(error);
    }
    if (link) sending.then(link.release, link.release);
    try {
      // A transport written for the reference knows no signal: the caller stops waiting all the same.
      return normalizeResponse(await untilAborted(sending, request.signal, what));
    } catch (error) {
      if (error instanceof GcsdkError || isHookFailure(error)) throw error;
      const response = readResponse(error);
      if (response) {
        try {
          return normalizeResponse(response);
        } catch {
          // An unreadable response is a transport failure like any other.
        }
      }
      throw toNetworkError(error, request.method, request.url, request.timeout, request.signal?.aborted ? 'signal' : undefined);
    }
  };
}

/** The `response` of a transport's rejection (axios-like), if it has one and reading it does not throw. */
function readResponse(error: unknown): object | undefined {
  try {
    const response = (error as { response?: unknown } | null)?.response;
    return response && typeof response === 'object' ? response : undefined;
  } catch {
    return undefined;
  }
}

function normalizeResponse(raw: unknown): HttpResponse {
  const r = (raw ?? {}) as { status?: unknown; statusText?: unknown; headers?: unknown; data?: unknown; text?: unknown; body?: unknown };
  const headers: Record<string, string> = {};
  const source =
    r.headers && typeof (r.headers as { toJSON?: unknown }).toJSON === 'function'
      ? (r.headers as { toJSON(): object }).toJSON()
      : (r.headers ?? {});
  for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return {
    status: Number(r.status) || 0,
    statusText: typeof r.statusText === 'string' ? r.statusText : '',
    headers,
    data: r.data !== undefined ? r.data : r.body,
    text: typeof r.text === 'string' ? r.text : undefined,
  };
}
