/**
 * A transport on the platform's `fetch`: the default in browsers, and an opt-in in Node for the
 * fastest cold start (nothing to load). Bodies and query strings are encoded exactly as axios does.
 */
import { AbstractHttpClient } from './AbstractHttpClient.js';
import type { HttpRequestOptions } from './HttpRequestOptions.js';
import type { HttpResponse } from './types.js';
import { appendQuery, assertJsonBody, getHeader, isFileParam, isJsonMime, mergeHeaders } from '../wire.js';
import { hookFailure } from '../pipeline/failures.js';
import { toNetworkError } from './errors.js';
import { preHookedConfig } from './prehooked-config.js';

const AXIOS_DEFAULT_ACCEPT = 'application/json, text/plain, */*';

export class FetchHttpClient extends AbstractHttpClient {
  private readonly fetchImpl: typeof fetch;

  constructor(timeout?: number | null, fetchImpl?: typeof fetch) {
    super();
    if (timeout !== null && timeout !== undefined) this.setTimeout(timeout);
    if (!fetchImpl && typeof fetch !== 'function') {
      throw new Error('FetchHttpClient needs a global fetch (Node 18+, browsers) or one passed to its constructor');
    }
    // The global is looked up per call, so a fetch installed later (a test double, a polyfill) is used.
    this.fetchImpl = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  }

  override setHttpsAgent(httpsAgent: object | undefined): void {
    if (httpsAgent) throw new Error('FetchHttpClient cannot use an https agent (proxy or MTLS): use DefaultHttpClient for those');
    super.setHttpsAgent(httpsAgent);
  }

  async request(options: HttpRequestOptions): Promise<HttpResponse> {
    const config = await preHookedConfig(this, options);
    const method = String(config.method);
    const url = appendQuery(String(config.url), config.params as Record<string, string> | undefined);
    // One entry per header name: fetch's Headers would join `Content-Type` and `content-type` with a comma.
    const headers = mergeHeaders(config.headers as Record<string, unknown> | undefined);
    // axios's default, which the reference (and our axios transport) sends when nobody sets one; fetch's own is `*/*`.
    if (getHeader(headers, 'Accept') === undefined) headers['Accept'] = AXIOS_DEFAULT_ACCEPT;
    const body = encodeBody(config.data, headers, method);
    const timeout = Number(config.timeout) || 0;
    const timer = timeout ? AbortSignal.timeout(timeout) : undefined;
    const signals = [options.signal, timer].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    let response: Response;
    let text: string;
    try {
      // A plain call: a browser's fetch called as a method of another object throws "Illegal invocation".
      const fetchImpl = this.fetchImpl;
      response = await fetchImpl(url, { method, headers, body, signal });
      text = await response.text();
    } catch (error) {
      const aborted = options.signal?.aborted ? 'signal' : timer?.aborted ? 'timeout' : undefined;
      throw toNetworkError(error, method, options.url, timeout, aborted);
    }
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      responseHeaders[name.toLowerCase()] = value;
    });
    let result: Record<string, unknown> = {
      status: response.status,
      statusText: response.statusText,
      headers: responseHeaders,
      data: parseBody(text),
      text,
    };
    if (this.postHook) {
      try {
        result = ((await this.postHook(result)) as Record<string, unknown> | undefined) ?? result;
      } catch (error) {
        throw hookFailure(error, 'The postHook');
      }
    }
    return result as unknown as HttpResponse;
  }
}

/** axios's request transform: objects as JSON; a JSON string as is (trimmed); other strings JSON-quoted when the type is JSON. */
function encodeBody(data: unknown, headers: Record<string, string>, method: string): BodyInit | undefined {
  if (data === undefined || data === null || method === 'GET' || method === 'HEAD') return undefined;
  if (isFileParam(data) || data instanceof URLSearchParams || (typeof FormData === 'function' && data instanceof FormData))
    return data as BodyInit;
  const contentType = getHeader(headers, 'Content-Type');
  if (typeof data === 'string') {
    if (!isJsonMime(contentType)) return data;
    try {
      JSON.parse(data);
      return data.trim();
    } catch {
      return JSON.stringify(data);
    }
  }
  // The client checks bodies before the pipeline; this catches one a hook changed since.
  assertJsonBody(data);
  return JSON.stringify(data);
}

function parseBody(text: string): unknown {
  if (!text) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
