/** A local OAuth server and API for auth tests: every grant, token revocation, a slow or failing token endpoint. */
import { createHash } from 'node:crypto';
import { ApiClient } from '../../src/index.js';
import { startServer, type RecordedRequest, type Reply, type TestServer } from './server.js';

export const CLIENT = { id: 'demo-client', secret: 'demo-secret-VALUE' };

export interface OAuthServer {
  server: TestServer;
  url: string;
  port: number;
  /** Every request to /oauth/token. */
  tokenRequests: RecordedRequest[];
  /** Every API request. */
  apiRequests: RecordedRequest[];
  valid: Set<string>;
  settings: { delayMs: number; expiresIn: number; fail?: { status: number; body: unknown }; hang?: boolean };
  /** PKCE: the verifier the server expects for an authorization code. */
  pkceCodes: Map<string, string>;
  revokeAll(): void;
  close(): Promise<void>;
}

const b64url = (buffer: Buffer) => buffer.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
export const challengeOf = (verifier: string) => b64url(createHash('sha256').update(verifier).digest());

export async function startOAuthServer(into: Partial<OAuthServer> = {}): Promise<OAuthServer> {
  let counter = 0;
  const state = into as OAuthServer;
  const issue = (refresh: boolean): Reply => {
    counter += 1;
    const access = `access-${counter}`;
    state.valid.add(access);
    return {
      status: 200,
      body: {
        access_token: access,
        token_type: 'bearer',
        expires_in: state.settings.expiresIn,
        ...(refresh ? { refresh_token: `refresh-${counter}` } : {}),
      },
    };
  };
  const token = (req: RecordedRequest): Reply => {
    const form = new URLSearchParams(req.body);
    const basic = `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`;
    const authorized = req.headers['authorization'] === basic;
    const denied = (error: string, status = 400): Reply => ({ status, body: { error, error_description: `${error} (test server)` } });
    switch (form.get('grant_type')) {
      case 'client_credentials':
        return authorized ? issue(false) : denied('invalid_client', 401);
      case 'urn:ietf:params:oauth:grant-type:saml2-bearer':
        return authorized && form.get('assertion') === 'PHNhbWw-valid-assertion' && form.get('orgName') === 'my-org'
          ? issue(false)
          : denied('invalid_grant');
      case 'refresh_token':
        return authorized && form.get('refresh_token')?.startsWith('refresh-') ? issue(true) : denied('invalid_grant');
      case 'authorization_code': {
        const code = form.get('code') ?? '';
        if (form.has('code_verifier')) {
          const expected = state.pkceCodes.get(code);
          return expected && expected === form.get('code_verifier') && form.get('client_id') === CLIENT.id
            ? issue(false)
            : denied('invalid_grant');
        }
        return authorized && code === 'good-code' ? issue(true) : denied('invalid_grant');
      }
      default:
        return denied('unsupported_grant_type');
    }
  };
  const server = await startServer(async (req) => {
    if (req.url.startsWith('/oauth/token')) {
      state.tokenRequests.push(req);
      if (state.settings.hang) return { hang: true };
      if (state.settings.delayMs) await new Promise((r) => setTimeout(r, state.settings.delayMs));
      if (state.settings.fail) return state.settings.fail;
      return token(req);
    }
    state.apiRequests.push(req);
    const bearer = String(req.headers['authorization'] ?? '').replace(/^Bearer /, '');
    if (!state.valid.has(bearer))
      return { status: 401, body: { message: 'Invalid login credentials.', code: 'bad.credentials', status: 401 } };
    return { status: 200, body: { path: req.url, token: 'ok' } };
  });
  Object.assign(state, {
    server,
    url: server.url,
    port: server.port,
    tokenRequests: [],
    apiRequests: [],
    valid: new Set<string>(),
    settings: { delayMs: 0, expiresIn: 86400 },
    pkceCodes: new Map<string, string>(),
    revokeAll: () => state.valid.clear(),
    close: () => server.close(),
  });
  return state;
}

/**
 * One OAuth server for the test file: started before its tests, reset before each, closed after.
 * The returned object is filled in when the server starts.
 */
export function useOAuthServer(): OAuthServer {
  const oauth = {} as OAuthServer;
  beforeAll(() => startOAuthServer(oauth));
  afterAll(() => oauth.close());
  beforeEach(() => {
    oauth.tokenRequests.length = 0;
    oauth.apiRequests.length = 0;
    oauth.settings = { delayMs: 0, expiresIn: 86400 };
  });
  return oauth;
}

/** A client that sends everything, logins included, to the OAuth server. */
export function clientFor(oauth: OAuthServer): ApiClient {
  const client = new ApiClient({ readConfigFile: false });
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: oauth.port });
  return client;
}
