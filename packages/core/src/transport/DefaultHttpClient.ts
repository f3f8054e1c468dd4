/**
 * The default transport in Node, on axios as in the reference SDK. axios is imported on the first
 * request, not when the SDK is loaded: `require('axios')` alone costs ~100 ms of cold start.
 */
import type { AxiosInstance, AxiosRequestConfig, AxiosResponse } from 'axios';
import { AbstractHttpClient } from './AbstractHttpClient.js';
import { InvalidRequestError } from '../errors.js';
import { HttpRequestOptions } from './HttpRequestOptions.js';
import type { HttpResponse } from './types.js';
import { assertJsonBody, encodeQueryString, mergeHeaders } from '../wire.js';
import { isInstance, hookFailure, isHookFailure } from '../pipeline/failures.js';
import { toNetworkError } from './errors.js';

export class DefaultHttpClient extends AbstractHttpClient {
  private axiosInstance: Promise<AxiosInstance> | undefined;
  private interceptorIds: { request?: number; response?: number } = {};

  constructor(timeout?: number | null, httpsAgent?: object | null) {
    super();
    if (timeout !== null && timeout !== undefined) this.setTimeout(timeout);
    if (httpsAgent) this.setHttpsAgent(httpsAgent);
  }

  private instance(): Promise<AxiosInstance> {
    if (this.axiosInstance) return this.axiosInstance;
    const loading = import('axios').then((module) => {
      const axios = (module.default ?? module) as unknown as { create(config?: AxiosRequestConfig): AxiosInstance };
      const instance = axios.create({});
      this.installHooks(instance);
      return instance;
    });
    // A failed load is not kept: axios may be there on the next request (a script-tag page that adds it later).
    loading.catch(() => {
      if (this.axiosInstance === loading) this.axiosInstance = undefined;
    });
    this.axiosInstance = loading;
    return loading;
  }

  /** Hooks set before axios is loaded are installed when it loads; later ones before the next request. */
  override enableHooks(): void {
    if (this.axiosInstance) void this.axiosInstance.then((instance) => this.installHooks(instance));
  }

  private installHooks(instance: AxiosInstance): void {
    const { preHook, postHook } = this;
    if (preHook) {
      if (this.interceptorIds.request !== undefined) instance.interceptors.request.eject(this.interceptorIds.request);
      this.interceptorIds.request = instance.interceptors.request.use(async (config) => {
        try {
          return ((await preHook(config as never)) ?? config) as never;
        } catch (error) {
          throw hookFailure(error, 'The preHook');
        }
      });
    }
    if (postHook) {
      if (this.interceptorIds.response !== undefined) instance.interceptors.response.eject(this.interceptorIds.response);
      this.interceptorIds.response = instance.interceptors.response.use(async (response) => {
        try {
          return ((await postHook(response as never)) ?? response) as never;
        } catch (error) {
          throw hookFailure(error, 'The postHook');
        }
      });
    }
  }

  async request(options: HttpRequestOptions): Promise<HttpResponse> {
    if (!isInstance(options, HttpRequestOptions))
      throw new InvalidRequestError('httpRequestOptions must be instance of HttpRequestOptions');
    const instance = await this.instance();
    let rawText: string | undefined;
    const config: AxiosRequestConfig = {
      url: options.url,
      method: options.method,
      // One entry per header name, whatever the spellings given (axios would merge them the same way).
      headers: mergeHeaders(options.headers),
      // Every status resolves; the SDK turns error statuses into ApiError itself.
      validateStatus: () => true,
      // Keep the raw text as well as the parsed body, parsing as axios does by default.
      transformResponse: [
        (data: unknown) => {
          if (typeof data !== 'string') return data;
          rawText = data;
          if (!data) return data;
          try {
            return JSON.parse(data) as unknown;
          } catch {
            return data;
          }
        },
      ],
    };
    if (options.params && Object.keys(options.params).length > 0) {
      config.params = options.params;
      // The exact encoding axios applies by default, kept explicit so every transport agrees.
      config.paramsSerializer = { serialize: (params: Record<string, string>) => encodeQueryString(params) };
    }
    if (options.data !== undefined && options.data !== null) config.data = options.data;
    const timeout = options.timeout ?? this.timeout;
    if (timeout) config.timeout = timeout;
    if (options.signal) config.signal = options.signal;
    if (this.httpsAgent) config.httpsAgent = this.httpsAgent;
    if (this.httpAgent) config.httpAgent = this.httpAgent;
    let response: AxiosResponse;
    try {
      response = await instance.request(config);
    } catch (error) {
      if (isHookFailure(error)) throw error;
      // Not from axios's adapter: its request transform failed, before anything was sent (a body made circular by a hook).
      if (!(error as { isAxiosError?: unknown } | null)?.isAxiosError) assertJsonBody(options.data);
      throw toNetworkError(error, options.method, options.url, timeout, options.signal?.aborted ? 'signal' : undefined);
    }
    return {
      status: response.status,
      statusText: response.statusText,
      headers: plainHeaders(response.headers),
      data: response.data,
      text: rawText,
    };
  }
}

function plainHeaders(headers: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  const source =
    headers && typeof (headers as { toJSON?: unknown }).toJSON === 'function'
      ? (headers as { toJSON(): object }).toJSON()
      : (headers ?? {});
  for (const [name, value] of Object.entries(source as Record<string, unknown>)) {
    if (value === undefined || value === null) continue;
    result[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return result;
}
