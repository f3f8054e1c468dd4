/**
 * NodeHttpClient against DefaultHttpClient (axios), request by request on one recording server: the
 * same header lines (names, spelling, order) and body bytes for every kind of body, the same
 * HttpResponse for compressed, empty and non-JSON answers, the same redirects and
 * the same errors. Then what is its own: certificates verified, no Node built-in in browsers.
 */
import { Readable } from 'node:stream';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AbortError,
  ApiClient,
  DefaultHttpClient,
  HttpRequestOptions,
  NetworkError,
  NodeHttpClient,
  TimeoutError,
  type AbstractHttpClient,
  type HttpResponse,
} from '../src/index.js';
import { NodeHttpClient as BrowserNodeHttpClient } from '../src/transport/NodeHttpClient.browser.js';
import { makeCertificates } from './support/certs.js';
import { startServer, useTestServer, type RecordedRequest } from './support/server.js';

const server = useTestServer();
const axios = new DefaultHttpClient();
const node = new NodeHttpClient();
const UA = { 'User-Agent': 'gcsdk-test' };

function options(method: string, path: string, headers: Record<string, string>, data?: unknown, params?: Record<string, string>) {
  return new HttpRequestOptions(`${server.url}${path}`, method, { ...UA, ...headers }, params, data);
}

/** The last request each transport put on the wire for the same request (built afresh for each: streams are consumed). */
async function both(make: () => HttpRequestOptions): Promise<[RecordedRequest, RecordedRequest]> {
  await axios.request(make());
  const a = server.requests.at(-1)!;
  await node.request(make());
  return [a, server.requests.at(-1)!];
}

const withoutHost = (r: RecordedRequest) => r.rawHeaders.filter(([name]) => name.toLowerCase() !== 'host');

describe('requests: the same header lines and body bytes as axios', () => {
  const json = { 'Content-Type': 'application/json' };
  const form = new FormData();
  form.set('name', 'Zoë "q"');
  form.set('file', new Blob(['a,b\n'], { type: 'text/csv' }), 'x.csv');
  const cases: [string, () => HttpRequestOptions][] = [
    ['GET, no body', () => options('GET', '/a/b', { Authorization: 'Bearer t' }, undefined, { q: 'a b', list: 'x,y' })],
    [
      'a JSON object',
      () => options('POST', '/x', { ...json, Authorization: 'Bearer t' }, { name: 'Zoë', n: [1, 2], nested: { ok: true } }),
    ],
    ['a JSON array', () => options('PUT', '/x', json, [1, 'two', null])],
    ['an object with no Content-Type', () => options('PATCH', '/x', {}, { a: 1 })],
    ['a string that is JSON (trimmed)', () => options('POST', '/x', json, '  {"a":1}  ')],
    ['a string that is not JSON (quoted)', () => options('POST', '/x', json, 'plain text')],
    ['a number and a boolean as JSON', () => options('POST', '/x', json, 0)],
    ['text/plain', () => options('POST', '/x', { 'Content-Type': 'text/plain' }, 'hé llo')],
    ['a form string', () => options('POST', '/x', { 'Content-Type': 'application/x-www-form-urlencoded' }, 'a=1&b=%20')],
    ['URLSearchParams', () => options('POST', '/x', {}, new URLSearchParams({ a: '1', b: 'x y' }))],
    ['a Buffer', () => options('POST', '/x', { 'Content-Type': 'application/octet-stream' }, Buffer.from([0, 1, 2, 255]))],
    ['a typed array', () => options('POST', '/x', { 'Content-Type': 'application/octet-stream' }, new Uint8Array([9, 8, 7]))],
    ['a Blob', () => options('POST', '/x', {}, new Blob(['blob body'], { type: 'text/csv' }))],
    [
      'a stream',
      () => options('POST', '/x', { 'Content-Type': 'text/plain' }, Readable.from([Buffer.from('chunk1'), Buffer.from('chunk2')])),
    ],
    ['POST without a body or Content-Type', () => options('POST', '/x', {})],
    ['DELETE with a body', () => options('DELETE', '/x', json, { id: 1 })],
    [
      'headers in other spellings (accept, content-type, Accept-Encoding)',
      () =>
        options(
          'POST',
          '/x',
          { accept: 'text/csv', 'content-type': 'application/json', 'Accept-Encoding': 'identity', 'X-Trace': 'a' },
          { a: 1 },
        ),
    ],
  ];

  it.each(cases)('%s', async (_name, make) => {
    const [a, n] = await both(make);
    expect(n.method).toBe(a.method);
    expect(n.url).toBe(a.url);
    expect(withoutHost(n)).toEqual(withoutHost(a));
    expect(n.headers['host']).toBe(a.headers['host']);
    expect(n.body).toBe(a.body);
  });

  it('a FormData: the same parts and headers (each transport draws its own boundary)', async () => {
    const [a, n] = await both(() => options('POST', '/x', { 'Content-Type': 'multipart/form-data' }, form));
    const boundary = (r: RecordedRequest) => /boundary=(\S+)/.exec(String(r.headers['content-type']))![1]!;
    const normal = (r: RecordedRequest) => r.body.split(boundary(r)).join('BOUNDARY');
    expect(normal(n)).toBe(normal(a));
    expect(n.rawHeaderNames).toEqual(a.rawHeaderNames);
    expect(Number(n.headers['content-length'])).toBe(Buffer.byteLength(n.body));
  });
});

describe('responses: the same HttpResponse as axios', () => {
  const answer = (reply: Parameters<typeof startServer>[0]) => {
    server.handler = reply!;
  };
  const compare = async (method = 'GET') => {
    const read = (client: AbstractHttpClient) => client.request(options(method, '/r', {})) as Promise<HttpResponse>;
    const [a, n] = [await read(axios), await read(node)];
    const { date: _a, ...aHeaders } = a.headers;
    const { date: _n, ...nHeaders } = n.headers;
    expect({ ...n, headers: nHeaders }).toEqual({ ...a, headers: aHeaders });
    return n;
  };
  const json = Buffer.from(JSON.stringify({ ok: 'é' }));

  it.each([
    ['gzip', gzipSync(json)],
    ['x-gzip', gzipSync(json)],
    ['deflate', deflateSync(json)],
    ['deflate', deflateRawSync(json)],
    ['br', brotliCompressSync(json)],
  ])('a %s body, decompressed, Content-Encoding removed', async (encoding, bytes) => {
    // The test server writes strings as UTF-8: the compressed bytes go through a raw server.
    const raw = await rawServer(encoding, bytes);
    try {
      const read = (client: AbstractHttpClient) => client.request(new HttpRequestOptions(raw.url, 'GET', UA)) as Promise<HttpResponse>;
      const [a, n] = [await read(axios), await read(node)];
      expect(n.data).toEqual({ ok: 'é' });
      expect({ ...n, headers: { ...n.headers, date: '' } }).toEqual({ ...a, headers: { ...a.headers, date: '' } });
      expect(n.headers['content-encoding']).toBeUndefined();
    } finally {
      await raw.close();
    }
  });

  it('a set-cookie, a status text, a non-JSON body, a BOM', async () => {
    answer(() => ({ status: 418, headers: { 'set-cookie': 'a=1', 'x-multi': 'v', 'content-type': 'text/plain' }, body: '\uFEFFnot json' }));
    expect((await compare()).data).toBe('not json');
  });

  it('an empty body, a 204 claiming an encoding, a HEAD', async () => {
    answer(() => ({ status: 200, body: '' }));
    await compare();
    answer(() => ({ status: 204, headers: { 'content-encoding': 'gzip' } }));
    await compare('DELETE');
    answer(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"a":1}' }));
    expect((await compare('HEAD')).text).toBe('');
  });
});

describe('redirects: followed as axios follows them', () => {
  const redirecting = (hops: number, status = 302, target = (i: number) => `/hop/${i + 1}`) => {
    server.handler = (req) => {
      const i = Number(/\/hop\/(\d+)/.exec(req.url)?.[1] ?? 0);
      return i < hops ? { status, headers: { location: target(i) } } : { status: 200, body: { at: req.url, method: req.method } };
    };
  };

  it('follows 21 in a row, POST turned into GET on 302 (body and Content-* dropped)', async () => {
    redirecting(21);
    const [a, n] = await both(() => options('POST', '/hop/0', { 'Content-Type': 'application/json' }, { a: 1 }));
    expect(n.method).toBe('GET');
    expect(withoutHost(n)).toEqual(withoutHost(a));
    expect(server.requests.filter((r) => r.url.startsWith('/hop/'))).toHaveLength(44);
  });

  it('keeps method and body on a 307', async () => {
    redirecting(1, 307);
    const [a, n] = await both(() => options('PUT', '/hop/0', { 'Content-Type': 'application/json' }, { a: 1 }));
    expect([n.method, n.body]).toEqual(['PUT', '{"a":1}']);
    expect(withoutHost(n)).toEqual(withoutHost(a));
  });

  it('fails on the 22nd with the same error as axios', async () => {
    redirecting(22);
    const errors = await Promise.all([axios, node].map((c) => c.request(options('GET', '/hop/0', {})).catch((e: unknown) => e as Error)));
    for (const e of errors) expect(e).toBeInstanceOf(NetworkError);
    expect((errors[1] as NetworkError).code).toBe('ERR_FR_TOO_MANY_REDIRECTS');
    expect((errors[1] as NetworkError).message).toBe((errors[0] as NetworkError).message);
  });

  it('drops Authorization on the way to another host', async () => {
    redirecting(1, 302, () => `http://localhost:${server.port}/hop/1`);
    const [a, n] = await both(() => options('GET', '/hop/0', { Authorization: 'Bearer t', 'X-Keep': 'k' }));
    expect(n.headers['authorization']).toBeUndefined();
    expect(n.headers['x-keep']).toBe('k');
    expect(withoutHost(n)).toEqual(withoutHost(a));
  });
});

describe('errors: the same types as axios', () => {
  const failures = (make: () => HttpRequestOptions) =>
    Promise.all(
      [axios, node].map((c) =>
        c.request(make()).then(
          () => new Error('resolved'),
          (e: unknown) => e as Error,
        ),
      ),
    );

  it('a timeout is a TimeoutError with the same message and code', async () => {
    server.handler = () => ({ hang: true });
    const [a, n] = await failures(() => Object.assign(options('GET', '/slow', {}), { timeout: 50 }));
    expect(n).toBeInstanceOf(TimeoutError);
    expect([n!.message, (n as TimeoutError).code]).toEqual([a!.message, (a as TimeoutError).code]);
  });

  it('an aborted signal is an AbortError, before or during the request', async () => {
    server.handler = () => ({ hang: true });
    const make = (signal: AbortSignal) => () => {
      const o = options('GET', '/slow', {});
      o.setSignal(signal);
      return o;
    };
    const [a, n] = await failures(make(AbortSignal.abort()));
    expect(n).toBeInstanceOf(AbortError);
    expect(n!.message).toBe(a!.message);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    await expect(node.request(make(controller.signal)())).rejects.toBeInstanceOf(AbortError);
  });

  it('a dropped connection is a NetworkError with a redacted URL', async () => {
    server.handler = () => ({ drop: true });
    const [a, n] = await failures(() => options('GET', '/x?access_token=SECRET', {}));
    expect(n).toBeInstanceOf(NetworkError);
    expect([n!.message, (n as NetworkError).code]).toEqual([a!.message, (a as NetworkError).code]);
    expect(n!.message).not.toContain('SECRET');
  });
});

describe('its own', () => {
  it('verifies certificates: a server the system does not trust is refused', async () => {
    const certs = await makeCertificates();
    const tls = await startServer(undefined, { key: certs.serverKey, cert: certs.serverCert });
    try {
      const error = await node.request(new HttpRequestOptions(`${tls.url}/x`, 'GET', UA)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NetworkError);
      expect((error as NetworkError).code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
      expect(tls.requests).toHaveLength(0);
    } finally {
      await tls.close();
    }
  }, 30_000);

  it('is selected with setHttpClient, and the SDK calls through it', async () => {
    const c = new ApiClient({ readConfigFile: false });
    c.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port });
    c.setHttpClient(new NodeHttpClient(5000));
    await expect(
      c.callApi('/api/v2/users/me', 'GET', {}, {}, {}, {}, null, [], ['application/json'], ['application/json']),
    ).resolves.toEqual({
      ok: true,
    });
    expect(server.requests.at(-1)!.headers['user-agent']).toMatch(/^gcsdk\//);
  });

  it('refuses to be made in a browser, saying what to use', () => {
    expect(() => new BrowserNodeHttpClient()).toThrow(/FetchHttpClient/);
  });
});

/** A server answering every request with the given bytes as a compressed JSON body. */
async function rawServer(encoding: string, bytes: Buffer): Promise<{ url: string; close(): Promise<void> }> {
  const raw: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding, 'content-length': bytes.length });
    res.end(bytes);
  });
  await new Promise<void>((r) => raw.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(raw.address() as AddressInfo).port}/z`,
    close: () =>
      new Promise<void>((r) => {
        raw.closeAllConnections();
        raw.close(() => r());
      }),
  };
}
