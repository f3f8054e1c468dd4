/**
 * The browser login flows (implicit and PKCE): redirect to `/oauth/authorize`, then, on the page
 * the login returns to, read the token or code from the URL, clean the URL, check the state and
 * resolve. Uses only the DOM (`window.location`, `history`, `sessionStorage`, `localStorage`).
 */
import type { ApiClient, AuthData } from '../ApiClient.js';
import { mergeAuthPopupConfiguration, type AuthPopupConfiguration } from '../config/auth-popup.js';
import { computePKCECodeChallenge, generatePKCECodeVerifier } from './pkce.js';
import { expiryOf } from './grants.js';
import { AuthPopupError, type PopupAuthResult } from './popup.js';

export interface LoginOptions {
  state?: string;
  org?: string;
  provider?: string;
  prompt?: string;
  login_hint?: string;
  target?: string;
  /** Overrides the client's popup settings (`setAuthPopupConfiguration`) for this login. */
  authPopupConfiguration?: Partial<AuthPopupConfiguration>;
}

/** A failed login: the login page's `error` and `error_description`. */
export class LoginError extends Error {
  constructor(
    readonly error: string,
    readonly error_description: string | undefined,
  ) {
    super(`[${error}] ${error_description ?? ''}`.trim());
    this.name = 'LoginError';
  }
}

interface BrowserWindow {
  location: { hash: string; search: string; pathname: string; origin?: string; replace(url: string): void };
  history?: { replaceState(data: unknown, title: string, url: string): void };
  document?: { title: string };
  sessionStorage?: Storage;
}

function browser(): BrowserWindow {
  if (typeof window === 'undefined') throw new Error('This login flow needs a browser (window.location)');
  return window as unknown as BrowserWindow;
}

function session(): Storage | undefined {
  try {
    return browser().sessionStorage ?? (globalThis as { sessionStorage?: Storage }).sessionStorage;
  } catch {
    return undefined;
  }
}

/** Removes what the login put in the URL, keeping the rest (and the history entry). */
function cleanUrl(keepSearch: boolean): void {
  const w = browser();
  const url = w.location.pathname + (keepSearch ? w.location.search : '');
  w.history?.replaceState(null, w.document?.title ?? '', url);
}

function checkOptions(opts: LoginOptions): void {
  if (opts.org && !opts.provider) throw new Error('opts.provider must be set if opts.org is set');
  if (opts.provider && !opts.org) throw new Error('opts.org must be set if opts.provider is set');
}

/** The client's popup settings with this login's overrides. */
function popupSettings(client: ApiClient, opts: LoginOptions): AuthPopupConfiguration {
  return mergeAuthPopupConfiguration(client.getAuthPopupConfiguration(), opts.authPopupConfiguration);
}

/**
 * Runs the login in a popup and returns what it brought back, or, with `useWindowReplace`, loads this
 * page (or the configured one) with it, as the redirect flow would have, and never settles. A popup
 * failure or a login error is a LoginError (kept on authData), after the popup status is reported.
 */
async function throughPopup(
  client: ApiClient,
  query: Record<string, string>,
  settings: AuthPopupConfiguration,
  redirectUri: string,
  onError: () => void,
): Promise<PopupAuthResult> {
  if (query['state']) session()?.setItem(stateKey(client), query['state']);
  let result: PopupAuthResult;
  try {
    result = await client.authPopup.open(client.buildAuthUrl('oauth/authorize', query), query, settings, redirectUri);
  } catch (error) {
    onError();
    if (error instanceof AuthPopupError) fail(client, error.error, error.message);
    throw error;
  }
  if (result.error) {
    client.authPopup.settle('AUTH_ERROR', `Auth Error: [${result.error}] ${result.error_description ?? ''}`.trim());
    onError();
    fail(client, result.error, result.error_description);
  }
  if (settings.useWindowReplace) {
    client.authPopup.settle('REDIRECTING', 'Authorization Popup Completed');
    const w = browser();
    const base = settings.overrideWindowReplaceUri ?? `${w.location.origin ?? ''}${w.location.pathname}`;
    w.location.replace(`${base}${result.search}${result.hash}`);
    return new Promise<never>(() => undefined);
  }
  return result;
}

/** Ends a popup login: the status the reference reports, then the outcome. */
async function settlePopup<T>(client: ApiClient, finish: () => Promise<T>): Promise<T> {
  try {
    const value = await finish();
    client.authPopup.settle('AUTHENTICATED', 'Authorization Popup Completed');
    return value;
  } catch (error) {
    client.authPopup.settle('AUTH_ERROR', `Auth Error: ${error instanceof Error ? `[${error.name}] ${error.message}` : String(error)}`);
    throw error;
  }
}

function authorizeQuery(base: Record<string, string>, opts: LoginOptions): Record<string, string> {
  const query = { ...base };
  if (opts.state) query['state'] = opts.state;
  if (opts.org) query['org'] = opts.org;
  if (opts.provider) query['provider'] = opts.provider;
  if (opts.target) query['target'] = opts.target;
  if (opts.login_hint) query['login_hint'] = opts.login_hint;
  if (opts.prompt === 'login') query['prompt'] = opts.prompt;
  return query;
}

const stateKey = (client: ApiClient) => `${client.settingsPrefix}_oauth_state`;
const verifierKeys = (client: ApiClient) => ['genesys_cloud_sdk_pkce_code_verifier', `${client.settingsPrefix}_pkce_code_verifier`];

/** The state sent with the redirect (kept in sessionStorage), else the one the caller passes now. */
function checkState(client: ApiClient, returned: string | null | undefined, opts: LoginOptions): void {
  const storage = session();
  const expected = storage?.getItem(stateKey(client)) ?? opts.state;
  storage?.removeItem(stateKey(client));
  if (expected !== undefined && expected !== null && returned !== expected) {
    throw new Error('The login returned a state that does not match the one sent: the response was refused');
  }
}

function redirect(client: ApiClient, query: Record<string, string>): Promise<never> {
  if (query['state']) session()?.setItem(stateKey(client), query['state']);
  browser().location.replace(client.buildAuthUrl('oauth/authorize', query));
  // The page is navigating away: this promise settles on the next page load, not here.
  return new Promise<never>(() => undefined);
}

function fail(client: ApiClient, error: string, description: string | undefined): never {
  client.setAuthData({ accessToken: undefined, error, error_description: description });
  throw new LoginError(error, description);
}

export async function loginImplicit(client: ApiClient, clientId: string, redirectUri: string, opts: LoginOptions = {}): Promise<AuthData> {
  client.clientId = clientId;
  checkOptions(opts);
  const w = browser();
  const hash = new URLSearchParams(w.location.hash.replace(/^#/, ''));
  if (hash.get('error')) {
    cleanUrl(true);
    fail(client, hash.get('error')!, hash.get('error_description') ?? undefined);
  }
  const accessToken = hash.get('access_token');
  if (accessToken) {
    cleanUrl(true);
    checkState(client, hash.get('state'), opts);
    client.setAuthData({ accessToken, state: hash.get('state') ?? undefined, ...expiryOf(hash.get('expires_in') ?? undefined) });
  }
  if (await client.testTokenAccess()) {
    if (!client.authData.state && opts.state) client.authData.state = opts.state;
    return client.authData;
  }
  const query = authorizeQuery({ client_id: clientId, redirect_uri: redirectUri, response_type: 'token' }, opts);
  const settings = popupSettings(client, opts);
  if (!settings.usePopup) return redirect(client, query);
  const result = await throughPopup(client, query, settings, redirectUri, () => undefined);
  return settlePopup(client, async () => {
    checkState(client, result.state, opts);
    if (!result.accessToken) throw new Error('The login popup brought back a code, but the implicit grant expects a token');
    client.setAuthData({ accessToken: result.accessToken, state: result.state, ...expiryOf(result.expiresIn) });
    if (!(await client.testTokenAccess())) {
      client.setAuthData({ accessToken: undefined });
      throw new Error('The token from the login popup was refused by /api/v2/tokens/me');
    }
    return client.authData;
  });
}

export async function loginPKCE(
  client: ApiClient,
  clientId: string,
  redirectUri: string,
  opts: LoginOptions = {},
  codeVerifier?: string,
): Promise<AuthData> {
  const storage = session();
  if (!storage && !codeVerifier) throw new Error('loginPKCEGrant requires Local Storage or codeVerifier as input parameter');
  client.clientId = clientId;
  checkOptions(opts);
  const query = new URLSearchParams(browser().location.search);
  const forgetVerifier = () => verifierKeys(client).forEach((key) => storage?.removeItem(key));
  if (query.get('error')) {
    cleanUrl(false);
    forgetVerifier();
    fail(client, query.get('error')!, query.get('error_description') ?? undefined);
  }
  /** The code (and state) the login returned, exchanged for a token with the verifier, which is then forgotten. */
  const exchange = async (code: string, state: string | undefined): Promise<AuthData> => {
    try {
      checkState(client, state, opts);
      const verifier = codeVerifier ?? storage?.getItem(`${client.settingsPrefix}_pkce_code_verifier`) ?? undefined;
      if (!verifier) throw new Error('No PKCE code verifier: it was not passed and is not in sessionStorage');
      await client.authorizePKCEGrant(clientId, verifier, code, redirectUri);
      if (!(await client.testTokenAccess()))
        throw new Error('The token obtained from the authorization code was refused by /api/v2/tokens/me');
    } catch (error) {
      client.setAuthData({ accessToken: undefined });
      throw error;
    } finally {
      forgetVerifier();
    }
    if (!client.authData.state && state) client.authData.state = state;
    return client.authData;
  };
  const code = query.get('code');
  if (code) {
    cleanUrl(false);
    return exchange(code, query.get('state') ?? undefined);
  }
  if (await client.testTokenAccess()) {
    if (!client.authData.state && opts.state) client.authData.state = opts.state;
    return client.authData;
  }
  let verifier = codeVerifier;
  if (!verifier) {
    verifier = generatePKCECodeVerifier(128);
    for (const key of verifierKeys(client)) storage?.setItem(key, verifier);
  }
  const challenge = await computePKCECodeChallenge(verifier);
  const authorize = authorizeQuery(
    { client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge, response_type: 'code', code_challenge_method: 'S256' },
    opts,
  );
  const settings = popupSettings(client, opts);
  if (!settings.usePopup) return redirect(client, authorize);
  const result = await throughPopup(client, authorize, settings, redirectUri, forgetVerifier);
  return settlePopup(client, () => {
    if (!result.code) throw new Error('The login popup brought back a token, but the PKCE grant expects a code');
    return exchange(result.code, result.state);
  });
}
