/** The mock server: OAuth for every grant, validation, stateful resources, synthesised answers, headers, faults, control endpoint. */
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { startMockServer, parseFault, type MockServer } from '../src/index.js';
import { RESOURCES } from '../src/resources.js';
import { STATEFUL_ROUTES } from '../src/stateful-routes.js';

const BASIC = `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}`;
let mock: MockServer;
let token: string;

beforeAll(async () => {
  mock = await startMockServer({ seed: 42 });
  token = (await tokenRequest({ grant_type: 'client_credentials' })).body.access_token as string;
});
afterAll(() => mock.close());
afterEach(() => mock.clearFaults());

async function tokenRequest(form: Record<string, string>, authorization: string | undefined = BASIC) {
  const res = await fetch(`${mock.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(authorization ? { authorization } : {}) },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function api(method: string, path: string, body?: unknown, bearer = token) {
  const res = await fetch(`${mock.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

/** Follows the login page for a browser flow; returns the redirect target. */
async function browserLogin(query: Record<string, string>, decision = 'approve'): Promise<URL> {
  const page = await fetch(`${mock.url}/oauth/authorize?${new URLSearchParams(query)}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<form method="post" action="/oauth/authorize">');
  const res = await fetch(`${mock.url}/oauth/authorize`, {
    method: 'POST',
    body: new URLSearchParams({ ...query, decision }),
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

describe('OAuth', () => {
  it('client credentials: Basic auth, and a refused secret', async () => {
    const ok = await tokenRequest({ grant_type: 'client_credentials' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ token_type: 'bearer', expires_in: 86400 });
    const bad = await tokenRequest({ grant_type: 'client_credentials' }, `Basic ${Buffer.from('demo-client:wrong').toString('base64')}`);
    expect(bad).toEqual({ status: 401, body: { error: 'invalid_client', error_description: 'client authentication failed' } });
  });

  it('SAML2 bearer', async () => {
    expect(
      (await tokenRequest({ grant_type: 'urn:ietf:params:oauth:grant-type:saml2-bearer', orgName: 'org', assertion: 'PHNhbWw+' })).status,
    ).toBe(200);
    expect((await tokenRequest({ grant_type: 'urn:ietf:params:oauth:grant-type:saml2-bearer', orgName: 'org' })).body['error']).toBe(
      'invalid_request',
    );
  });

  it('authorization code, then refresh', async () => {
    const back = await browserLogin({ client_id: 'demo-client', redirect_uri: 'http://app.local/cb', response_type: 'code', state: 's1' });
    expect(back.searchParams.get('state')).toBe('s1');
    const code = back.searchParams.get('code')!;
    const issued = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: 'http://app.local/cb' });
    expect(issued.body['refresh_token']).toEqual(expect.any(String));
    expect((await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: 'http://app.local/cb' })).body['error']).toBe(
      'invalid_grant',
    );
    const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: issued.body['refresh_token'] as string });
    expect(refreshed.status).toBe(200);
    expect((await api('GET', '/api/v2/users/me', undefined, refreshed.body['access_token'] as string)).body?.['name']).toBe('Demo User');
  });

  it('PKCE: the verifier is checked against the S256 challenge', async () => {
    const verifier = randomBytes(48).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const login = () =>
      browserLogin({
        client_id: 'demo-client',
        redirect_uri: 'http://app.local/cb',
        response_type: 'code',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      });
    const wrong = (await login()).searchParams.get('code')!;
    expect(
      (
        await tokenRequest(
          {
            grant_type: 'authorization_code',
            code: wrong,
            code_verifier: 'x'.repeat(50),
            client_id: 'demo-client',
            redirect_uri: 'http://app.local/cb',
          },
          undefined,
        )
      ).body['error'],
    ).toBe('invalid_grant');
    const elsewhere = (await login()).searchParams.get('code')!;
    const answer = await tokenRequest(
      {
        grant_type: 'authorization_code',
        code: elsewhere,
        code_verifier: verifier,
        client_id: 'demo-client',
        redirect_uri: 'http://evil.local/cb',
      },
      undefined,
    );
    expect(answer.body).toEqual({ error: 'invalid_grant', error_description: 'redirect_uri does not match' });
    const right = (await login()).searchParams.get('code')!;
    expect(
      (
        await tokenRequest(
          {
            grant_type: 'authorization_code',
            code: right,
            code_verifier: verifier,
            client_id: 'demo-client',
            redirect_uri: 'http://app.local/cb',
          },
          undefined,
        )
      ).status,
    ).toBe(200);
  });

  it('implicit: the token comes back in the hash; cancelling returns error and error_description', async () => {
    const back = await browserLogin({ client_id: 'demo-client', redirect_uri: 'http://app.local/cb', response_type: 'token', state: 'st' });
    const hash = new URLSearchParams(back.hash.slice(1));
    expect(hash.get('state')).toBe('st');
    expect(hash.get('expires_in')).toBe('86400');
    expect((await api('GET', '/api/v2/tokens/me', undefined, hash.get('access_token')!)).body?.['OAuthClient']).toEqual({
      id: 'demo-client',
      name: 'Demo client',
    });
    const denied = await browserLogin({ client_id: 'demo-client', redirect_uri: 'http://app.local/cb', response_type: 'token' }, 'deny');
    expect(Object.fromEntries(new URLSearchParams(denied.hash.slice(1)))).toEqual({
      error: 'access_denied',
      error_description: 'The user cancelled the sign-in',
    });
  });

  it.each(['/logout', '/oauth/logout'])('%s redirects to the redirect_uri (/logout is where ApiClient.logout() goes)', async (path) => {
    const res = await fetch(`${mock.url}${path}?client_id=demo-client&redirect_uri=${encodeURIComponent('http://app.local/bye')}`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://app.local/bye');
  });

  it('logout redirects; unknown, revoked and expired tokens get 401', async () => {
    const res = await fetch(`${mock.url}/oauth/logout?client_id=demo-client&redirect_uri=${encodeURIComponent('http://app.local/bye')}`, {
      redirect: 'manual',
    });
    expect(res.headers.get('location')).toBe('http://app.local/bye');
    expect((await api('GET', '/api/v2/users/me', undefined, 'unknown')).status).toBe(401);
    const spare = (await tokenRequest({ grant_type: 'client_credentials' })).body['access_token'] as string;
    await fetch(`${mock.url}/__mock/revoke`, { method: 'POST', body: JSON.stringify({ token: spare }) });
    expect((await api('GET', '/api/v2/users/me', undefined, spare)).body).toMatchObject({
      status: 401,
      code: 'bad.credentials',
      message: 'Invalid login credentials.',
    });
    const short = await startMockServer({ tokenLifetimeSeconds: 0.05 });
    try {
      const t = (await (
        await fetch(`${short.url}/oauth/token`, {
          method: 'POST',
          headers: { authorization: BASIC },
          body: new URLSearchParams({ grant_type: 'client_credentials' }),
        })
      ).json()) as { access_token: string };
      await new Promise((r) => setTimeout(r, 80));
      expect((await fetch(`${short.url}/api/v2/users/me`, { headers: { authorization: `Bearer ${t.access_token}` } })).status).toBe(401);
    } finally {
      await short.close();
    }
  });
});

describe('the API from the spec', () => {
  it('answers any path of the spec with a deterministic synthesised body', async () => {
    const a = await api('GET', '/api/v2/architect/prompts?pageSize=5');
    const b = await api('GET', '/api/v2/architect/prompts?pageSize=5');
    expect(a.status).toBe(200);
    expect(a.body).toEqual(b.body);
    expect(a.body).toMatchObject({ pageSize: 5, pageNumber: 1, entities: expect.any(Array) });
  });

  it('validates parameters and bodies, with Genesys error bodies', async () => {
    const badQuery = await api('GET', '/api/v2/users?pageSize=many');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body).toMatchObject({
      status: 400,
      code: 'bad.request',
      message: 'Query parameter pageSize must be an integer, got "many"',
      contextId: expect.any(String),
      details: [],
    });
    expect((await api('POST', '/api/v2/routing/queues')).body?.['message']).toBe('The request body is required');
    const badBody = await api('POST', '/api/v2/routing/queues', { name: 42 });
    expect(badBody.status).toBe(400);
    expect(badBody.body?.['message']).toBe('body/name must be a string');
    const missing = await api('GET', '/api/v2/authorization/divisionspermitted/me');
    expect(missing.body?.['message']).toBe('Missing required query parameter permission');
    expect((await api('GET', '/api/v2/no/such/path')).status).toBe(404);
    expect((await api('PUT', '/api/v2/users/me')).status).toBe(405);
  });

  it('keeps users, queues with members and groups: CRUD, paging, 404', async () => {
    const page1 = await api('GET', '/api/v2/users?pageSize=25');
    expect(page1.body).toMatchObject({ pageNumber: 1, pageCount: 3, total: 57, nextUri: '/api/v2/users?pageSize=25&pageNumber=2' });
    const queue = (await api('POST', '/api/v2/routing/queues', { name: 'Support' })).body!;
    expect(queue).toMatchObject({ name: 'Support', version: 1, selfUri: `/api/v2/routing/queues/${queue['id']}` });
    const ids = (page1.body!['entities'] as { id: string }[]).slice(0, 3).map((u) => ({ id: u.id }));
    expect((await api('POST', `/api/v2/routing/queues/${queue['id']}/members`, ids)).status).toBe(204);
    expect((await api('GET', `/api/v2/routing/queues/${queue['id']}/members`)).body?.['total']).toBe(3);
    expect((await api('PUT', `/api/v2/routing/queues/${queue['id']}`, { name: 'Support 2' })).body).toMatchObject({
      name: 'Support 2',
      version: 2,
    });
    expect((await api('GET', '/api/v2/routing/queues?name=Support*')).body?.['total']).toBe(1);
    expect((await api('DELETE', `/api/v2/routing/queues/${queue['id']}`)).status).toBe(204);
    const gone = await api('GET', `/api/v2/routing/queues/${queue['id']}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ status: 404, code: 'not.found' });
    const group = (await api('POST', '/api/v2/groups', { name: 'G', type: 'official', rulesVisible: true, visibility: 'public' })).body!;
    expect((await api('GET', `/api/v2/groups/${group['id']}`)).body?.['name']).toBe('G');
    expect((await api('DELETE', `/api/v2/groups/${group['id']}`)).status).toBe(204);
  });
});

describe('realism and faults', () => {
  it('sends the correlation id and rate-limit headers on every API response', async () => {
    const res = await api('GET', '/api/v2/users/me');
    expect(res.headers.get('inin-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(res.headers.get('inin-ratelimit-allowed'))).toBe(300);
    expect(Number(res.headers.get('inin-ratelimit-count'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('inin-ratelimit-reset'))).toBeGreaterThan(0);
  });

  it('answers 429 with Retry-After past the rate limit', async () => {
    const limited = await startMockServer({ rateLimit: { requests: 2, windowSeconds: 30 } });
    try {
      const t = (
        (await (
          await fetch(`${limited.url}/oauth/token`, {
            method: 'POST',
            headers: { authorization: BASIC },
            body: new URLSearchParams({ grant_type: 'client_credentials' }),
          })
        ).json()) as { access_token: string }
      ).access_token;
      const get = () => fetch(`${limited.url}/api/v2/users/me`, { headers: { authorization: `Bearer ${t}` } });
      expect((await get()).status).toBe(200);
      expect((await get()).status).toBe(200);
      const third = await get();
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(third.headers.get('inin-ratelimit-count')).toBe('3');
    } finally {
      await limited.close();
    }
  });

  it.each([429, 500, 502, 503, 504])('injects %i for a route, the given number of times', async (status) => {
    mock.addFault({ route: 'GET /api/v2/users/me', status, times: 1 });
    const first = await api('GET', '/api/v2/users/me');
    expect(first.status).toBe(status);
    if (status === 429 || status === 503) expect(first.headers.get('retry-after')).toBe('1');
    expect((await api('GET', '/api/v2/users/me')).status).toBe(200);
  });

  it('injects latency, through the control endpoint', async () => {
    await fetch(`${mock.url}/__mock/faults`, {
      method: 'POST',
      body: JSON.stringify({ route: '/api/v2/users/*', latencyMs: 150, times: 1 }),
    });
    const started = Date.now();
    await api('GET', '/api/v2/users/me');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it.each(['before-body', 'after-body'] as const)('resets the connection %s', async (reset) => {
    mock.addFault({ route: 'POST /api/v2/groups', reset, times: 1 });
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest(`${mock.url}/api/v2/groups`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }, () =>
        resolve('answered'),
      );
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      req.end(JSON.stringify({ name: 'x' }));
    });
    expect(outcome).toBe('ECONNRESET');
  });

  it('logs requests, readable by tests and through the control endpoint', async () => {
    await api('GET', '/api/v2/users/me');
    const last = mock.requests.at(-1)!;
    expect(last).toMatchObject({ method: 'GET', path: '/api/v2/users/me', status: 200, operationId: 'getUsersMe' });
    const viaControl = (await (await fetch(`${mock.url}/__mock/requests`)).json()) as unknown[];
    expect(viaControl.length).toBeGreaterThan(0);
  });

  it('parses CLI fault specs', () => {
    expect(parseFault('429:GET /api/v2/users/me*2')).toEqual({ status: 429, route: 'GET /api/v2/users/me', times: 2 });
    expect(parseFault('latency=200')).toEqual({ latencyMs: 200 });
    expect(parseFault('reset=after-body:/api/v2/groups')).toEqual({ reset: 'after-body', route: '/api/v2/groups' });
    expect(() => parseFault('teapot')).toThrow(/Cannot read the fault/);
  });
});

describe('the stateful routes', () => {
  it('STATEFUL_ROUTES (read by the generator) names exactly the routes resources.ts answers', () => {
    expect([...STATEFUL_ROUTES].sort()).toEqual(Object.keys(RESOURCES).sort());
  });
});
