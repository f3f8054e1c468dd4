/** Every Node grant against a local OAuth server: the exact request (compared with the reference SDK's), the result, errors, secrecy. */
import { ApiError, computePKCECodeChallenge, generatePKCECodeVerifier } from '../src/index.js';
import { clientFor, CLIENT, useOAuthServer } from './support/oauth-server.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const reference = require('purecloud-platform-client-v2') as {
  ApiClientClass: new () => Record<string, (...args: unknown[]) => Promise<Record<string, unknown>>> & { setGateway(g: object): void };
};

const oauth = useOAuthServer();
const client = () => clientFor(oauth);

const BASIC = `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`;

const grants: [string, unknown[], string, boolean][] = [
  ['loginClientCredentialsGrant', [CLIENT.id, CLIENT.secret], 'grant_type=client_credentials', false],
  [
    'loginSaml2BearerGrant',
    [CLIENT.id, CLIENT.secret, 'my-org', 'PHNhbWw-valid-assertion'],
    'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer&orgName=my-org&assertion=PHNhbWw-valid-assertion',
    false,
  ],
  [
    'loginCodeAuthorizationGrant',
    [CLIENT.id, CLIENT.secret, 'good-code', 'https://app.example.com/cb?x=1'],
    'grant_type=authorization_code&code=good-code&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb%3Fx%3D1',
    true,
  ],
  ['refreshCodeAuthorizationGrant', [CLIENT.id, CLIENT.secret, 'refresh-0'], 'grant_type=refresh_token&refresh_token=refresh-0', true],
];

describe.each(grants)('%s', (method, args, body, refresh) => {
  it('sends the reference request and resolves with AuthData', async () => {
    const c = client();
    const authData = (await (c as unknown as Record<string, (...a: unknown[]) => Promise<Record<string, unknown>>>)[method]!(
      ...args,
    )) as Record<string, unknown>;
    const sent = oauth.tokenRequests.at(-1)!;
    expect(sent.method).toBe('POST');
    expect(sent.url).toBe('/oauth/token');
    expect(sent.headers['authorization']).toBe(BASIC);
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent.body).toBe(body);
    expect(authData['accessToken']).toMatch(/^access-\d+$/);
    expect(authData['refreshToken'] !== undefined).toBe(refresh);
    expect(authData['tokenExpiryTime']).toBeGreaterThan(Date.now() + 86_000_000);
    expect(authData['tokenExpiryTimeString']).toBe(new Date(authData['tokenExpiryTime'] as number).toUTCString());
    expect(authData).toBe(c.authData);
    // The token is used by the next call.
    await c.callApi('/api/v2/users/me', 'GET', {}, {}, {}, {}, null, ['PureCloud OAuth'], ['application/json'], ['application/json']);
    expect(oauth.apiRequests.at(-1)!.headers['authorization']).toBe(`Bearer ${authData['accessToken']}`);

    // The reference SDK sends the same token request.
    const ref = new reference.ApiClientClass();
    ref.setGateway({ host: '127.0.0.1', protocol: 'http', port: oauth.port });
    await ref[method]!(...args);
    const expected = oauth.tokenRequests.at(-1)!;
    expect(sent.body).toBe(expected.body);
    expect(sent.headers['authorization']).toBe(expected.headers['authorization']);
    expect(sent.headers['content-type']).toBe(expected.headers['content-type']);
  });
});

describe('authorizePKCEGrant', () => {
  it('sends the verifier and client id without a secret', async () => {
    const verifier = generatePKCECodeVerifier(64);
    oauth.pkceCodes.set('pkce-code', verifier);
    const c = client();
    const authData = await c.authorizePKCEGrant(CLIENT.id, verifier, 'pkce-code', 'https://app/cb');
    const sent = oauth.tokenRequests.at(-1)!;
    expect(sent.headers['authorization']).toBeUndefined();
    expect(sent.body).toBe(
      new URLSearchParams({
        grant_type: 'authorization_code',
        code: 'pkce-code',
        code_verifier: verifier,
        client_id: CLIENT.id,
        redirect_uri: 'https://app/cb',
      }).toString(),
    );
    expect(authData.accessToken).toMatch(/^access-/);
  });
});

describe('PKCE helpers', () => {
  it('computes the RFC 7636 appendix B challenge', async () => {
    await expect(computePKCECodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('generates verifiers of the asked length from the unreserved set, and checks the length', () => {
    const a = generatePKCECodeVerifier(128);
    expect(a).toMatch(/^[A-Za-z0-9\-._~]{128}$/);
    expect(generatePKCECodeVerifier(43)).not.toBe(generatePKCECodeVerifier(43));
    expect(() => generatePKCECodeVerifier(42)).toThrow(/between 43 and 128/);
    expect(() => generatePKCECodeVerifier(129)).toThrow(/between 43 and 128/);
  });
});

describe('errors', () => {
  it('rejects a refused login with the OAuth error, never the secret', async () => {
    const c = client();
    const error = (await c.loginClientCredentialsGrant(CLIENT.id, 'wrong-secret-VALUE').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    expect(error.message).toContain('invalid_client');
    expect(error.body).toEqual({ error: 'invalid_client', error_description: 'invalid_client (test server)' });
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain('wrong-secret-VALUE');
    expect(c.authData.accessToken).toBeUndefined();
  });

  it('refuses secret-bearing grants in a browser', async () => {
    const g = globalThis as { window?: unknown };
    g.window = { document: {} };
    try {
      const c = client();
      await expect(c.loginClientCredentialsGrant(CLIENT.id, CLIENT.secret)).rejects.toThrow(/not supported in a browser/);
      await expect(c.loginSaml2BearerGrant(CLIENT.id, CLIENT.secret, 'o', 'a')).rejects.toThrow(/not supported in a browser/);
      await expect(c.loginCodeAuthorizationGrant(CLIENT.id, CLIENT.secret, 'c', 'r')).rejects.toThrow(/not supported in a browser/);
      expect(oauth.tokenRequests).toHaveLength(0);
    } finally {
      delete g.window;
    }
  });

  it('writes no token, secret or assertion to the logs at trace level', async () => {
    const lines: string[] = [];
    jest.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
    try {
      const c = client();
      const logger = c.config.logger;
      logger.log_level = 'trace';
      logger.log_request_body = true;
      logger.log_response_body = true;
      await c.loginSaml2BearerGrant(CLIENT.id, CLIENT.secret, 'my-org', 'PHNhbWw-valid-assertion');
      await c.loginCodeAuthorizationGrant(CLIENT.id, CLIENT.secret, 'good-code', 'https://app/cb');
      await c.loginClientCredentialsGrant(CLIENT.id, 'wrong-secret-VALUE').catch(() => undefined);
      const output = lines.join('\n');
      expect(output).toContain('/oauth/token');
      for (const secret of [
        CLIENT.secret,
        'wrong-secret-VALUE',
        'PHNhbWw-valid-assertion',
        'access-',
        'refresh-',
        Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64'),
      ]) {
        expect(output).not.toContain(secret);
      }
    } finally {
      jest.restoreAllMocks();
    }
  });
});
