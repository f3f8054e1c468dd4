/**
 * The transport contract, as the reference SDK defines it: `request(options)` resolves with an
 * axios-like response `{ status, statusText, headers, data }` and rejects for failures (an error
 * with `response` for an HTTP error status, without one for network failures). Custom clients
 * written for the reference keep working; ours also resolve error statuses, which the SDK handles.
 */
import type { HttpRequestOptions } from './HttpRequestOptions.js';

export type PreHook = (config: Record<string, unknown>) => unknown;
export type PostHook = (response: Record<string, unknown>) => unknown;

const BRAND = Symbol.for('gcsdk.httpClient');

export abstract class AbstractHttpClient {
  timeout = 16000;
  httpsAgent: object | undefined;
  httpAgent: object | undefined;
  preHook: PreHook | undefined;
  postHook: PostHook | undefined;

  constructor() {
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Any object from any copy of `@gcsdk/core` (or a duck-typed client) is accepted. */
  static [Symbol.hasInstance](value: unknown): boolean {
    if (this !== AbstractHttpClient) return Function.prototype[Symbol.hasInstance].call(this, value);
    return (
      typeof value === 'object' && value !== null && (BRAND in value || typeof (value as { request?: unknown }).request === 'function')
    );
  }

  setTimeout(timeout: number): void {
    if (typeof timeout !== 'number' || Number.isNaN(timeout)) throw new Error("The 'timeout' property must be a number");
    this.timeout = timeout;
  }

  setHttpsAgent(httpsAgent: object | undefined): void {
    if (httpsAgent && typeof httpsAgent !== 'object') throw new Error("The 'httpsAgent' property must be an object");
    this.httpsAgent = httpsAgent;
  }

  setHttpAgent(httpAgent: object | undefined): void {
    if (httpAgent && typeof httpAgent !== 'object') throw new Error("The 'httpAgent' property must be an object");
    this.httpAgent = httpAgent;
  }

  abstract request(options: HttpRequestOptions): Promise<unknown>;

  /** Called when a hook is set; clients that need to install them (axios interceptors) override it. */
  enableHooks(): void {}

  /** The reference's pre-hook: sees (and may replace) the request config before it is sent. */
  setPreHook(hookFunction: PreHook): void {
    if (typeof hookFunction !== 'function' || hookFunction.length !== 1)
      throw new Error('preHook must be a function that accepts (config)');
    this.preHook = hookFunction;
    this.enableHooks();
  }

  /** The reference's post-hook: sees (and may replace) the response. */
  setPostHook(hookFunction: PostHook): void {
    if (typeof hookFunction !== 'function' || hookFunction.length !== 1)
      throw new Error('postHook must be a function that accepts (response)');
    this.postHook = hookFunction;
    this.enableHooks();
  }
}
