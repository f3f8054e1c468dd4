/**
 * What the grants and the browser login flows work with: the client's session and the few services
 * of the client they need. The client hands them this, not itself, so nothing in auth/ imports the
 * ApiClient, and the flows load (on first use) without pulling the client's other jobs along.
 */
import type { AuthPopupConfiguration } from '../config/auth-popup.js';
import type { CallOptions } from '../pipeline/options.js';
import type { AuthPopup } from './popup.js';
import type { PopupStatusListeners } from './popup-status.js';
import type { AuthSession } from './session.js';

/** Per-login options: `signal` aborts the token request (and a wait before its retry), `timeout` bounds each attempt. */
export type LoginCallOptions = CallOptions;

export interface AuthHost {
  readonly session: AuthSession;
  readonly popupStatus: PopupStatusListeners;
  /** The client's login popup, once a popup login has opened one (at most one at a time). */
  popup?: AuthPopup;
  /** Sends a form to `/oauth/token`; resolves with the token response, rejects with an ApiError carrying the OAuth error. */
  requestToken(form: Record<string, string>, authorization?: string, options?: LoginCallOptions): Promise<Record<string, unknown>>;
  /** A URL of the login service (the reference's `_buildAuthUrl`). */
  buildAuthUrl(path: string, query?: Record<string, string>): string;
  /** Loads a persisted token (if enabled) and checks it with `/api/v2/tokens/me`; false when there is none or it is refused. */
  testTokenAccess(): Promise<boolean>;
  authPopupConfiguration(): AuthPopupConfiguration;
}
