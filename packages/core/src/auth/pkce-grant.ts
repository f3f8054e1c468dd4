/** The PKCE code exchange (no secret: allowed in browsers and on servers alike). */
import type { AuthHost, LoginCallOptions } from './host.js';
import type { AuthData } from './session.js';

/** Why a grant that needs a client secret does not run in a browser. */
export const secretInBrowser = (grant: string) =>
  `The ${grant} grant is not supported in a browser: it needs a client secret, which a web page cannot keep.`;

/** A login argument that must be a non-empty string. */
export function required(value: unknown, name: string, grant: string): string {
  if (typeof value !== 'string' || !value) throw new Error(`${grant}: ${name} is required`);
  return value;
}

/** Exchanges a PKCE authorization code for a token. */
export async function authorizePKCE(
  host: AuthHost,
  clientId: string,
  codeVerifier: string,
  authCode: string,
  redirectUri: string,
  options?: LoginCallOptions,
): Promise<AuthData> {
  required(codeVerifier, 'codeVerifier', 'authorizePKCEGrant');
  required(authCode, 'authCode', 'authorizePKCEGrant');
  const token = await host.requestToken(
    {
      grant_type: 'authorization_code',
      code: authCode,
      code_verifier: codeVerifier,
      client_id: clientId,
      redirect_uri: redirectUri,
    },
    undefined,
    options,
  );
  host.session.rememberCredentials({ grant: 'none', clientId });
  return host.session.installToken(token);
}
