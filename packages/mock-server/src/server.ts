/**
 * The mock server: OAuth, every path of the spec (validated, then answered from the store or
 * synthesised), Genesys headers, rate limiting, faults, a control endpoint and a request log.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { errorBody, sendJson } from './errors.js';
import { Faults, RateLimiter, type Fault, type RateLimit } from './faults.js';
import { loginPage, OAuth, type MockClient, type MockUser, type TokenInfo } from './oauth.js';
import { RESOURCES } from './resources.js';
import { compileRoutes, loadSpec, matchRoute, type Spec } from './spec.js';
import { Store } from './store.js';
import { hashSeed, pageEnvelope, rng, synthesize, uuid } from './synth.js';
import { Validator } from './validate.js';

export interface MockServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; 127.0.0.1 by default. */
  host?: string;
  /** Seed of synthesised data and ids. */
  seed?: number;
  clients?: MockClient[];
  user?: MockUser;
  /** Users in the store besides the signed-in one (default 56: a few pages). */
  users?: number;
  tokenLifetimeSeconds?: number;
  rateLimit?: RateLimit;
  faults?: Fault[];
  specPath?: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  status: number;
  correlationId: string;
  operationId?: string;
  ms: number;
}

export interface MockServer {
  url: string;
  port: number;
  /** Every request answered, oldest first. */
  requests: LoggedRequest[];
  addFault(fault: Fault): void;
  clearFaults(): void;
  /** Revokes one access token, or all of them; returns how many. */
  revokeTokens(accessToken?: string): number;
  oauth: OAuth;
  store: Store;
  close(): Promise<void>;
}

export const DEFAULT_CLIENT: MockClient = { id: 'demo-client', secret: 'demo-secret', name: 'Demo client' };
export const DEFAULT_USER: MockUser = { id: '00000000-0000-4000-a000-000000000001', name: 'Demo User', email: 'demo.user@example.com' };

let cachedSpec: { path: string | undefined; spec: Spec } | undefined;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  if (!cachedSpec || cachedSpec.path !== options.specPath) cachedSpec = { path: options.specPath, spec: loadSpec(options.specPath) };
  const spec = cachedSpec.spec;
  const routes = compileRoutes(spec);
  const validator = new Validator(spec);
  const seed = options.seed ?? 1;
  const user = options.user ?? DEFAULT_USER;
  const oauth = new OAuth({
    clients: options.clients ?? [DEFAULT_CLIENT],
    user,
    tokenLifetimeSeconds: options.tokenLifetimeSeconds ?? 86400,
  });
  const store = new Store(seed, user, (options.users ?? 56) + 1);
  const faults = new Faults();
  for (const f of options.faults ?? []) faults.add(f);
  const limiter = new RateLimiter(options.rateLimit ?? { requests: 300, windowSeconds: 60 });
  const requests: LoggedRequest[] = [];
  const ids = rng(hashSeed(seed, 'correlation'));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const correlationId = uuid(ids);
    const url = new URL(req.url ?? '/', 'http://mock');
    const method = (req.method ?? 'GET').toUpperCase();
    const log: LoggedRequest = { method, path: url.pathname, query: url.search, status: 0, correlationId, ms: 0 };
    res.setHeader('inin-correlation-id', correlationId);
    res.on('finish', () => {
      log.status = res.statusCode;
      log.ms = Date.now() - started;
      requests.push(log);
    });

    if (url.pathname.startsWith('/__mock/')) return control(req, res, url, method);

    const fault = faults.take(method, url.pathname);
    if (fault?.reset === 'before-body') return void req.socket.destroy();
    const rawBody = await readBody(req);
    if (fault?.reset === 'after-body') return void req.socket.destroy();
    if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault?.status) {
      const headers: Record<string, string> =
        fault.status === 429 || fault.status === 503 ? { 'retry-after': String(fault.retryAfter ?? 1) } : {};
      return sendJson(
        res,
        fault.status,
        errorBody(
          fault.status,
          fault.status === 429 ? 'too.many.requests' : 'injected.fault',
          `Injected fault: ${fault.status}`,
          correlationId,
        ),
        headers,
      );
    }

    if (url.pathname === '/oauth/token' && method === 'POST') {
      const result = oauth.tokenRequest(new URLSearchParams(rawBody), req.headers.authorization);
      return sendJson(res, result.status, result.body);
    }
    if (url.pathname === '/oauth/authorize')
      return authorize(res, method === 'POST' ? new URLSearchParams(rawBody) : url.searchParams, method);
    if (url.pathname === '/oauth/logout') {
      const target = url.searchParams.get('redirect_uri');
      if (target) return void res.writeHead(302, { location: target }).end();
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Signed out.</p>');
      return;
    }
    if (!url.pathname.startsWith('/api/'))
      return sendJson(res, 404, errorBody(404, 'not.found', `No such path ${url.pathname}`, correlationId));

    const token = oauth.check(req.headers.authorization);
    if (!token) return sendJson(res, 401, errorBody(401, 'bad.credentials', 'Invalid login credentials.', correlationId));
    const rate = limiter.hit(token.clientId);
    res.setHeader('inin-ratelimit-allowed', String(rate.allowed));
    res.setHeader('inin-ratelimit-count', String(rate.count));
    res.setHeader('inin-ratelimit-reset', String(rate.resetSeconds));
    if (rate.limited) {
      return sendJson(
        res,
        429,
        errorBody(
          429,
          'too.many.requests',
          `Rate limit exceeded the maximum [${rate.allowed}] requests within [${limiter.limit.windowSeconds}] seconds`,
          correlationId,
        ),
        {
          'retry-after': String(rate.resetSeconds),
        },
      );
    }
    return api(req, res, url, method, rawBody, token, correlationId, log);
  }

  function api(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    method: string,
    rawBody: string,
    token: TokenInfo,
    correlationId: string,
    log: LoggedRequest,
  ): void {
    const match = matchRoute(routes, method, url.pathname);
    if (!match) return sendJson(res, 404, errorBody(404, 'not.found', `No API path ${url.pathname}`, correlationId));
    if (match === 'method')
      return sendJson(res, 405, errorBody(405, 'method.not.allowed', `${method} is not allowed on ${url.pathname}`, correlationId));
    const { route, params } = match;
    log.operationId = route.operation.operationId;
    const { problems, body } = validator.check(route.operation, url.searchParams, req.headers, rawBody);
    if (problems.length) return sendJson(res, 400, errorBody(400, 'bad.request', problems[0]!, correlationId, problems));
    const handler = RESOURCES[`${method} ${route.template}`];
    if (handler) {
      const result = handler(store, { params, query: url.searchParams, body, token }, oauth);
      if (result.status >= 400) {
        const b = result.body as { message: string; code: string };
        return sendJson(res, result.status, errorBody(result.status, b.code, b.message, correlationId));
      }
      return sendJson(res, result.status, result.body);
    }
    const schema = route.operation.responses?.['200']?.schema;
    if (!schema) return sendJson(res, method === 'POST' ? 202 : 204, undefined);
    const random = rng(hashSeed(seed, `${method} ${url.pathname}${url.search}`));
    return sendJson(res, 200, pageEnvelope(synthesize(schema, spec.definitions, random), url.searchParams, url.pathname));
  }

  function authorize(res: ServerResponse, query: URLSearchParams, method: string): void {
    const client = oauth.client(query.get('client_id'));
    const redirectUri = query.get('redirect_uri');
    const responseType = query.get('response_type');
    if (!client || !redirectUri) {
      res.writeHead(400, { 'content-type': 'text/html' }).end('<!doctype html><p>Unknown client_id or missing redirect_uri.</p>');
      return;
    }
    const state = query.get('state');
    const back = (values: Record<string, string>, inHash: boolean) => {
      const target = new URL(redirectUri);
      const encoded = new URLSearchParams({ ...values, ...(state ? { state } : {}) }).toString();
      if (inHash) target.hash = encoded;
      else target.search = encoded;
      res.writeHead(302, { location: target.toString() }).end();
    };
    const inHash = responseType === 'token';
    if (responseType !== 'token' && responseType !== 'code')
      return back({ error: 'unsupported_response_type', error_description: `response_type must be token or code` }, false);
    if (method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(query, user));
      return;
    }
    if (query.get('decision') !== 'approve')
      return back({ error: 'access_denied', error_description: 'The user cancelled the sign-in' }, inHash);
    if (inHash) {
      const issued = oauth.issue(client.id, user.id, false);
      return back({ access_token: String(issued['access_token']), expires_in: String(issued['expires_in']), token_type: 'bearer' }, true);
    }
    const challenge = query.get('code_challenge') ?? undefined;
    if (challenge && query.get('code_challenge_method') !== 'S256')
      return back({ error: 'invalid_request', error_description: 'only code_challenge_method=S256 is supported' }, false);
    return back({ code: oauth.authorize(client.id, redirectUri, challenge) }, false);
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    const raw = await readBody(req);
    const json = (): Record<string, unknown> => (raw.trim() ? (JSON.parse(raw) as Record<string, unknown>) : {});
    try {
      if (url.pathname === '/__mock/faults' && method === 'GET') return sendJson(res, 200, faults.active);
      if (url.pathname === '/__mock/faults' && method === 'POST') {
        faults.add(json() as Fault);
        return sendJson(res, 200, faults.active);
      }
      if (url.pathname === '/__mock/faults' && method === 'DELETE') {
        faults.clear();
        return sendJson(res, 204, undefined);
      }
      if (url.pathname === '/__mock/revoke' && method === 'POST')
        return sendJson(res, 200, { revoked: oauth.revoke(json()['token'] as string | undefined) });
      if (url.pathname === '/__mock/requests' && method === 'GET') return sendJson(res, 200, requests);
      return sendJson(res, 404, {
        message: 'control endpoints: GET|POST|DELETE /__mock/faults, POST /__mock/revoke, GET /__mock/requests',
      });
    } catch (error) {
      return sendJson(res, 400, { message: (error as Error).message });
    }
  }

  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, errorBody(500, 'internal.server.error', `Mock server error: ${(error as Error).message}`, 'mock'));
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    requests,
    addFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    revokeTokens: (t) => oauth.revoke(t),
    oauth,
    store,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
