/**
 * Hostile and careless input on every public entry: startMockServer's options, the control
 * endpoints, oversized and deeply nested bodies, patterns that would make a RegExp backtrack for
 * minutes, redirect URIs, and state that grows with requests (request log, tokens, faults, store).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFault, startMockServer, type MockServer, type MockServerOptions } from '../src/index.js';
import { Faults, MAX_FAULTS } from '../src/faults.js';
import { MAX_TOKENS, OAuth } from '../src/oauth.js';
import { MAX_ENTITIES } from '../src/store.js';
import { clientToken, raw } from './helpers.js';

let mock: MockServer;
let token: string;
beforeAll(async () => {
  mock = await startMockServer({ maxBodyBytes: 10_000 });
  token = await clientToken(mock);
});
afterAll(() => mock?.close());
afterEach(() => mock.clearFaults());

/** A request whose body is written in chunks without a content-length; resolves with the status or the socket error. */
function chunked(url: string, path: string, chunks: number, size: number): Promise<number | string> {
  return new Promise((resolve) => {
    const req = httpRequest(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    for (let i = 0; i < chunks; i++) req.write('x'.repeat(size));
    req.end();
  });
}

describe('the request log', () => {
  it('records requests met by a reset fault, before and after the body', async () => {
    for (const reset of ['before-body', 'after-body'] as const) {
      mock.addFault({ route: 'POST /api/v2/groups', reset, times: 1 });
      const outcome = await chunked(mock.url, '/api/v2/groups', 1, 10);
      expect(outcome).toBe('ECONNRESET');
      expect(mock.requests.at(-1)).toMatchObject({ method: 'POST', path: '/api/v2/groups', status: 0, reset });
    }
  });

  it('keeps the newest requestLogLimit entries', async () => {
    const small = await startMockServer({ requestLogLimit: 5 });
    try {
      for (let i = 0; i < 12; i++) await fetch(`${small.url}/nothing/${i}`);
      expect(small.requests.map((r) => r.path)).toEqual([7, 8, 9, 10, 11].map((i) => `/nothing/${i}`));
      expect(((await (await fetch(`${small.url}/__mock/requests`)).json()) as unknown[]).length).toBe(5);
      await fetch(`${small.url}/__mock/requests`, { method: 'DELETE' });
      expect(small.requests.filter((r) => r.path.startsWith('/nothing'))).toEqual([]);
    } finally {
      await small.close();
    }
  });

  it('is bounded at 1,000 by default', async () => {
    const fresh = await startMockServer();
    try {
      for (let i = 0; i < 1010; i++) await fetch(`${fresh.url}/nothing/${i}`);
      expect(fresh.requests).toHaveLength(1000);
      expect(fresh.requests.at(-1)?.path).toBe('/nothing/1009');
    } finally {
      await fresh.close();
    }
  }, 30_000);
});

describe('request bodies', () => {
  it('a body over maxBodyBytes is a 413, declared or streamed, and the server carries on', async () => {
    const big = await raw(mock, 'POST', '/api/v2/groups', { token, body: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({
      status: 413,
      code: 'request.entity.too.large',
      message: 'The request body is larger than 10000 bytes',
    });
    expect(await chunked(mock.url, '/api/v2/groups', 50, 1000)).toBe(413);
    expect(await chunked(mock.url, '/__mock/faults', 50, 1000)).toBe(413);
    expect((await raw(mock, 'GET', '/api/v2/users/me', { token })).status).toBe(200);
  });

  it('a body nested too deep is a 400, and nothing is stored that could not be sent back', async () => {
    const deep = await startMockServer();
    try {
      const t = await clientToken(deep);
      const nested = `${'{"x":'.repeat(5000)}1${'}'.repeat(5000)}`;
      const res = await raw(deep, 'POST', '/api/v2/users', { token: t, body: `{"name":"a","email":"b","deep":${nested}}` });
      expect(res.status).toBe(400);
      expect(res.body?.['message']).toBe('The request body is nested deeper than 100 levels');
      expect((await raw(deep, 'GET', '/api/v2/users', { token: t })).status).toBe(200);
    } finally {
      await deep.close();
    }
  });
});

describe('client-supplied patterns cannot stall the server', () => {
  it('a name filter with many wildcards answers', async () => {
    await raw(mock, 'POST', '/api/v2/groups', {
      token,
      body: JSON.stringify({ name: 'a'.repeat(60), type: 'official', rulesVisible: true, visibility: 'public' }),
    });
    const res = await raw(mock, 'GET', `/api/v2/groups?name=${'*a'.repeat(20)}b`, { token });
    expect(res.body).toMatchObject({ total: 0 });
    expect((await raw(mock, 'GET', `/api/v2/groups?name=${'*a'.repeat(20)}`, { token })).body?.['total']).toBe(1);
  }, 10_000);

  it('a fault route with many wildcards answers', async () => {
    mock.addFault({ route: `/${'*a'.repeat(20)}b`, status: 500 });
    expect((await fetch(`${mock.url}/${'a'.repeat(60)}`)).status).toBe(404);
    mock.addFault({ route: `/${'*a'.repeat(20)}`, status: 502 });
    expect((await fetch(`${mock.url}/${'a'.repeat(60)}`)).status).toBe(502);
  }, 10_000);
});

describe('redirect URIs', () => {
  it('a malformed redirect_uri is a 400, not a 500', async () => {
    const res = await fetch(`${mock.url}/oauth/authorize`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: 'demo-client', redirect_uri: 'not a url', response_type: 'code', decision: 'approve' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
  });

  it('logout never puts raw control characters in Location', async () => {
    const res = await fetch(`${mock.url}/oauth/logout?redirect_uri=${encodeURIComponent('http://app.local/bye\r\nX-Evil: 1')}`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('http://app.local/byeX-Evil:%201');
    expect(res.headers.get('x-evil')).toBeNull();
  });
});

describe('the control endpoints', () => {
  const control = async (method: string, path: string, body?: string) => {
    const res = await fetch(`${mock.url}${path}`, { method, ...(body !== undefined ? { body } : {}) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it.each([
    ['POST', '/__mock/faults', '{"status":', 'The request body is not valid JSON'],
    ['POST', '/__mock/faults', 'null', 'A fault must be an object, got null'],
    ['POST', '/__mock/faults', '{}', 'A fault needs status, latencyMs or reset'],
    ['POST', '/__mock/faults', '{"status":999}', 'fault status must be an HTTP error status (400 to 599), got 999'],
    ['POST', '/__mock/faults', '{"latencyMs":"slow"}', 'fault latencyMs must be from 0 to 600000 milliseconds, got "slow"'],
    ['POST', '/__mock/faults', '{"latencyMs":1e12}', 'fault latencyMs must be from 0 to 600000 milliseconds, got 1000000000000'],
    ['POST', '/__mock/faults', '{"status":500,"times":0}', 'fault times must be a whole number ≥ 1, got 0'],
    [
      'POST',
      '/__mock/faults',
      '{"status":500,"route":7}',
      'fault route must be "METHOD /path" or "/path" (at most 2000 characters), got 7',
    ],
    [
      'POST',
      '/__mock/faults',
      '{"status":500,"sttus":1}',
      'Unknown fault field sttus (expected route, status, retryAfter, latencyMs, reset, times)',
    ],
    ['POST', '/__mock/faults', '{"status":500,"reset":"before-body"}', 'A fault resets the connection or answers a status, not both'],
    ['POST', '/__mock/revoke', '{"token":5}', 'The body must be { "token": "…" }, or empty to revoke every token'],
    ['POST', '/__mock/revoke', '[1]', 'The body must be { "token": "…" }, or empty to revoke every token'],
    ['POST', '/__mock/revoke', '{"token":', 'The request body is not valid JSON'],
  ])('%s %s %s is a 400: %s', async (method, path, body, message) => {
    const res = await control(method, path, body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, message });
    expect(mock.oauth.check(`Bearer ${token}`)).toBeDefined();
    expect((await control('GET', '/__mock/faults')).body).toEqual([]);
  });

  it('takes a list of faults', async () => {
    const res = await control('POST', '/__mock/faults', JSON.stringify([{ status: 503 }, { latencyMs: 1, route: 'GET /x' }]));
    expect(res.body).toEqual([{ status: 503 }, { latencyMs: 1, route: 'GET /x' }]);
  });
});

describe('startMockServer options', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gcsdk-mock-options-'));
  writeFileSync(join(dir, 'broken.json'), '{"paths": ');
  writeFileSync(join(dir, 'empty.json'), '{}');
  writeFileSync(join(dir, 'odd.json'), '{"paths": {"/x": {"get": {"operationId": "x", "parameters": {}}}}}');

  it.each<[string, unknown, RegExp]>([
    ['port 99999', { port: 99999 }, /^startMockServer: port must be a whole number from 0 to 65535, got 99999$/],
    ['port -1', { port: -1 }, /port must be a whole number from 0 to 65535, got -1/],
    ['port as text', { port: '8080' }, /port must be a whole number from 0 to 65535, got "8080"/],
    ['an empty host', { host: '' }, /host must be an address such as 127.0.0.1, got ""/],
    ['too many users', { users: 20_000 }, /users must be a whole number from 0 to 10000, got 20000/],
    ['a fractional user count', { users: 2.5 }, /users must be a whole number/],
    ['an endless token lifetime', { tokenLifetimeSeconds: Infinity }, /tokenLifetimeSeconds must be a number of seconds above 0/],
    ['no token lifetime', { tokenLifetimeSeconds: 0 }, /tokenLifetimeSeconds must be/],
    ['a zero rate limit', { rateLimit: { requests: 0, windowSeconds: 60 } }, /rateLimit.requests must be a whole number from 1/],
    ['a zero window', { rateLimit: { requests: 5, windowSeconds: 0 } }, /rateLimit.windowSeconds must be a whole number from 1/],
    ['a fault status 999', { faults: [{ status: 999 }] }, /faults\[0\]: fault status must be an HTTP error status \(400 to 599\), got 999/],
    ['faults not a list', { faults: 'boom' }, /faults must be a list, got "boom"/],
    ['an empty client list', { clients: [] }, /clients must be a non-empty list/],
    ['a client without secret', { clients: [{ id: 'c' }] }, /clients\[0\] must be \{ id, secret, name\? \}/],
    ['a user without id', { user: { name: 'x', email: 'y' } }, /user must be \{ id, name, email \}/],
    ['strict as text', { strict: 'yes' }, /strict must be true or false, got "yes"/],
    ['a negative log limit', { requestLogLimit: -1 }, /requestLogLimit must be a whole number from 0/],
    ['no body allowed', { maxBodyBytes: 0 }, /maxBodyBytes must be a whole number from 1/],
    ['an unknown option', { prot: 8080 }, /unknown option prot/],
    ['options that are not an object', null, /the options must be an object, got null/],
    ['a missing spec', { specPath: '/missing/file.json' }, /^Cannot read the spec \/missing\/file.json: no such file$/],
    ['a malformed spec', { specPath: join(dir, 'broken.json') }, /^The spec .*broken.json is not valid JSON/],
    [
      'a spec without paths',
      { specPath: join(dir, 'empty.json') },
      /empty.json is not a usable Swagger 2.0 document: it has no "paths" object/,
    ],
    ['a spec with odd parameters', { specPath: join(dir, 'odd.json') }, /the parameters of get \/x are not a list of named parameters/],
  ])('%s is refused with an Error naming it', async (_what, options, message) => {
    const started = startMockServer(options as MockServerOptions);
    await expect(started).rejects.toThrow(message);
    await expect(started).rejects.toBeInstanceOf(Error);
  });

  it('a port already in use is refused clearly', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = taken.address() as AddressInfo;
      await expect(startMockServer({ port })).rejects.toMatchObject({
        message: `port ${port} on 127.0.0.1 is already in use`,
        code: 'EADDRINUSE',
      });
    } finally {
      taken.close();
    }
  });
});

describe('state that grows with requests is bounded', () => {
  it('tokens: the oldest beyond MAX_TOKENS are dropped, the newest work', () => {
    const oauth = new OAuth({ clients: [{ id: 'c', secret: 's' }], user: { id: 'u', name: 'n', email: 'e' }, tokenLifetimeSeconds: 60 });
    const first = oauth.issue('c', undefined, true)['access_token'] as string;
    let last = '';
    for (let i = 0; i < MAX_TOKENS + 10; i++) last = oauth.issue('c', undefined, false)['access_token'] as string;
    expect(oauth.tokens.size).toBe(MAX_TOKENS);
    expect(oauth.check(`Bearer ${first}`)).toBeUndefined();
    expect(oauth.check(`Bearer ${last}`)).toBeDefined();
  });

  it('faults: used-up faults are dropped, and at most MAX_FAULTS are held', () => {
    const faults = new Faults();
    faults.add({ status: 500, times: 1 });
    expect(faults.take('GET', '/x')).toMatchObject({ status: 500 });
    expect(faults.active).toEqual([]);
    for (let i = 0; i < MAX_FAULTS; i++) faults.add({ status: 500, route: `/r${i}` });
    expect(() => faults.add({ status: 500 })).toThrow(`At most ${MAX_FAULTS} faults are held at once; clear some first`);
  });

  it('the store: creating beyond MAX_ENTITIES is refused', async () => {
    const full = await startMockServer({ users: 0 });
    try {
      for (let i = full.store.users.items.size; i < MAX_ENTITIES; i++) full.store.users.items.set(`u${i}`, { id: `u${i}` });
      const res = await raw(full, 'POST', '/api/v2/users', { token: await clientToken(full), body: '{"name":"n","email":"e"}' });
      expect(res.status).toBe(400);
      expect(res.body?.['message']).toBe(`The mock keeps at most ${MAX_ENTITIES} of users; delete some first`);
    } finally {
      await full.close();
    }
  });
});

describe('CLI fault specs', () => {
  it.each([
    ['latency=abc', /latency= needs milliseconds/],
    ['429*0', /fault times must be a whole number ≥ 1, got 0/],
    ['999', /fault status must be an HTTP error status/],
    ['503:', /the route after : is empty/],
    ['teapot', /unknown kind/],
  ])('%s is refused', (text, message) => {
    expect(() => parseFault(text)).toThrow(message);
  });

  it('a * inside the route is a wildcard, a trailing *N the count', () => {
    expect(parseFault('503:/api/v2/users/*')).toEqual({ status: 503, route: '/api/v2/users/*' });
    expect(parseFault('503:GET /api/v2/users/**2')).toEqual({ status: 503, route: 'GET /api/v2/users/*', times: 2 });
  });
});
