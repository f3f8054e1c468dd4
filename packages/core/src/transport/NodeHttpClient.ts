/**
 * A transport on Node's own `http`/`https`, with keep-alive agents of its own: what axios does for
 * the SDK's requests (same headers, bytes, decompression, redirects, errors; see axios-wire.ts)
 * without axios's load (~100 ms) or its per-request work. Opt-in: `client.setHttpClient(new NodeHttpClient())`.
 * Agents set with `setHttpAgent`/`setHttpsAgent` (a proxy, MTLS) replace its own; certificates are
 * always verified unless such an agent says otherwise. Node only: browsers get NodeHttpClient.browser.ts.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { AbstractHttpClient } from './AbstractHttpClient.js';
import { InvalidRequestError } from '../errors.js';
import type { HttpRequestOptions } from './HttpRequestOptions.js';
import type { HttpResponse } from './types.js';
import { appendQuery, mergeHeaders } from '../wire.js';
import { hookFailure } from '../pipeline/failures.js';
import { toNetworkError } from './errors.js';
import { preHookedConfig } from './prehooked-config.js';
import { axiosWire } from './axios-wire.js';
import { decodeBody, readBody } from './node-response.js';
import { MAX_REDIRECTS, redirectFrom, tooManyRedirects, type Hop } from './node-redirect.js';

let defaultAgents: { http: HttpAgent; https: HttpsAgent } | undefined;

/** Shared by every NodeHttpClient that was given no agent, so that connections are reused across clients. */
function agents(): { http: HttpAgent; https: HttpsAgent } {
  return (defaultAgents ??= { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) });
}

type Body = Buffer | Readable;

/** One attempt: what stops it (timeout or the caller's signal) and the request in flight. */
interface Attempt {
  stopped: 'timeout' | 'signal' | undefined;
  stop: Error | undefined;
  current: ClientRequest | undefined;
}

export class NodeHttpClient extends AbstractHttpClient {
  constructor(timeout?: number | null, httpsAgent?: object | null) {
    super();
    if (timeout !== null && timeout !== undefined) this.setTimeout(timeout);
    if (httpsAgent) this.setHttpsAgent(httpsAgent);
  }

  async request(options: HttpRequestOptions): Promise<HttpResponse> {
    const config = await preHookedConfig(this, options);
    const method = String(config.method).toUpperCase();
    const timeout = Number(config.timeout) || 0;
    let result: HttpResponse;
    const attempt: Attempt = { stopped: undefined, stop: undefined, current: undefined };
    const stop = (why: 'timeout' | 'signal', error: Error) => {
      if (attempt.stopped) return;
      attempt.stopped = why;
      attempt.stop = error;
      attempt.current?.destroy(error);
    };
    const onAbort = () => stop('signal', Object.assign(new Error('The operation was aborted'), { code: 'ERR_CANCELED' }));
    const signal = options.signal;
    const timer = timeout
      ? setTimeout(() => stop('timeout', Object.assign(new Error(`timeout of ${timeout}ms exceeded`), { code: 'ECONNABORTED' })), timeout)
      : undefined;
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
    try {
      // As axios: the URL parsed (and normalised) first, the serialised query appended to it as it is.
      const url = new URL(String(config.url));
      const path = appendQuery(url.pathname + url.search, config.params as Record<string, string> | undefined);
      const wire = await axiosWire(method, mergeHeaders(config.headers as Record<string, unknown> | undefined), config.data);
      result = await this.follow({ url, path, method, headers: wire.headers, body: wire.body }, attempt);
    } catch (error) {
      if (error instanceof InvalidRequestError) throw error;
      throw toNetworkError(attempt.stop ?? error, method, options.url, timeout, attempt.stopped);
    } finally {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    if (!this.postHook) return result;
    try {
      return ((await this.postHook(result as unknown as Record<string, unknown>)) as HttpResponse | undefined) ?? result;
    } catch (error) {
      throw hookFailure(error, 'The postHook');
    }
  }

  /** Sends `hop`, following redirects, and shapes the final response as DefaultHttpClient does. */
  private async follow(hop: Hop<Body>, attempt: Attempt): Promise<HttpResponse> {
    for (let redirects = 0; ; redirects++) {
      const response = await this.exchange(hop, attempt);
      const next = redirectFrom(hop, response.statusCode ?? 0, response.headers.location);
      if (!next) {
        const bytes = await readBody(response);
        const headers = { ...response.headers };
        const text = await decodeBody(bytes, headers, hop.method, response.statusCode ?? 0);
        return {
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          headers: plainHeaders(headers),
          data: parse(text),
          text,
        };
      }
      response.destroy();
      if (redirects >= MAX_REDIRECTS) throw tooManyRedirects();
      // A stream was consumed by the first request; bytes can be sent again.
      if (next.body !== undefined && !Buffer.isBuffer(next.body))
        throw Object.assign(new Error(`a stream body cannot follow a ${response.statusCode} redirect`), { code: 'ERR_STREAM_REDIRECT' });
      hop = next;
    }
  }

  /** One request on the wire; resolves with the response once its head has arrived. */
  private exchange(hop: Hop<Body>, attempt: Attempt): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      if (attempt.stop) return reject(attempt.stop);
      const https = hop.url.protocol === 'https:';
      const agent = (https ? this.httpsAgent : this.httpAgent) ?? (https ? agents().https : agents().http);
      const send = https ? httpsRequest : httpRequest;
      const { hostname, port } = hop.url;
      const target = { hostname: hostname.startsWith('[') ? hostname.slice(1, -1) : hostname, port, path: hop.path };
      const req = send({ ...target, method: hop.method, headers: hop.headers, agent: agent as HttpAgent }, resolve);
      attempt.current = req;
      req.on('error', reject);
      if (hop.body === undefined) req.end();
      else if (Buffer.isBuffer(hop.body)) req.end(hop.body);
      else {
        hop.body.on('error', (error: Error) => req.destroy(error));
        hop.body.pipe(req);
      }
    });
  }
}

/** Lower-case names, a repeated header (`set-cookie`) joined as DefaultHttpClient joins it. */
function plainHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (value !== undefined) result[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return result;
}

/** As DefaultHttpClient's response transform: JSON where it parses, the text otherwise. */
function parse(text: string): unknown {
  if (!text) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
