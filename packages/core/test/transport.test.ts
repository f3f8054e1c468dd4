/** Transports over real sockets: keep-alive, an hpagent proxy, MTLS with generated certificates, fetch parity. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { HttpProxyAgent, HttpsProxyAgent } from 'hpagent';
import { ApiClient, FetchHttpClient, NetworkError, NodeHttpClient, type AbstractHttpClient } from '../src/index.js';
import { makeCertificates, type TestCertificates } from './support/certs.js';
import { startServer } from './support/server.js';

let certs: TestCertificates;
beforeAll(async () => {
  certs = await makeCertificates();
}, 30_000);

/** The transports on Node's sockets that take agents (keep-alive, proxies, MTLS): axios (the default) and Node's http. */
const AGENT_TRANSPORTS: [string, () => AbstractHttpClient | undefined][] = [
  ['axios', () => undefined],
  ['node', () => new NodeHttpClient()],
];

function clientFor(url: string, transport: () => AbstractHttpClient | undefined = () => undefined): ApiClient {
  const parsed = new URL(url);
  const c = new ApiClient({ readConfigFile: false });
  const given = transport();
  if (given) c.setHttpClient(given);
  c.setGateway({ host: parsed.hostname, protocol: parsed.protocol.replace(':', ''), port: Number(parsed.port) });
  c.setRetryOptions({ enabled: false });
  return c;
}

const get = (c: ApiClient) =>
  c.callApi('/api/v2/ping', 'GET', {}, { q: 'a b' }, {}, {}, null, [], ['application/json'], ['application/json']);

/** A forwarding proxy: CONNECT tunnels for https, absolute-form requests for http. Records what it saw. */
async function startProxy(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const proxy: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url!);
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode!, up.headers);
        up.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  proxy.on('connect', (req, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = req.url!.split(':');
    const upstream = connect(Number(port), host!, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => sockets.delete(s));
    }
  });
  proxy.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        proxy.close(() => r());
      }),
  };
}

describe.each(AGENT_TRANSPORTS)('keep-alive (%s)', (_name, transport) => {
  it('reuses one connection for sequential requests by default (Node)', async () => {
    const server = await startServer();
    try {
      const c = clientFor(server.url, transport);
      await get(c);
      await get(c);
      await get(c);
      expect(server.requests).toHaveLength(3);
      expect(new Set(server.requests.map((r) => r.socket)).size).toBe(1);
      expect(server.requests[0]!.headers['connection']).toBe('keep-alive');
    } finally {
      await server.close();
    }
  });
});

describe.each(AGENT_TRANSPORTS)('setProxyAgent with hpagent (%s)', (_name, transport) => {
  it('tunnels https requests through the proxy', async () => {
    const target = await startServer(undefined, { key: certs.serverKey, cert: certs.serverCert });
    const proxy = await startProxy();
    try {
      const c = clientFor(target.url, transport);
      c.setProxyAgent(new HttpsProxyAgent({ proxy: proxy.url, ca: certs.ca, keepAlive: false }));
      await expect(get(c)).resolves.toEqual({});
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${target.port}`]);
      expect(target.requests[0]!.url).toBe('/api/v2/ping?q=a+b');
    } finally {
      await proxy.close();
      await target.close();
    }
  });

  it('sends http requests through the proxy (hpagent tunnels them too)', async () => {
    const target = await startServer();
    const proxy = await startProxy();
    try {
      const c = clientFor(target.url, transport);
      c.setProxyAgent(new HttpProxyAgent({ proxy: proxy.url, keepAlive: false }));
      await get(c);
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${target.port}`]);
      expect(target.requests.map((r) => r.url)).toEqual(['/api/v2/ping?q=a+b']);
    } finally {
      await proxy.close();
      await target.close();
    }
  });
});

describe.each(AGENT_TRANSPORTS)('MTLS (%s)', (_name, transport) => {
  const tls = () => ({ key: certs.serverKey, cert: certs.serverCert, ca: certs.ca, requestCert: true, rejectUnauthorized: true });

  it('presents the client certificate given as contents', async () => {
    const server = await startServer(undefined, tls());
    try {
      const c = clientFor(server.url, transport);
      c.setMTLSContents(certs.clientCert, certs.clientKey, certs.ca);
      await expect(get(c)).resolves.toEqual({});
      const peer = (server.requests[0]!.socket as TLSSocket).getPeerCertificate();
      expect(peer.subject.CN).toBe('gcsdk-test-client');
    } finally {
      await server.close();
    }
  });

  it('presents the client certificate given as file paths', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gcsdk-mtls-'));
    const server = await startServer(undefined, tls());
    try {
      const paths = { cert: join(dir, 'client.pem'), key: join(dir, 'client.key'), ca: join(dir, 'ca.pem') };
      writeFileSync(paths.cert, certs.clientCert);
      writeFileSync(paths.key, certs.clientKey);
      writeFileSync(paths.ca, certs.ca);
      const c = clientFor(server.url, transport);
      c.setMTLSCertificates(paths.cert, paths.key, paths.ca);
      await expect(get(c)).resolves.toEqual({});
      expect((server.requests[0]!.socket as TLSSocket).getPeerCertificate().subject.CN).toBe('gcsdk-test-client');
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with a NetworkError when no client certificate is presented', async () => {
    const server = await startServer(undefined, tls());
    try {
      const c = clientFor(server.url, transport);
      c.setMTLSContents(undefined, undefined, certs.ca);
      await expect(get(c)).rejects.toBeInstanceOf(NetworkError);
      expect(server.requests).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('reports a missing certificate file clearly', () => {
    expect(() => new ApiClient({ readConfigFile: false }).setMTLSCertificates('/nonexistent/cert.pem')).toThrow(/nonexistent\/cert\.pem/);
  });
});

describe('FetchHttpClient', () => {
  it('sends the same target, body and headers as the axios transport', async () => {
    const server = await startServer();
    try {
      const send = (c: ApiClient) =>
        c.callApi(
          '/api/v2/x/{id}',
          'POST',
          { id: 'a b/c' },
          { list: ['x', 'y z'], flag: false, when: new Date(0), drop: undefined },
          {},
          {},
          { n: 'ü' },
          [],
          ['application/json'],
          ['application/json'],
          {
            'X-Custom': 'v',
          },
        );
      const axiosClient = clientFor(server.url);
      const fetchClient = clientFor(server.url);
      fetchClient.setHttpClient(new FetchHttpClient());
      await send(axiosClient);
      await send(fetchClient);
      const [a, f] = server.requests;
      expect(f!.url).toBe(a!.url);
      expect(f!.url).toBe('/api/v2/x/a%20b%2Fc?list=x,y+z&flag=false&when=1970-01-01T00:00:00.000Z');
      expect(f!.body).toBe(a!.body);
      for (const name of ['content-type', 'accept', 'x-custom', 'user-agent', 'content-length'])
        expect(f!.headers[name]).toBe(a!.headers[name]);
    } finally {
      await server.close();
    }
  });

  it('refuses agents it cannot use', () => {
    expect(() => new FetchHttpClient().setHttpsAgent({})).toThrow(/DefaultHttpClient/);
  });

  it('calls fetch as a plain function, as a browser requires ("Illegal invocation" otherwise)', async () => {
    const server = await startServer();
    const realFetch = globalThis.fetch;
    // A browser's fetch refuses any `this` but the window (or none).
    const browserLikeFetch = function (this: unknown, input: string | URL | Request, init?: RequestInit) {
      if (this !== undefined && this !== globalThis) throw new TypeError("Failed to execute 'fetch' on 'Window': Illegal invocation");
      return realFetch(input, init);
    };
    try {
      const given = clientFor(server.url);
      given.setHttpClient(new FetchHttpClient(undefined, browserLikeFetch as typeof fetch));
      await expect(given.callApi('/api/v2/x', 'GET', {}, {}, {}, {}, null, [], [], [])).resolves.toBeDefined();
      globalThis.fetch = browserLikeFetch as typeof fetch;
      const global = clientFor(server.url);
      global.setHttpClient(new FetchHttpClient());
      await expect(global.callApi('/api/v2/x', 'GET', {}, {}, {}, {}, null, [], [], [])).resolves.toBeDefined();
      expect(server.requests).toHaveLength(2);
    } finally {
      globalThis.fetch = realFetch;
      await server.close();
    }
  });
});
