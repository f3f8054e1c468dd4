/**
 * Login in a popup, with the reference's settings (`setAuthPopupConfiguration`) and `postMessage`
 * protocol: the app opens the authorize URL in a popup; the page the login returns to (inside the
 * popup, on the redirect URI's origin) posts `{ name: 'gc_auth_popup', type: 'message', search,
 * hash }` (or `auth: { code | access_token…, state }`) to `window.opener`; with `notifyPopup`, the app
 * posts `{ name: 'gc_auth_popup', type: 'notify', identifier? }` to the popup every second, and with
 * `usePopupIdentifier` the popup must send that identifier back.
 *
 * Stricter than the reference: a message counts only from the popup window itself and from exactly
 * the redirect URI's origin (the reference accepts any origin that is a prefix of the URI); a popup
 * the browser blocks, or that the user closes, rejects at once instead of at the timeout.
 */
import type { AuthPopupConfiguration } from '../config/auth-popup.js';
import { AuthPopupError } from './errors.js';
import type { AuthPopupStatus, PopupStatusListeners } from './popup-status.js';

/** What the popup's page sent back, as the login flows read it from a URL. */
export interface PopupAuthResult {
  code?: string;
  state?: string;
  accessToken?: string;
  expiresIn?: string;
  error?: string;
  error_description?: string;
  /** The search and hash to load with `useWindowReplace`. */
  search: string;
  hash: string;
}

const MESSAGE_NAME = 'gc_auth_popup';
const UNRESERVED = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-._~';

/** A random popup identifier of `length` URL-safe characters, as the reference makes them (16). */
function popupIdentifier(length = 16): string {
  return Array.from(globalThis.crypto.getRandomValues(new Uint32Array(length)), (x) => UNRESERVED[x % UNRESERVED.length]).join('');
}
const CLOSED_POLL_MS = 500;
const NOTIFY_MS = 1000;

interface PopupWindow {
  closed: boolean;
  close(): void;
  postMessage(message: unknown, targetOrigin: string): void;
}

interface OpenerWindow {
  open(url: string, target?: string, features?: string): PopupWindow | null;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

function openerWindow(): OpenerWindow {
  if (typeof window === 'undefined' || typeof (window as { open?: unknown }).open !== 'function') {
    throw new Error('Login in a popup needs a browser window (window.open)');
  }
  return window as unknown as OpenerWindow;
}

/** The popup of one client: at most one at a time (a new login aborts the previous popup, as in the reference). */
export class AuthPopup {
  private current: { identifier: string; finish: (error?: Error) => void } | undefined;

  constructor(private readonly status: PopupStatusListeners) {}

  private emit(status: AuthPopupStatus, message: string, identifier: string | null): void {
    this.status.emit(status, message, identifier);
  }

  /** The identifier of the popup in progress, for the statuses reported after it returns. */
  get identifier(): string | null {
    return this.current?.identifier ?? null;
  }

  /**
   * Opens `url` (or the configured override) in a popup and resolves with what its page posts back.
   * Rejects with an AuthPopupError when the popup is blocked, closed, timed out or answers with another
   * identifier. `settle()` must be called when the login is over, to report the identifier's last status.
   */
  open(url: string, query: Record<string, string>, config: AuthPopupConfiguration, redirectUri: string): Promise<PopupAuthResult> {
    const opener = openerWindow();
    this.current?.finish(new AuthPopupError('popup_aborted', 'A new login popup replaced this one'));
    const identifier = popupIdentifier();
    const redirectOrigin = new URL(redirectUri).origin;
    this.emit('INIT', 'Authorization Popup Starting', identifier);
    return new Promise<PopupAuthResult>((resolve, reject) => {
      const timers: ReturnType<typeof setTimeout>[] = [];
      const intervals: ReturnType<typeof setInterval>[] = [];
      let popup: PopupWindow | null = null;
      const closePopup = (delay: number) => {
        const target = popup;
        if (!config.autoClosePopup || !target) return;
        const close = () => {
          if (!target.closed) target.close();
        };
        if (delay > 0) setTimeout(close, delay);
        else close();
      };
      let done = false;
      const finish = (error?: Error, result?: PopupAuthResult) => {
        if (done) return;
        done = true;
        timers.forEach(clearTimeout);
        intervals.forEach(clearInterval);
        opener.removeEventListener('message', onMessage);
        if (this.current?.identifier === identifier && error) this.current = undefined;
        if (error) {
          closePopup(0);
          reject(error);
        } else {
          closePopup(config.autoClosePopupDelay);
          resolve(result!);
        }
      };
      const onMessage = (event: MessageEvent) => {
        if (event.origin !== redirectOrigin || (popup && event.source !== (popup as unknown))) return;
        const data = event.data as Record<string, unknown> | null;
        if (!data || typeof data !== 'object' || data['name'] !== MESSAGE_NAME || data['type'] !== 'message') return;
        if (config.usePopupIdentifier && data['identifier'] !== identifier) {
          this.emit('Error', 'Invalid Popup Identifier received', identifier);
          return finish(new AuthPopupError('invalid_identifier', 'Invalid Popup Identifier received'));
        }
        finish(undefined, readResult(data));
      };
      this.current = { identifier, finish: (error) => finish(error) };
      opener.addEventListener('message', onMessage);
      popup = opener.open(popupUrl(url, query, config), config.popupTarget, config.popupWindowFeatures);
      if (!popup) {
        this.emit('ABORTED', 'The browser blocked the login popup', identifier);
        return finish(new AuthPopupError('popup_blocked', 'The browser blocked the login popup: open it from a click handler'));
      }
      if (config.notifyPopup) {
        const message = config.usePopupIdentifier
          ? { name: MESSAGE_NAME, type: 'notify', identifier }
          : { name: MESSAGE_NAME, type: 'notify' };
        intervals.push(setInterval(() => popup && !popup.closed && popup.postMessage(message, redirectOrigin), NOTIFY_MS));
      }
      intervals.push(
        setInterval(() => {
          if (!popup?.closed) return;
          this.emit('ABORTED', 'The login popup was closed before the login completed', identifier);
          finish(new AuthPopupError('popup_closed', 'The login popup was closed before the login completed'));
        }, CLOSED_POLL_MS),
      );
      timers.push(
        setTimeout(() => {
          this.emit('TIMEOUT', 'Authorization Popup Timeout', identifier);
          finish(new AuthPopupError('popup_timeout', `The login popup did not complete within ${config.popupTimeout} ms`));
        }, config.popupTimeout),
      );
    });
  }

  /** Reports the last status of the popup that was in progress and forgets it. */
  settle(status: AuthPopupStatus, message: string): void {
    this.emit(status, message, this.identifier);
    this.current = undefined;
  }
}

/** The authorize URL, or the configured override with its parameters (and the login's, if asked). */
function popupUrl(url: string, query: Record<string, string>, config: AuthPopupConfiguration): string {
  if (!config.overridePopupUrl) return url;
  const parameters = config.overridePopupUrlAuthParameters
    ? { ...query, ...config.overridePopupUrlParameters }
    : config.overridePopupUrlParameters;
  return parameters ? `${config.overridePopupUrl}?${new URLSearchParams(parameters).toString()}` : config.overridePopupUrl;
}

/** The login's outcome from the popup's message: its `auth` object, else its search and hash (as the reference reads them). */
function readResult(data: Record<string, unknown>): PopupAuthResult {
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
  let search = text(data['search']) ?? '';
  const hash = text(data['hash']) ?? '';
  const auth = data['auth'];
  if (auth && typeof auth === 'object') {
    const fields = Object.fromEntries(Object.entries(auth).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    search = `?${new URLSearchParams(fields).toString()}`;
  }
  const fromSearch = new URLSearchParams(search.replace(/^\?/, ''));
  const fromHash = new URLSearchParams(hash.replace(/^#/, ''));
  const pick = (name: string) => text(fromHash.get(name)) ?? text(fromSearch.get(name));
  const result: PopupAuthResult = { search, hash };
  const fields: [keyof PopupAuthResult, string][] = [
    ['code', 'code'],
    ['state', 'state'],
    ['accessToken', 'access_token'],
    ['accessToken', 'accessToken'],
    ['expiresIn', 'expires_in'],
    ['error', 'error'],
    ['error_description', 'error_description'],
  ];
  for (const [key, name] of fields) {
    const value = pick(name);
    if (value !== undefined && result[key] === undefined) (result as unknown as Record<string, string>)[key] = value;
  }
  if (!result.error && !result.accessToken && !result.code) {
    result.error = 'InvalidAuthParams';
    result.error_description = 'Missing Auth Params on URL Redirect';
  }
  return result;
}
