/**
 * The token lifecycle: one renewal in flight at a time, shared by every call that needs it.
 *
 * A call that meets a 401 compares the token it used with the client's current one: if another
 * call already renewed it, it simply resends; otherwise it joins the renewal in flight (or starts
 * it). Waiting is bounded by `refresh_token_wait_max` seconds; a failed renewal rejects every waiter
 * with the renewal's own error. Client-credentials tokens are also renewed shortly before expiry.
 *
 * A caller's AbortSignal ends that caller's wait, never the renewal: it runs on behalf of every
 * waiter, so one caller giving up must not fail the others.
 */
import { AbortError } from '../errors.js';
import { onAbort } from '../pipeline/abort-listeners.js';

export interface TokenHost {
  /** The access token requests currently carry. */
  currentToken(): string | undefined;
  /** `refresh_access_token` from the configuration. */
  refreshEnabled(): boolean;
  /** Whether a renewal is possible (a refresh token or client credentials, and not in a browser). */
  canRenew(): boolean;
  /** Whether the token should be renewed before the next send (client credentials near expiry). */
  expiresSoon(): boolean;
  /** Obtains and installs a new token. */
  renew(): Promise<unknown>;
  /** `refresh_token_wait_max`, in seconds. */
  waitMaxSeconds(): number;
}

export class TokenLifecycle {
  private inFlight: Promise<void> | undefined;

  constructor(private readonly host: TokenHost) {}

  /** Before a send: renews a token that is about to expire, if renewal is on and possible. */
  async beforeSend(signal?: AbortSignal): Promise<void> {
    const host = this.host;
    if (host.refreshEnabled() && host.canRenew() && host.expiresSoon()) await this.renewOnce(host.currentToken(), signal);
  }

  /** After a 401 on a request sent with `usedToken`: true once a newer token is in place, false if none can be had. */
  async after401(usedToken: string | undefined, signal?: AbortSignal): Promise<boolean> {
    const host = this.host;
    if (!host.refreshEnabled()) return false;
    if (host.currentToken() !== usedToken && host.currentToken()) return true;
    if (!host.canRenew()) return false;
    await this.renewOnce(usedToken, signal);
    return true;
  }

  /** Joins the renewal in flight, or starts one unless the stale token was already replaced. */
  private renewOnce(staleToken: string | undefined, signal: AbortSignal | undefined): Promise<void> {
    if (!this.inFlight && this.host.currentToken() !== staleToken && this.host.currentToken()) return Promise.resolve();
    this.inFlight ??= this.host.renew().then(
      () => {
        this.inFlight = undefined;
      },
      (error: unknown) => {
        this.inFlight = undefined;
        throw error;
      },
    );
    return this.bounded(this.inFlight, signal);
  }

  /** The caller's wait for `renewal`: at most `refresh_token_wait_max` seconds, and not past its signal. */
  private bounded(renewal: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
    const seconds = this.host.waitMaxSeconds();
    if (signal?.aborted) return Promise.reject(new AbortError('The request was aborted while waiting for a token renewal'));
    return new Promise<void>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        stopWaiting?.();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`Token refresh took longer than ${seconds} seconds`));
      }, seconds * 1000);
      const stopWaiting =
        signal &&
        onAbort(signal, () => {
          done();
          reject(new AbortError('The request was aborted while waiting for a token renewal'));
        });
      renewal.then(
        () => {
          done();
          resolve();
        },
        (error: unknown) => {
          done();
          reject(error);
        },
      );
    });
  }
}
