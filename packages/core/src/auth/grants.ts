/**
 * The OAuth grants that run on a server: the same requests to `/oauth/token` as the reference SDK
 * (grant types, Basic authorisation, form bodies) and the same `AuthData` results.
 */
import type { AuthHost, LoginCallOptions } from './host.js';
import { base64 } from './pkce.js';
import { required, secretInBrowser } from './pkce-grant.js';
import { inBrowser, type AuthData } from './session.js';

export type { LoginCallOptions } from './host.js';
export { authorizePKCE } from './pkce-grant.js';

/** Grants that need a client secret must never run where the secret would be public (the browser build has grants.browser.ts). */
export function refuseInBrowser(grant: string): void {
  if (inBrowser()) throw new Error(secretInBrowser(grant));
}

export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${base64(`${clientId}:${clientSecret}`)}`;
}

export async function clientCredentials(
  host: AuthHost,
  clientId: string,
  clientSecret: string,
  options?: LoginCallOptions,
): Promise<AuthData> {
  refuseInBrowser('client credentials');
  required(clientId, 'clientId', 'loginClientCredentialsGrant');
  required(clientSecret, 'clientSecret', 'loginClientCredentialsGrant');
  const token = await host.requestToken({ grant_type: 'client_credentials' }, basicAuthorization(clientId, clientSecret), options);
  host.session.rememberCredentials({ grant: 'client_credentials', clientId, clientSecret });
  return host.session.installToken(token);
}

export async function saml2Bearer(
  host: AuthHost,
  clientId: string,
  clientSecret: string,
  orgName: string,
  assertion: string,
  options?: LoginCallOptions,
): Promise<AuthData> {
  refuseInBrowser('saml2bearer');
  required(assertion, 'assertion', 'loginSaml2BearerGrant');
  const token = await host.requestToken(
    { grant_type: 'urn:ietf:params:oauth:grant-type:saml2-bearer', orgName, assertion },
    basicAuthorization(clientId, clientSecret),
    options,
  );
  host.session.rememberCredentials({ grant: 'none', clientId });
  return host.session.installToken(token);
}

export async function codeAuthorization(
  host: AuthHost,
  clientId: string,
  clientSecret: string,
  authCode: string,
  redirectUri: string,
  options?: LoginCallOptions,
): Promise<AuthData> {
  refuseInBrowser('Code Authorization');
  required(authCode, 'authCode', 'loginCodeAuthorizationGrant');
  const token = await host.requestToken(
    { grant_type: 'authorization_code', code: authCode, redirect_uri: redirectUri },
    basicAuthorization(clientId, clientSecret),
    options,
  );
  host.session.rememberCredentials({ grant: 'refresh_token', clientId, clientSecret });
  return host.session.installToken(token);
}

export async function refreshCodeAuthorization(
  host: AuthHost,
  clientId: string,
  clientSecret: string,
  refreshToken: string,
  options?: LoginCallOptions,
): Promise<AuthData> {
  refuseInBrowser('Code Authorization');
  required(refreshToken, 'refreshToken', 'refreshCodeAuthorizationGrant');
  const token = await host.requestToken(
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    basicAuthorization(clientId, clientSecret),
    options,
  );
  host.session.rememberCredentials({ grant: 'refresh_token', clientId, clientSecret });
  return host.session.installToken(token);
}
