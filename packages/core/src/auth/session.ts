/**
 * The auth session of one client: its credentials (`authentications`, the reference's `authData`),
 * what it may renew them with, their renewal (one in flight at a time, see lifecycle.ts) and their
 * persistence in browser storage (`setPersistSettings`). The grants and the browser flows write to
 * it; the pipeline's auth step reads it. It knows nothing of the client around it.
 */
import type { Authentication } from '../pipeline/steps.js';
import { TokenLifecycle } from './lifecycle.js';

/** What a login leaves behind (the reference's `AuthData`). */
export interface AuthData {
  accessToken?: string | undefined;
  refreshToken?: string | undefined;
  state?: string | undefined;
  tokenExpiryTime?: number | undefined;
  tokenExpiryTimeString?: string | undefined;
  error?: string | undefined;
  error_description?: string | undefined;
}

/** What the client may use to renew its token without the user. */
export type RenewalCredentials =
  { grant: 'refresh_token' | 'client_credentials'; clientId: string; clientSecret: string } | { grant: 'none'; clientId: string };

/** What a session needs from its settings, and how it obtains a new token. */
export interface SessionHost {
  refreshEnabled(): boolean;
  waitMaxSeconds(): number;
  /** Obtains and installs a new token with these credentials (a grant of auth/grants.ts, loaded on first use). */
  renew(credentials: RenewalCredentials & { clientSecret: string }, refreshToken: string): Promise<unknown>;
}

/** Renew a client-credentials token this long before it expires (at most a tenth of its lifetime). */
const EXPIRY_MARGIN_MS = 30_000;
const DEFAULT_PREFIX = 'purecloud';

function localStorageIfUsable(): Storage | undefined {
  try {
    const storage = (globalThis as { localStorage?: Storage }).localStorage;
    if (!storage) return undefined;
    storage.setItem('purecloud_local_storage_test', 'purecloud_local_storage_test');
    storage.removeItem('purecloud_local_storage_test');
    return storage;
  } catch {
    return undefined;
  }
}

/** Where a page runs, a client secret would be public, and there is no renewal without one. */
export function inBrowser(): boolean {
  return typeof window !== 'undefined' && typeof (window as { document?: unknown }).document !== 'undefined';
}

/** A storage key prefix as the reference makes it: non-word characters become `_`. */
export function storagePrefix(prefix: string | undefined): string {
  return prefix ? prefix.replace(/\W+/g, '_') : DEFAULT_PREFIX;
}

export class AuthSession {
  authentications: Record<string, Authentication> = {
    'Guest Chat JWT': { type: 'apiKey', in: 'header', name: 'Authorization' },
    'PureCloud OAuth': { type: 'oauth2' },
  };
  authData: AuthData = {};
  /** The OAuth client id of the last login. */
  clientId: string | undefined;
  /** Prefix of the browser storage keys (`<prefix>_auth_data`). */
  settingsPrefix = DEFAULT_PREFIX;
  persistSettings = false;
  readonly lifecycle: TokenLifecycle;
  private credentials: RenewalCredentials | undefined;
  private tokenLifetimeMs: number | undefined;

  constructor(private readonly host: SessionHost) {
    this.lifecycle = new TokenLifecycle({
      currentToken: () => this.oauth().accessToken ?? undefined,
      refreshEnabled: () => host.refreshEnabled(),
      canRenew: () => this.canRenew(),
      expiresSoon: () => this.expiresSoon(),
      renew: () => this.renew(),
      waitMaxSeconds: () => host.waitMaxSeconds(),
    });
  }

  oauth(): Authentication {
    return (this.authentications['PureCloud OAuth'] ??= { type: 'oauth2' });
  }

  setAuthData(authData: AuthData): void {
    const data = authData ?? {};
    this.authData.accessToken = data.accessToken;
    this.oauth().accessToken = data.accessToken;
    if (data.state) this.authData.state = data.state;
    if ('refreshToken' in data) this.authData.refreshToken = data.refreshToken;
    this.authData.error = data.error;
    this.authData.error_description = data.error_description;
    if (data.tokenExpiryTime) {
      this.authData.tokenExpiryTime = data.tokenExpiryTime;
      this.authData.tokenExpiryTimeString = data.tokenExpiryTimeString;
    }
    this.persist();
  }

  clearAuthData(): void {
    this.authData = {
      ...this.authData,
      accessToken: undefined,
      refreshToken: undefined,
      state: undefined,
      error: undefined,
      error_description: undefined,
      tokenExpiryTime: 0,
      tokenExpiryTimeString: undefined,
    };
    this.oauth().accessToken = undefined;
    this.credentials = undefined;
    this.persist();
  }

  /** Installs a token response and returns the AuthData (the same object, as the reference does). */
  installToken(token: Record<string, unknown>): AuthData {
    this.tokenLifetimeMs = typeof token['expires_in'] === 'number' ? token['expires_in'] * 1000 : undefined;
    this.setAuthData({
      accessToken: token['access_token'] as string,
      ...(typeof token['refresh_token'] === 'string' ? { refreshToken: token['refresh_token'] } : {}),
      ...expiryOf(token['expires_in']),
    });
    return this.authData;
  }

  rememberCredentials(credentials: RenewalCredentials): void {
    this.clientId = credentials.clientId;
    this.credentials = credentials;
  }

  setPersistSettings(doPersist: boolean, prefix?: string): void {
    this.persistSettings = doPersist;
    this.settingsPrefix = storagePrefix(prefix);
  }

  /** Keeps the token in localStorage under `<prefix>_auth_data` (without the login's state), when asked to. */
  persist(): void {
    if (!this.persistSettings) return;
    const storage = localStorageIfUsable();
    if (!storage) return;
    const { state: _state, ...kept } = this.authData;
    storage.setItem(`${this.settingsPrefix}_auth_data`, JSON.stringify(kept));
  }

  /** Takes up a persisted token, if persistence is on and there is one. */
  loadPersisted(): void {
    if (!this.persistSettings) return;
    const saved = localStorageIfUsable()?.getItem(`${this.settingsPrefix}_auth_data`);
    if (!saved) return;
    try {
      const data = JSON.parse(saved) as AuthData;
      this.authData = { ...data, state: this.authData.state };
      this.oauth().accessToken = data.accessToken;
    } catch {
      // A corrupt entry is ignored: the user logs in again.
    }
  }

  private canRenew(): boolean {
    const c = this.credentials;
    if (!c || c.grant === 'none' || inBrowser()) return false;
    return c.grant === 'client_credentials' || Boolean(this.authData.refreshToken);
  }

  private expiresSoon(): boolean {
    if (this.credentials?.grant !== 'client_credentials' || !this.authData.tokenExpiryTime) return false;
    const margin = Math.min(EXPIRY_MARGIN_MS, (this.tokenLifetimeMs ?? Infinity) / 10);
    return this.authData.tokenExpiryTime - Date.now() <= margin;
  }

  private async renew(): Promise<void> {
    const c = this.credentials;
    if (!c || c.grant === 'none') throw new Error('No credentials to renew the access token with');
    await this.host.renew(c, this.authData.refreshToken ?? '');
  }
}

/** The expiry a token response announces (`expires_in` seconds), as the reference records it. */
export function expiryOf(expiresIn: unknown, now = Date.now()): Pick<AuthData, 'tokenExpiryTime' | 'tokenExpiryTimeString'> {
  const seconds = Number(expiresIn);
  if (expiresIn === undefined || expiresIn === null || !Number.isFinite(seconds)) return {};
  const tokenExpiryTime = now + seconds * 1000;
  return { tokenExpiryTime, tokenExpiryTimeString: new Date(tokenExpiryTime).toUTCString() };
}
