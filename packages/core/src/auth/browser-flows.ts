/**
 * The browser login flows (implicit and PKCE): redirect to `/oauth/authorize`, then, on the page
 * the login returns to, read the token or code from the URL, clean the URL, check the state and
 * resolve. Uses only the DOM (`window.location`, `history`, `sessionStorage`, `localStorage`).
 */
import { mergeAuthPopupConfiguration, type AuthPopupConfiguration } from '../config/auth-popup.js';
import { AuthPopupError, LoginError } from './errors.js';
import { authorizePKCE } from './pkce-grant.js';
import type { AuthHost } from './host.js';
import { computePKCECodeChallenge, generatePKCECodeVerifier } from './pkce.js';
import { AuthPopup, type PopupAuthResult } from './popup.js';
import { expiryOf, type AuthData } from './session.js';

export { LoginError } from './errors.js';

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

/** The client's popup (one at a time), made on the first popup login. */
function popupOf(host: AuthHost): AuthPopup {
  return (host.popup ??= new AuthPopup(host.popupStatus));
}

/** The client's popup settings with this login's overrides. */
function popupSettings(host: AuthHost, opts: LoginOptions): AuthPopupConfiguration {
  return mergeAuthPopupConfiguration(host.authPopupConfiguration(), opts.authPopupConfiguration);
}

/**
 * Runs the login in a popup and returns what it brought back, or, with `useWindowReplace`, loads this
 * page (or the configured one) with it, as the redirect flow would have, and never settles. A popup
 * failure or a login error is a LoginError (kept on authData), after the popup status is reported.
 */
async function throughPopup(
  host: AuthHost,
  query: Record<string, string>,
  settings: AuthPopupConfiguration,
  redirectUri: string,
  onError: () => void,
): Promise<PopupAuthResult> {
  if (query['state']) session()?.setItem(stateKey(host), query['state']);
  let result: PopupAuthResult;
  try {
    result = await popupOf(host).open(host.buildAuthUrl('oauth/authorize', query), query, settings, redirectUri);
  } catch (error) {
    onError();
    if (error instanceof AuthPopupError) fail(host, error.error, error.message);
    throw error;
  }
  if (result.error) {
    popupOf(host).settle('AUTH_ERROR', `Auth Error: [${result.error}] ${result.error_description ?? ''}`.trim());
    onError();
    fail(host, result.error, result.error_description);
  }
  if (settings.useWindowReplace) {
    popupOf(host).settle('REDIRECTING', 'Authorization Popup Completed');
    const w = browser();
    const base = settings.overrideWindowReplaceUri ?? `${w.location.origin ?? ''}${w.location.pathname}`;
    w.location.replace(`${base}${result.search}${result.hash}`);
    return new Promise<never>(() => undefined);
  }
  return result;
}

/** Ends a popup login: the status the reference reports, then the outcome. */
async function settlePopup<T>(host: AuthHost, finish: () => Promise<T>): Promise<T> {
  try {
    const value = await finish();
    popupOf(host).settle('AUTHENTICATED', 'Authorization Popup Completed');
    return value;
  } catch (error) {
    popupOf(host).settle('AUTH_ERROR', `Auth Error: ${error instanceof Error ? `[${error.name}] ${error.message}` : String(error)}`);
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

const stateKey = (host: AuthHost) => `${host.session.settingsPrefix}_oauth_state`;
const verifierKeys = (host: AuthHost) => ['genesys_cloud_sdk_pkce_code_verifier', `${host.session.settingsPrefix}_pkce_code_verifier`];

/** The state sent with the redirect (kept in sessionStorage), else the one the caller passes now. */
function checkState(host: AuthHost, returned: string | null | undefined, opts: LoginOptions): void {
  const storage = session();
  const expected = storage?.getItem(stateKey(host)) ?? opts.state;
  storage?.removeItem(stateKey(host));
  if (expected !== undefined && expected !== null && returned !== expected) {
    throw new LoginError('invalid_state', 'The login returned a state that does not match the one sent: the response was refused');
  }
}

function redirect(host: AuthHost, query: Record<string, string>): Promise<never> {
  if (query['state']) session()?.setItem(stateKey(host), query['state']);
  browser().location.replace(host.buildAuthUrl('oauth/authorize', query));
  // The page is navigating away: this promise settles on the next page load, not here.
  return new Promise<never>(() => undefined);
}

function fail(host: AuthHost, error: string, description: string | undefined): never {
  host.session.setAuthData({ accessToken: undefined, error, error_description: description });
  throw new LoginError(error, description);
}

export async function loginImplicit(host: AuthHost, clientId: string, redirectUri: string, opts: LoginOptions = {}): Promise<AuthData> {
  host.session.clientId = clientId;
  checkOptions(opts);
  const w = browser();
  const hash = new URLSearchParams(w.location.hash.replace(/^#/, ''));
  if (hash.get('error')) {
    cleanUrl(true);
    fail(host, hash.get('error')!, hash.get('error_description') ?? undefined);
  }
  const accessToken = hash.get('access_token');
  if (accessToken) {
    cleanUrl(true);
    checkState(host, hash.get('state'), opts);
    host.session.setAuthData({ accessToken, state: hash.get('state') ?? undefined, ...expiryOf(hash.get('expires_in') ?? undefined) });
  }
  if (await host.testTokenAccess()) {
    if (!host.session.authData.state && opts.state) host.session.authData.state = opts.state;
    return host.session.authData;
  }
  const query = authorizeQuery({ client_id: clientId, redirect_uri: redirectUri, response_type: 'token' }, opts);
  const settings = popupSettings(host, opts);
  if (!settings.usePopup) return redirect(host, query);
  const result = await throughPopup(host, query, settings, redirectUri, () => undefined);
  return settlePopup(host, async () => {
    checkState(host, result.state, opts);
    if (!result.accessToken) throw new Error('The login popup brought back a code, but the implicit grant expects a token');
    host.session.setAuthData({ accessToken: result.accessToken, state: result.state, ...expiryOf(result.expiresIn) });
    if (!(await host.testTokenAccess())) {
      host.session.setAuthData({ accessToken: undefined });
      throw new Error('The token from the login popup was refused by /api/v2/tokens/me');
    }
    return host.session.authData;
  });
}

export async function loginPKCE(
  host: AuthHost,
  clientId: string,
  redirectUri: string,
  opts: LoginOptions = {},
  codeVerifier?: string,
): Promise<AuthData> {
  const storage = session();
  if (!storage && !codeVerifier) throw new Error('loginPKCEGrant requires Local Storage or codeVerifier as input parameter');
  host.session.clientId = clientId;
  checkOptions(opts);
  const query = new URLSearchParams(browser().location.search);
  const forgetVerifier = () => verifierKeys(host).forEach((key) => storage?.removeItem(key));
  if (query.get('error')) {
    cleanUrl(false);
    forgetVerifier();
    fail(host, query.get('error')!, query.get('error_description') ?? undefined);
  }
  /** The code (and state) the login returned, exchanged for a token with the verifier, which is then forgotten. */
  const exchange = async (code: string, state: string | undefined): Promise<AuthData> => {
    try {
      checkState(host, state, opts);
      const verifier = codeVerifier ?? storage?.getItem(`${host.session.settingsPrefix}_pkce_code_verifier`) ?? undefined;
      if (!verifier) throw new Error('No PKCE code verifier: it was not passed and is not in sessionStorage');
      await authorizePKCE(host, clientId, verifier, code, redirectUri);
      if (!(await host.testTokenAccess()))
        throw new Error('The token obtained from the authorization code was refused by /api/v2/tokens/me');
    } catch (error) {
      host.session.setAuthData({ accessToken: undefined });
      throw error;
    } finally {
      forgetVerifier();
    }
    if (!host.session.authData.state && state) host.session.authData.state = state;
    return host.session.authData;
  };
  const code = query.get('code');
  if (code) {
    cleanUrl(false);
    return exchange(code, query.get('state') ?? undefined);
  }
  if (await host.testTokenAccess()) {
    if (!host.session.authData.state && opts.state) host.session.authData.state = opts.state;
    return host.session.authData;
  }
  let verifier = codeVerifier;
  if (!verifier) {
    verifier = generatePKCECodeVerifier(128);
    for (const key of verifierKeys(host)) storage?.setItem(key, verifier);
  }
  const challenge = await computePKCECodeChallenge(verifier);
  const authorize = authorizeQuery(
    { client_id: clientId, redirect_uri: redirectUri, code_challenge: challenge, response_type: 'code', code_challenge_method: 'S256' },
    opts,
  );
  const settings = popupSettings(host, opts);
  if (!settings.usePopup) return redirect(host, authorize);
  const result = await throughPopup(host, authorize, settings, redirectUri, forgetVerifier);
  return settlePopup(host, () => {
    if (!result.code) throw new Error('The login popup brought back a token, but the PKCE grant expects a code');
    return exchange(result.code, result.state);
  });
}
