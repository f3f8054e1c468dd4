/**
 * Authorization code: a small web app on 127.0.0.1. /login sends the browser to the login page;
 * /callback checks `state`, exchanges the code for a token with the client secret, reads users/me,
 * and renews the token with its refresh token. `npm run code-authorization`. Real org:
 * GENESYS_CLOUD_REGION, GENESYS_CLOUD_CLIENT_ID and GENESYS_CLOUD_CLIENT_SECRET (a code authorization
 * client), GENESYS_CLOUD_REDIRECT_URI (one of its redirect URIs, such as http://127.0.0.1:8085/callback).
 */
import { randomBytes } from 'node:crypto';
import { UsersApi } from '@gcsdk/api-users';
import { closeServer, listen, page, runAlone, within, type Program } from './target.js';

/** How long a person has to sign in before the program gives up. */
const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export const codeAuthorization: Program = {
  name: 'code-authorization',
  needs: ['GENESYS_CLOUD_CLIENT_ID', 'GENESYS_CLOUD_CLIENT_SECRET', 'GENESYS_CLOUD_REDIRECT_URI'],
  async run(target, print) {
    const clientId = target.setting('GENESYS_CLOUD_CLIENT_ID');
    const clientSecret = target.setting('GENESYS_CLOUD_CLIENT_SECRET');
    // The states handed out by /login and not used yet: a callback must bring one back, once.
    const pending = new Set<string>();
    // The example stops after the first sign-in (or the first failed code exchange).
    let signedIn!: (user: string) => void;
    let failed!: (error: unknown) => void;
    const firstSignIn = new Promise<string>((resolve, reject) => ((signedIn = resolve), (failed = reject)));

    const app = await listen(target.setting('GENESYS_CLOUD_REDIRECT_URI'), async (_request, url, response) => {
      if (url.pathname === '/login') {
        const state = randomBytes(16).toString('base64url');
        pending.add(state);
        const login = target.authorizeUrl({ response_type: 'code', client_id: clientId, redirect_uri: app.redirectUri, state });
        response.writeHead(302, { location: login }).end();
        return;
      }
      if (url.pathname !== new URL(app.redirectUri).pathname) return page(response, 404, 'Not found: start at /login');
      // The login page sends the browser back with ?code=…&state=… (or ?error=…&state=…).
      const state = url.searchParams.get('state');
      if (!state || !pending.delete(state)) return page(response, 400, 'Unknown or already used state: start again at /login');
      const error = url.searchParams.get('error');
      if (error) return page(response, 403, `Sign-in refused: ${error} ${url.searchParams.get('error_description') ?? ''}`);
      const code = url.searchParams.get('code');
      if (!code) return page(response, 400, 'The login page sent no code');

      // One client per signed-in user: each holds that user's tokens.
      const client = target.newClient();
      try {
        const auth = await client.loginCodeAuthorizationGrant(clientId, clientSecret, code, app.redirectUri);
        // The client updates this AuthData object in place when the token is renewed: keep what we compare.
        const { accessToken, refreshToken } = auth;
        print(`Code exchanged for a token (valid until ${auth.tokenExpiryTimeString}) and a refresh token`);
        const me = await new UsersApi(client).getUsersMe();
        print(`users/me: ${me.name} <${me.email}>`);
        if (!refreshToken) throw new Error('the token response had no refresh token');
        // Renewed at once only to show the call. The client also renews by itself with this refresh
        // token when a call meets a 401 (refresh_access_token, on by default).
        const renewed = await client.refreshCodeAuthorizationGrant(clientId, clientSecret, refreshToken);
        print(`Token renewed with the refresh token (new access token: ${renewed.accessToken !== accessToken ? 'yes' : 'no'})`);
        page(response, 200, `Signed in as ${me.name}. You can close this tab.`);
        signedIn(me.name ?? '(no name)');
      } catch (cause) {
        page(response, 500, `Sign-in failed: ${(cause as Error).message}`);
        failed(cause);
      } finally {
        client.close();
      }
    });

    try {
      const start = new URL('/login', app.redirectUri).toString();
      print(`Web app listening at ${new URL('/', app.redirectUri).toString()} (redirect URI ${app.redirectUri})`);
      // Both at once: the browser (or the stand-in) and the app's wait for the callback.
      const [, user] = await Promise.all([
        target.sendUserTo(start, print),
        within(firstSignIn, SIGN_IN_TIMEOUT_MS, `nobody signed in within ${SIGN_IN_TIMEOUT_MS / 60_000} minutes`),
      ]);
      print(`Signed in as ${user}; the web app stops`);
    } finally {
      await closeServer(app.server);
    }
  },
};

if (require.main === module) runAlone(codeAuthorization);
