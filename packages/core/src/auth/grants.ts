/**
 * The OAuth grants that run on a server: the same requests to `/oauth/token` as the reference SDK
 * (grant types, Basic authorisation, form bodies) and the same `AuthData` results.
 */
import type { ApiClient, AuthData } from '../ApiClient.js';
import type { CallOptions } from '../pipeline/options.js';
import { base64 } from './pkce.js';

/** Per-login options: `signal` aborts the token request (and a wait before its retry), `timeout` bounds each attempt. */
export type LoginCallOptions = CallOptions;

/** Grants that need a client secret must never run where the secret would be public. */
export function refuseInBrowser(grant: string): void {
  if (typeof window !== 'undefined' && typeof (window as { document?: unknown }).document !== 'undefined') {
    throw new Error(`The ${grant} grant is not supported in a browser: it needs a client secret, which a web page cannot keep.`);
  }
}

export function basicAuthorization(clientId: string, clientSecret: string): string {
  return `Basic ${base64(`${clientId}:${clientSecret}`)}`;
}

/** What a token response leaves on the client: the token, its expiry and, where given, a refresh token. */
export function expiryOf(expiresIn: unknown, now = Date.now()): Pick<AuthData, 'tokenExpiryTime' | 'tokenExpiryTimeString'> {
  const seconds = Number(expiresIn);
  if (expiresIn === undefined || expiresIn === null || !Number.isFinite(seconds)) return {};
  const tokenExpiryTime = now + seconds * 1000;
  return { tokenExpiryTime, tokenExpiryTimeString: new Date(tokenExpiryTime).toUTCString() };
}

function required(value: unknown, name: string, grant: string): string {
  if (typeof value !== 'string' || !value) throw new Error(`${grant}: ${name} is required`);
  return value;
}

export async function clientCredentials(
  client: ApiClient,
  clientId: string,
  clientSecret: string,
  options?: LoginCallOptions,
): Promise<AuthData> {
  refuseInBrowser('client credentials');
  required(clientId, 'clientId', 'loginClientCredentialsGrant');
  required(clientSecret, 'clientSecret', 'loginClientCredentialsGrant');
  const token = await client.requestToken({ grant_type: 'client_credentials' }, basicAuthorization(clientId, clientSecret), options);
  client.rememberCredentials({ grant: 'client_credentials', clientId, clientSecret });
  return client.installToken(token);
}

export async function saml2Bearer(
  client: ApiClient,
  clientId: string,
  clientSecret: string,
  orgName: string,
  assertion: string,
  options?: LoginCallOptions,
): Promise<AuthData> {
  refuseInBrowser('saml2bearer');
  required(assertion, 'assertion', 'loginSaml2BearerGrant');
  const token = await client.requestToken(
    { grant_type: 'urn:ietf:params:oauth:grant-type:saml2-bearer', orgName, assertion },
    basicAuthorization(clientId, clientSecret),
    options,
  );
  client.rememberCredentials({ grant: 'none', clientId });
  return client.installToken(token);
}

export async function codeAuthorization(
  client: ApiClient,
  clientId: string,
  clientSecret: string,
  authCode: string,
  redirectUri: string,
  options?: LoginCallOptions,
): Promise<AuthData> {
  refuseInBrowser('Code Authorization');
  required(authCode, 'authCode', 'loginCodeAuthorizationGrant');
  const token = await client.requestToken(
    { grant_type: 'authorization_code', code: authCode, redirect_uri: redirectUri },
    basicAuthorization(clientId, clientSecret),
    options,
  );
  client.rememberCredentials({ grant: 'refresh_token', clientId, clientSecret });
  return client.installToken(token);
}

export async function refreshCodeAuthorization(
  client: ApiClient,
  clientId: string,
  clientSecret: string,
  refreshToken: string,
  options?: LoginCallOptions,
): Promise<AuthData> {
  refuseInBrowser('Code Authorization');
  required(refreshToken, 'refreshToken', 'refreshCodeAuthorizationGrant');
  const token = await client.requestToken(
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    basicAuthorization(clientId, clientSecret),
    options,
  );
  client.rememberCredentials({ grant: 'refresh_token', clientId, clientSecret });
  return client.installToken(token);
}

/** Exchanges a PKCE authorization code (no secret: also allowed in browsers). */
export async function authorizePKCE(
  client: ApiClient,
  clientId: string,
  codeVerifier: string,
  authCode: string,
  redirectUri: string,
  options?: LoginCallOptions,
): Promise<AuthData> {
  required(codeVerifier, 'codeVerifier', 'authorizePKCEGrant');
  required(authCode, 'authCode', 'authorizePKCEGrant');
  const token = await client.requestToken(
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
  client.rememberCredentials({ grant: 'none', clientId });
  return client.installToken(token);
}
