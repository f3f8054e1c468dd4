/**
 * PKCE from the command line: a tool that has no secret to keep signs a person in through the
 * browser and a loopback redirect (RFC 8252), proving with a code verifier that it is the program
 * that asked for the code. `npm run pkce-cli`. Real org: GENESYS_CLOUD_REGION, GENESYS_CLOUD_CLIENT_ID
 * (a PKCE client) and GENESYS_CLOUD_REDIRECT_URI (one of its redirect URIs, such as
 * http://127.0.0.1:8086/callback).
 */
import { randomBytes } from 'node:crypto';
import { UsersApi } from '@gcsdk/api-users';
import { closeServer, listen, page, runAlone, within, type Program } from './target.js';

const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export const pkceCli: Program = {
  name: 'pkce-cli',
  needs: ['GENESYS_CLOUD_CLIENT_ID', 'GENESYS_CLOUD_REDIRECT_URI'],
  async run(target, print) {
    const clientId = target.setting('GENESYS_CLOUD_CLIENT_ID');
    const client = target.newClient();
    // The verifier stays in this process; only its SHA-256 challenge goes to the login page.
    const codeVerifier = client.generatePKCECodeVerifier(128);
    const codeChallenge = await client.computePKCECodeChallenge(codeVerifier);
    const state = randomBytes(16).toString('base64url');

    let received!: (code: string) => void;
    let refused!: (error: Error) => void;
    const codeArrived = new Promise<string>((resolve, reject) => ((received = resolve), (refused = reject)));
    const loopback = await listen(target.setting('GENESYS_CLOUD_REDIRECT_URI'), async (_request, url, response) => {
      if (url.pathname !== new URL(loopback.redirectUri).pathname) return page(response, 404, 'Not found');
      // A request without our state did not come from our sign-in: ignore it.
      if (url.searchParams.get('state') !== state) return page(response, 400, 'Unknown state');
      const error = url.searchParams.get('error');
      const code = url.searchParams.get('code');
      if (error || !code) {
        page(response, 403, `Sign-in refused: ${error ?? 'no code'}`);
        refused(new Error(`sign-in refused: ${error ?? 'no code'} ${url.searchParams.get('error_description') ?? ''}`.trim()));
        return;
      }
      page(response, 200, 'Signed in: you can close this tab and go back to the terminal.');
      received(code);
    });

    try {
      const { redirectUri } = loopback;
      const loginPage = target.authorizeUrl({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: redirectUri,
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
      });
      print(`Waiting for the login page to redirect to ${redirectUri}`);
      const [, code] = await Promise.all([
        target.sendUserTo(loginPage, print),
        within(codeArrived, SIGN_IN_TIMEOUT_MS, `nobody signed in within ${SIGN_IN_TIMEOUT_MS / 60_000} minutes`),
      ]);
      // The code is useless without the verifier: the token endpoint checks it against the challenge.
      const auth = await client.authorizePKCEGrant(clientId, codeVerifier, code, redirectUri);
      print(`Code and verifier exchanged for a token (valid until ${auth.tokenExpiryTimeString})`);
      const me = await new UsersApi(client).getUsersMe();
      print(`users/me: ${me.name} <${me.email}>`);
    } finally {
      await closeServer(loopback.server);
      client.close();
    }
  },
};

if (require.main === module) runAlone(pkceCli);
