/** The SDK's own pipeline steps besides retry: auth, user hooks, logging, and the transport adapter. */
import type { TokenLifecycle } from '../auth/lifecycle.js';
import type { Logger } from '../logging/Logger.js';
import type { AbstractHttpClient } from '../transport/AbstractHttpClient.js';
import { HttpRequestOptions } from '../transport/HttpRequestOptions.js';
import type { HttpResponse } from '../transport/types.js';
import { toNetworkError } from '../transport/errors.js';
import { GcsdkError } from '../errors.js';
import { appendQuery } from '../wire.js';
import { redactUrl } from '../logging/redact.js';
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

function applyAuth(request: PipelineRequest, auths: Record<string, Authentication>): string | undefined {
  let bearer: string | undefined;
  for (const authName of request.authNames) {
    const auth = auths[authName];
    if (!auth) continue;
    if (auth.type === 'oauth2') {
      if (auth.accessToken) request.headers['Authorization'] = `Bearer ${auth.accessToken}`;
      else delete request.headers['Authorization'];
      bearer = auth.accessToken ?? undefined;
    } else if (auth.type === 'apiKey' && auth.apiKey && auth.name) {
      const value = auth.apiKeyPrefix ? `${auth.apiKeyPrefix} ${auth.apiKey}` : auth.apiKey;
      if (auth.in === 'query') request.query = { ...request.query, [encodeURIComponent(auth.name)]: value };
      else request.headers[auth.name] = value;
    } else if (auth.type === 'basic' && (auth.username || auth.password)) {
      request.headers['Authorization'] = `Basic ${btoa(`${auth.username ?? ''}:${auth.password ?? ''}`)}`;
    }
  }
  return bearer;
}

/**
 * Sets each attempt's credentials from the client's current token; renews a token about to expire;
 * after a 401, waits for the one shared renewal and resends once with the new token.
 */
export function authStep(source: AuthSource): PipelineStep {
  return {
    name: 'auth',
    async send(request, next) {
      const usesOAuth = request.authNames.includes('PureCloud OAuth');
      const lifecycle = usesOAuth ? source.lifecycle : undefined;
      await lifecycle?.beforeSend();
      const used = applyAuth(request, source.authentications());
      const response = await next(request);
      if (response.status !== 401 || !lifecycle || !(await lifecycle.after401(used))) return response;
      const resend = { ...request, headers: { ...request.headers } };
      applyAuth(resend, source.authentications());
      return next(resend);
    },
  };
}

/** Runs the user's hooks around each attempt, in the order they were added. */
export function hooksStep(hooks: () => readonly RequestHooks[]): PipelineStep {
  return {
    name: 'hooks',
    async send(request, next) {
      const list = hooks();
      let current = request;
      for (const hook of list) if (hook.beforeRequest) current = (await hook.beforeRequest(current)) ?? current;
      let response = await next(current);
      for (const hook of list) if (hook.afterResponse) response = (await hook.afterResponse(response, current)) ?? response;
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
    const options = new HttpRequestOptions(request.url, request.method, request.headers, request.query, request.body, request.timeout);
    options.setSignal(request.signal);
    try {
      return normalizeResponse(await client().request(options));
    } catch (error) {
      if (error instanceof GcsdkError) throw error;
      const response = (error as { response?: unknown } | null)?.response;
      if (response && typeof response === 'object') return normalizeResponse(response);
      throw toNetworkError(error, request.method, request.url, request.timeout, request.signal?.aborted ? 'signal' : undefined);
    }
  };
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
