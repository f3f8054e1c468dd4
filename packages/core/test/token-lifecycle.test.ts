/**
 * The token lifecycle under concurrency, against a local OAuth server: 50 calls meeting a revoked
 * token give exactly one token request and 50 successes, for refresh tokens and client credentials,
 * with an instant and a slow token endpoint; failures, the off switch, the wait bound, expiry.
 */
import { type ApiClient, ApiError } from '../src/index.js';
import { clientFor, CLIENT, useOAuthServer } from './support/oauth-server.js';

const oauth = useOAuthServer();

function client(): ApiClient {
  const c = clientFor(oauth);
  c.setRetryOptions({ enabled: false });
  return c;
}

const call = (c: ApiClient, i: number) =>
  c.callApi(
    '/api/v2/users/{id}',
    'GET',
    { id: `u${i}` },
    {},
    {},
    {},
    null,
    ['PureCloud OAuth'],
    ['application/json'],
    ['application/json'],
  );

async function fifty(c: ApiClient): Promise<{ ok: number; failed: unknown[] }> {
  const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => call(c, i)));
  return {
    ok: results.filter((r) => r.status === 'fulfilled').length,
    failed: results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason),
  };
}

const logins = {
  'refresh token': (c: ApiClient) => c.loginCodeAuthorizationGrant(CLIENT.id, CLIENT.secret, 'good-code', 'https://app/cb'),
  'client credentials': (c: ApiClient) => c.loginClientCredentialsGrant(CLIENT.id, CLIENT.secret),
};

describe.each(Object.entries(logins))('%s', (_name, login) => {
  it.each([
    ['an instant', 0],
    ['a slow (100 ms)', 100],
  ])('50 concurrent calls on a revoked token, %s token endpoint: 1 token request, 50 successes', async (_speed, delayMs) => {
    const c = client();
    await login(c);
    const before = c.authData.accessToken;
    oauth.tokenRequests.length = 0;
    oauth.revokeAll();
    oauth.settings.delayMs = delayMs;
    const { ok, failed } = await fifty(c);
    expect(failed).toEqual([]);
    expect(ok).toBe(50);
    expect(oauth.tokenRequests).toHaveLength(1);
    expect(c.authData.accessToken).not.toBe(before);
    // No call is lost and none is sent more than twice.
    const perUser = new Map<string, number>();
    for (const r of oauth.apiRequests) perUser.set(r.url, (perUser.get(r.url) ?? 0) + 1);
    expect(perUser.size).toBe(50);
    expect(Math.max(...perUser.values())).toBeLessThanOrEqual(2);
  });

  it('a failed renewal rejects every waiter with the renewal error', async () => {
    const c = client();
    await login(c);
    oauth.tokenRequests.length = 0;
    oauth.revokeAll();
    oauth.settings.delayMs = 50;
    oauth.settings.fail = { status: 400, body: { error: 'invalid_grant', error_description: 'revoked' } };
    const { ok, failed } = await fifty(c);
    expect(ok).toBe(0);
    expect(failed).toHaveLength(50);
    for (const error of failed) {
      expect(error).toBeInstanceOf(ApiError);
      // The OAuth server's own message; its error code is `code`.
      expect((error as ApiError).message).toBe('revoked');
      expect((error as ApiError).code).toBe('invalid_grant');
    }
    expect(oauth.tokenRequests).toHaveLength(1);
  });

  it('refresh_access_token = false: nothing is renewed and the caller gets the 401', async () => {
    const c = client();
    await login(c);
    c.config.refresh_access_token = false;
    oauth.tokenRequests.length = 0;
    oauth.revokeAll();
    const { ok, failed } = await fifty(c);
    expect(ok).toBe(0);
    expect(failed.every((e) => (e as ApiError).status === 401)).toBe(true);
    expect(oauth.tokenRequests).toHaveLength(0);
    expect(oauth.apiRequests).toHaveLength(50);
  });

  it('waits at most refresh_token_wait_max seconds for a renewal', async () => {
    const c = client();
    await login(c);
    c.config.refresh_token_wait_max = 1;
    oauth.revokeAll();
    oauth.settings.hang = true;
    const started = Date.now();
    const error = (await call(c, 0).catch((e: unknown) => e)) as Error;
    const waited = Date.now() - started;
    expect(error.message).toBe('Token refresh took longer than 1 seconds');
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(5000);
  });
});

describe('client credentials expiry', () => {
  it('fetches a new token once, ahead of expiry, before sending', async () => {
    oauth.settings.expiresIn = 1;
    const c = client();
    await c.loginClientCredentialsGrant(CLIENT.id, CLIENT.secret);
    const first = c.authData.accessToken;
    await new Promise((r) => setTimeout(r, 950));
    oauth.settings.expiresIn = 86400;
    oauth.tokenRequests.length = 0;
    const { ok } = await fifty(c);
    expect(ok).toBe(50);
    expect(oauth.tokenRequests).toHaveLength(1);
    expect(c.authData.accessToken).not.toBe(first);
    // No call met a 401: the token was renewed before sending.
    expect(oauth.apiRequests.every((r) => r.headers['authorization'] === `Bearer ${c.authData.accessToken}`)).toBe(true);
  });
});

describe('without a way to renew', () => {
  it('a token set by hand meets the 401 and no token request is made', async () => {
    const c = client();
    c.setAccessToken('revoked-token');
    await expect(call(c, 0)).rejects.toMatchObject({ status: 401 });
    expect(oauth.tokenRequests).toHaveLength(0);
  });
});
