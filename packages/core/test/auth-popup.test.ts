/**
 * Login in a popup with a window stand-in (window.open, message events, timers): what reaches the
 * flow and what does not. The real popup, with the mock's login page, is in e2e/browser.
 */
import { ApiClient, LoginError, type AuthPopupStatus } from '../src/index.js';
import { CLIENT, useOAuthServer } from './support/oauth-server.js';

const APP = 'https://app.example.com';
const REDIRECT = `${APP}/return.html`;

interface FakePopup {
  url: string;
  closed: boolean;
  close(): void;
  postMessage: jest.Mock;
}

interface MessageLike {
  origin: string;
  source: unknown;
  data: unknown;
}

const oauth = useOAuthServer();
const g = globalThis as Record<string, unknown>;
let listeners: ((event: MessageLike) => void)[];
let popup: FakePopup | null;
let blocked: boolean;

function popupWindow(url: string): FakePopup {
  return {
    url,
    closed: false,
    close() {
      this.closed = true;
    },
    postMessage: jest.fn(),
  };
}

beforeEach(() => {
  listeners = [];
  popup = null;
  blocked = false;
  const storage = new Map<string, string>();
  const sessionStorage = {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, v),
    removeItem: (k: string) => void storage.delete(k),
  };
  g['window'] = {
    location: { hash: '', search: '', pathname: '/app/', origin: APP, replace: jest.fn() },
    history: { replaceState: jest.fn() },
    document: { title: 'App' },
    sessionStorage,
    open: (url: string) => (blocked ? null : (popup = popupWindow(url))),
    addEventListener: (_type: string, listener: (event: MessageLike) => void) => listeners.push(listener),
    removeEventListener: (_type: string, listener: (event: MessageLike) => void) => (listeners = listeners.filter((l) => l !== listener)),
  };
  g['sessionStorage'] = sessionStorage;
});
afterEach(() => {
  delete g['window'];
  delete g['sessionStorage'];
});

function client(): { client: ApiClient; statuses: AuthPopupStatus[] } {
  const c = new ApiClient({ readConfigFile: false });
  c.setGateway({ host: '127.0.0.1', protocol: 'http', port: oauth.port });
  c.setAuthPopupConfiguration({ usePopup: true, autoClosePopupDelay: 0 });
  const statuses: AuthPopupStatus[] = [];
  c.addAuthPopupStatusListener((status) => statuses.push(status));
  return { client: c, statuses };
}

const send = (event: MessageLike) => listeners.forEach((listener) => listener(event));
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

it('implicit: the token posted by the popup’s page, from the redirect origin and the popup itself, signs in', async () => {
  oauth.valid.add('popup-token');
  const { client: c, statuses } = client();
  const login = c.loginImplicitGrant(CLIENT.id, REDIRECT, { state: 'st' });
  await until(() => popup !== null);
  expect(new URL(popup!.url).searchParams.get('response_type')).toBe('token');
  const message = { name: 'gc_auth_popup', type: 'message', hash: '#access_token=popup-token&expires_in=60&state=st' };
  // Ignored: another origin, another window, another message name.
  send({ origin: 'https://app.example.com.evil.test', source: popup, data: message });
  send({ origin: APP, source: {}, data: message });
  send({ origin: APP, source: popup, data: { ...message, name: 'something_else' } });
  send({ origin: APP, source: popup, data: message });
  const auth = await login;
  expect(auth.accessToken).toBe('popup-token');
  expect(auth.state).toBe('st');
  expect(statuses).toEqual(['INIT', 'AUTHENTICATED']);
  expect(popup!.closed).toBe(true);
  expect(listeners).toHaveLength(0);
});

it('a blocked popup rejects at once with a LoginError (popup_blocked), kept on authData', async () => {
  blocked = true;
  const { client: c, statuses } = client();
  const error = (await c.loginImplicitGrant(CLIENT.id, REDIRECT).catch((e: unknown) => e)) as LoginError;
  expect(error).toBeInstanceOf(LoginError);
  expect(error.error).toBe('popup_blocked');
  expect(c.authData.error).toBe('popup_blocked');
  expect(statuses).toEqual(['INIT', 'ABORTED']);
});

it('a popup the user closes rejects with popup_closed, without waiting for the timeout', async () => {
  const { client: c, statuses } = client();
  const login = c.loginImplicitGrant(CLIENT.id, REDIRECT);
  await until(() => popup !== null);
  popup!.close();
  const error = (await login.catch((e: unknown) => e)) as LoginError;
  expect(error.error).toBe('popup_closed');
  expect(statuses).toEqual(['INIT', 'ABORTED']);
});

it('times out after popupTimeout with TIMEOUT, and closes the popup', async () => {
  const { client: c, statuses } = client();
  c.updateAuthPopupConfiguration({ popupTimeout: 50 });
  const error = (await c.loginImplicitGrant(CLIENT.id, REDIRECT).catch((e: unknown) => e)) as LoginError;
  expect(error.error).toBe('popup_timeout');
  expect(statuses).toEqual(['INIT', 'TIMEOUT']);
  expect(popup!.closed).toBe(true);
});

it('usePopupIdentifier: the identifier notified to the popup must come back; another one is refused', async () => {
  const { client: c } = client();
  c.updateAuthPopupConfiguration({ usePopupIdentifier: true, notifyPopup: true });
  const login = c.loginImplicitGrant(CLIENT.id, REDIRECT);
  await until(() => (popup?.postMessage.mock.calls.length ?? 0) > 0);
  const [notify, target] = popup!.postMessage.mock.calls[0] as [{ name: string; type: string; identifier: string }, string];
  expect(notify).toEqual({ name: 'gc_auth_popup', type: 'notify', identifier: expect.stringMatching(/^[\w.~-]{16}$/) });
  expect(target).toBe(APP);
  send({ origin: APP, source: popup, data: { name: 'gc_auth_popup', type: 'message', hash: '#access_token=x', identifier: 'not-it' } });
  const error = (await login.catch((e: unknown) => e)) as LoginError;
  expect(error.error).toBe('invalid_identifier');
}, 10_000);

it('an error posted by the popup (access_denied) is a LoginError with AUTH_ERROR', async () => {
  const { client: c, statuses } = client();
  const login = c.loginPKCEGrant(CLIENT.id, REDIRECT);
  await until(() => popup !== null);
  send({
    origin: APP,
    source: popup,
    data: { name: 'gc_auth_popup', type: 'message', search: '?error=access_denied&error_description=No' },
  });
  const error = (await login.catch((e: unknown) => e)) as LoginError;
  expect([error.error, error.error_description]).toEqual(['access_denied', 'No']);
  expect(statuses).toEqual(['INIT', 'AUTH_ERROR']);
});
