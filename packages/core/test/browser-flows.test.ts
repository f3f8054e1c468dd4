/**
 * The browser login flows with a DOM stand-in (location, history, storage); the real-browser tests
 * come with the browser issue. Token checks and exchanges go to a local OAuth server.
 */
import { ApiClient, AuthPopupError, LoginError } from '../src/index.js';
import { CLIENT, challengeOf, startOAuthServer, type OAuthServer } from './support/oauth-server.js';

class MemoryStorage implements Storage {
  private items = new Map<string, string>();
  get length() {
    return this.items.size;
  }
  clear() {
    this.items.clear();
  }
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  key(index: number) {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  setItem(key: string, value: string) {
    this.items.set(key, String(value));
  }
}

interface FakeWindow {
  location: { hash: string; search: string; pathname: string; replace: jest.Mock };
  history: { replaceState: jest.Mock };
  document: { title: string };
  sessionStorage: MemoryStorage;
  localStorage: MemoryStorage;
}

let oauth: OAuthServer;
let win: FakeWindow;
const g = globalThis as Record<string, unknown>;

beforeAll(async () => {
  oauth = await startOAuthServer();
});
afterAll(() => oauth.close());
beforeEach(() => {
  win = {
    location: { hash: '', search: '', pathname: '/app/', replace: jest.fn() },
    history: { replaceState: jest.fn() },
    document: { title: 'App' },
    sessionStorage: new MemoryStorage(),
    localStorage: new MemoryStorage(),
  };
  Object.assign(g, { window: win, sessionStorage: win.sessionStorage, localStorage: win.localStorage });
  oauth.tokenRequests.length = 0;
  oauth.apiRequests.length = 0;
});
afterEach(() => {
  for (const key of ['window', 'sessionStorage', 'localStorage']) delete g[key];
});

function client(): ApiClient {
  const c = new ApiClient({ readConfigFile: false });
  c.setGateway({ host: '127.0.0.1', protocol: 'http', port: oauth.port });
  return c;
}

/** Lets the flow run until it redirects (its promise stays pending while the page navigates). */
async function redirected(): Promise<URL> {
  for (let i = 0; i < 200 && win.location.replace.mock.calls.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
  expect(win.location.replace).toHaveBeenCalledTimes(1);
  return new URL(win.location.replace.mock.calls[0]![0] as string);
}

describe('loginImplicitGrant', () => {
  it('redirects to /oauth/authorize with the options, then reads the token from the hash', async () => {
    void client().loginImplicitGrant(CLIENT.id, 'https://app.example.com/app/', {
      state: 'st-1',
      org: 'o',
      provider: 'p',
      target: 't',
      login_hint: 'a@b.c',
      prompt: 'login',
    });
    const url = await redirected();
    expect(url.pathname).toBe('/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: CLIENT.id,
      redirect_uri: 'https://app.example.com/app/',
      response_type: 'token',
      state: 'st-1',
      org: 'o',
      provider: 'p',
      target: 't',
      login_hint: 'a@b.c',
      prompt: 'login',
    });

    oauth.valid.add('implicit-token');
    win.location.hash = '#access_token=implicit-token&expires_in=3600&token_type=bearer&state=st-1';
    win.location.search = '?keep=1';
    const c = client();
    const authData = await c.loginImplicitGrant(CLIENT.id, 'https://app.example.com/app/', { state: 'st-1' });
    expect(authData.accessToken).toBe('implicit-token');
    expect(authData.state).toBe('st-1');
    expect(authData.tokenExpiryTime).toBeGreaterThan(Date.now() + 3_500_000);
    expect(win.history.replaceState).toHaveBeenCalledWith(null, 'App', '/app/?keep=1');
    expect(oauth.apiRequests.at(-1)!.url).toBe('/api/v2/tokens/me');
  });

  it('refuses a state that does not match the one sent', async () => {
    void client().loginImplicitGrant(CLIENT.id, 'https://app/', { state: 'sent-state' });
    await redirected();
    win.location.hash = '#access_token=forged&state=other-state';
    const c = client();
    const error = await c.loginImplicitGrant(CLIENT.id, 'https://app/', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoginError);
    expect(error).toMatchObject({ error: 'invalid_state', message: expect.stringMatching(/state that does not match/) });
    expect(c.authData.accessToken).toBeUndefined();
  });

  it('keeps instanceof for login errors across copies of the package (brand check)', () => {
    const foreign = (name: string) => Object.assign(Object.create(null), { [Symbol.for('gcsdk.login-error')]: name });
    expect(foreign('LoginError') instanceof LoginError).toBe(true);
    expect(foreign('AuthPopupError') instanceof AuthPopupError).toBe(true);
    expect(foreign('LoginError') instanceof AuthPopupError).toBe(false);
    expect(new LoginError('access_denied', 'no') instanceof LoginError).toBe(true);
    expect(new AuthPopupError('popup_blocked', 'blocked') instanceof LoginError).toBe(false);
    expect(new Error('[access_denied]') instanceof LoginError).toBe(false);
    expect((null as unknown) instanceof LoginError).toBe(false);
  });

  it('rejects with the login page error and leaves it on authData', async () => {
    win.location.hash = '#error=access_denied&error_description=User%20said%20no';
    const c = client();
    const error = (await c.loginImplicitGrant(CLIENT.id, 'https://app/').catch((e: unknown) => e)) as LoginError;
    expect(error).toBeInstanceOf(LoginError);
    expect(error.message).toBe('[access_denied] User said no');
    expect(error.error).toBe('access_denied');
    expect(c.authData).toMatchObject({ error: 'access_denied', error_description: 'User said no' });
  });

  it('insists on org and provider together', async () => {
    await expect(client().loginImplicitGrant(CLIENT.id, 'https://app/', { org: 'o' })).rejects.toThrow(
      'opts.provider must be set if opts.org is set',
    );
    await expect(client().loginImplicitGrant(CLIENT.id, 'https://app/', { provider: 'p' })).rejects.toThrow(
      'opts.org must be set if opts.provider is set',
    );
  });
});

describe('loginPKCEGrant', () => {
  it('keeps a generated verifier in sessionStorage, sends its S256 challenge, and exchanges the code with it', async () => {
    void client().loginPKCEGrant(CLIENT.id, 'https://app/cb', { state: 'pk-state' });
    const url = await redirected();
    const verifier = win.sessionStorage.getItem('purecloud_pkce_code_verifier')!;
    expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{128}$/);
    expect(win.localStorage.length).toBe(0);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT.id,
      redirect_uri: 'https://app/cb',
      response_type: 'code',
      code_challenge_method: 'S256',
      code_challenge: challengeOf(verifier),
      state: 'pk-state',
    });

    oauth.pkceCodes.set('the-code', verifier);
    win.location.search = '?code=the-code&state=pk-state';
    const c = client();
    const authData = await c.loginPKCEGrant(CLIENT.id, 'https://app/cb', { state: 'pk-state' });
    expect(authData.accessToken).toMatch(/^access-/);
    expect(authData.state).toBe('pk-state');
    const exchange = new URLSearchParams(oauth.tokenRequests.at(-1)!.body);
    expect(exchange.get('code_verifier')).toBe(verifier);
    expect(oauth.tokenRequests.at(-1)!.headers['authorization']).toBeUndefined();
    expect(win.sessionStorage.getItem('purecloud_pkce_code_verifier')).toBeNull();
    expect(win.history.replaceState).toHaveBeenCalledWith(null, 'App', '/app/');
  });

  it('uses a verifier given by the caller and stores nothing', async () => {
    const verifier = 'v'.repeat(60);
    void client().loginPKCEGrant(CLIENT.id, 'https://app/cb', {}, verifier);
    const url = await redirected();
    expect(url.searchParams.get('code_challenge')).toBe(challengeOf(verifier));
    expect(win.sessionStorage.length).toBe(0);
  });

  it('rejects a login error and forgets the verifier', async () => {
    win.sessionStorage.setItem('purecloud_pkce_code_verifier', 'x'.repeat(50));
    win.location.search = '?error=invalid_request&error_description=bad';
    await expect(client().loginPKCEGrant(CLIENT.id, 'https://app/cb')).rejects.toThrow('[invalid_request] bad');
    expect(win.sessionStorage.getItem('purecloud_pkce_code_verifier')).toBeNull();
  });
});

describe('persisted settings and logout', () => {
  it('keeps the token under the prefix, reuses it on the next page load after checking it, and logout clears it', async () => {
    oauth.valid.add('persisted-token');
    win.location.hash = '#access_token=persisted-token&expires_in=60';
    const first = client();
    first.setPersistSettings(true, 'my app');
    await first.loginImplicitGrant(CLIENT.id, 'https://app/');
    const saved = JSON.parse(win.localStorage.getItem('my_app_auth_data')!) as Record<string, unknown>;
    expect(saved['accessToken']).toBe('persisted-token');
    expect(saved).not.toHaveProperty('state');

    // Next page load: no hash, the stored token is checked and used without a redirect.
    win.location.hash = '';
    oauth.apiRequests.length = 0;
    const second = client();
    second.setPersistSettings(true, 'my app');
    const authData = await second.loginImplicitGrant(CLIENT.id, 'https://app/');
    expect(authData.accessToken).toBe('persisted-token');
    expect(oauth.apiRequests.map((r) => r.url)).toEqual(['/api/v2/tokens/me']);
    expect(win.location.replace).not.toHaveBeenCalled();

    second.logout('https://app/bye');
    expect(JSON.parse(win.localStorage.getItem('my_app_auth_data')!)['accessToken']).toBeUndefined();
    const logout = new URL(win.location.replace.mock.calls[0]![0] as string);
    expect(logout.pathname).toBe('/logout');
    expect(Object.fromEntries(logout.searchParams)).toEqual({ client_id: CLIENT.id, redirect_uri: 'https://app/bye' });
  });

  it('drops a stored token the API refuses and goes to the login page', async () => {
    win.localStorage.setItem('purecloud_auth_data', JSON.stringify({ accessToken: 'stale' }));
    const c = client();
    c.setPersistSettings(true);
    void c.loginImplicitGrant(CLIENT.id, 'https://app/');
    await redirected();
    expect(JSON.parse(win.localStorage.getItem('purecloud_auth_data')!)['accessToken']).toBeUndefined();
  });
});
