/**
 * A request as handed to an `AbstractHttpClient`, with the reference SDK's fields and checks
 * (`url`, `method`, `headers`, `params`, `data`, `timeout`), plus an `AbortSignal`.
 */
import type { HttpMethod } from './types.js';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

export class HttpRequestOptions {
  url!: string;
  method!: HttpMethod;
  headers: Record<string, string> = {};
  /** Serialised query parameters (already strings), in order. */
  params: Record<string, string> | undefined;
  data: unknown;
  timeout = 16000;
  signal: AbortSignal | undefined;

  constructor(
    url: string,
    method: string,
    headers?: Record<string, string> | null,
    params?: Record<string, string> | null,
    data?: unknown,
    timeout?: number | null,
  ) {
    this.setUrl(url);
    this.setMethod(method);
    if (headers) this.setHeaders(headers);
    if (params) this.setParams(params);
    if (data !== undefined && data !== null) this.setData(data);
    if (timeout !== null && timeout !== undefined) this.setTimeout(timeout);
  }

  setUrl(url: string): void {
    if (!url) throw new Error("The 'url' property is required");
    this.url = url;
  }

  setMethod(method: string): void {
    const upper = typeof method === 'string' ? (method.toUpperCase() as HttpMethod) : undefined;
    if (!upper || !METHODS.includes(upper)) throw new Error("The 'method' property is invalid or missing");
    this.method = upper;
  }

  setData(data: unknown): void {
    if (data === undefined || data === null) throw new Error("The 'data' property is required");
    this.data = data;
  }

  setParams(params: Record<string, string> | undefined): void {
    if (params && typeof params !== 'object') throw new Error("The 'params' property must be an object");
    this.params = params;
  }

  setHeaders(headers: Record<string, string>): void {
    if (headers && typeof headers !== 'object') throw new Error("The 'headers' property must be an object");
    this.headers = headers;
  }

  setTimeout(timeout: number): void {
    if (typeof timeout !== 'number' || Number.isNaN(timeout) || timeout < 0)
      throw new Error("The 'timeout' property must be a non-negative number");
    this.timeout = timeout;
  }

  setSignal(signal: AbortSignal | undefined): void {
    this.signal = signal;
  }
}
