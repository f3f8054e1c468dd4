/**
 * The mock server: OAuth, every path of the spec (validated, then answered from the store or
 * synthesised), Genesys headers, rate limiting, faults, a control endpoint and a request log.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readBody, TOO_LARGE } from './body.js';
import { answerCors } from './cors.js';
import { pushBounded } from './bounded.js';
import { errorBody, sendJson } from './errors.js';
import { Faults, RateLimiter, type Fault } from './faults.js';
import { checkJobSettings, type Jobs } from './jobs.js';
import { ChannelRegistry } from './notifications/channels.js';
import type { MockNotifications } from './notifications/api.js';
import { ControlError, mockNotifications, notificationControl } from './notifications/control.js';
import { NotificationHub } from './notifications/hub.js';
import { loginPage, OAuth, type TokenInfo } from './oauth.js';
import { resolveOptions, type MockServerOptions } from './options.js';
import { RESOURCES } from './resources.js';
import { compileRoutes, loadSpec, matchRoute, type Spec } from './spec.js';
import { Store } from './store.js';
import { hashSeed, pageEnvelope, rng, synthesize, uuid } from './synth.js';
import { parseTarget, type RequestTarget } from './url.js';
import { Validator } from './validate.js';

export { DEFAULT_CLIENT, DEFAULT_USER, type MockServerOptions } from './options.js';

export interface LoggedRequest {
  method: string;
  path: string;
  query: string;
  /** The status answered; 0 when no answer was sent (a reset fault, or the client went away). */
  status: number;
  correlationId: string;
  operationId?: string;
  /** The reset fault that dropped the connection. */
  reset?: 'before-body' | 'after-body';
  /** The `x-mock-warning` sent with the answer. */
  warning?: string;
  ms: number;
}

export interface MockServer {
  url: string;
  port: number;
  /** The newest requests (at most `requestLogLimit`), oldest first. */
  requests: LoggedRequest[];
  addFault(fault: Fault): void;
  clearFaults(): void;
  /** Revokes one access token, or all of them; returns how many. */
  revokeTokens(accessToken?: string): number;
  oauth: OAuth;
  store: Store;
  /** Notification channels: publish events, socket_closing, drop, silence, and the channels' state. */
  notifications: MockNotifications;
  /** Analytics details jobs: `configure({ durationMs, resultCount, outcome })` for jobs submitted afterwards, `list()`. */
  jobs: Pick<Jobs, 'configure' | 'list'>;
  close(): Promise<void>;
}

const MAX_WARNINGS = 5;

type Fail = (status: number, code: string, message: string, headers?: Record<string, string>, errors?: string[]) => void;
/** A header value: printable ASCII only. */
const headerSafe = (text: string) => text.replace(/[^\x20-\x7e]/g, '?');

let cachedSpec: { path: string | undefined; spec: Spec } | undefined;

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host}:${port}`;
  const message =
    error.code === 'EADDRINUSE'
      ? `port ${port} on ${host} is already in use`
      : error.code === 'EACCES'
        ? `no permission to listen on ${where}`
        : error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN'
          ? `cannot listen on ${where}: ${host} is not an address of this machine`
          : `cannot listen on ${where}: ${error.message}`;
  return Object.assign(new Error(message), { code: error.code });
}

export async function startMockServer(userOptions: MockServerOptions = {}): Promise<MockServer> {
  const options = resolveOptions(userOptions);
  if (!cachedSpec || cachedSpec.path !== options.specPath) cachedSpec = { path: options.specPath, spec: loadSpec(options.specPath) };
  const spec = cachedSpec.spec;
  const routes = compileRoutes(spec);
  const validator = new Validator(spec, options.strict);
  const { seed, user } = options;
  const oauth = new OAuth({ clients: options.clients, user, tokenLifetimeSeconds: options.tokenLifetimeSeconds });
  const store = new Store(seed, user, options.users + 1);
  store.jobs.configure(options.jobs);
  const faults = new Faults();
  for (const f of options.faults) faults.add(f);
  const limiter = new RateLimiter(options.rateLimit);
  const channels = new ChannelRegistry(options.channelLifetimeSeconds * 1000);
  const hub = new NotificationHub(channels, options.heartbeatIntervalMs);
  const notifications = mockNotifications(hub, channels);
  // State changes made through the API publish their topics (events follow state).
  store.publish = (topic, eventBody) => void hub.publish(topic, eventBody);
  const requests: LoggedRequest[] = [];
  const ids = rng(hashSeed(seed, 'correlation'));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const correlationId = uuid(ids);
    const method = (req.method ?? 'GET').toUpperCase();
    const parsed = parseTarget(req.url ?? '/');
    const target: RequestTarget =
      'error' in parsed ? { pathname: (req.url ?? '/').split('?')[0]!, search: '', query: new URLSearchParams() } : parsed;
    const log: LoggedRequest = { method, path: target.pathname, query: target.search, status: 0, correlationId, ms: 0 };
    let logged = false;
    const record = (status: number) => {
      if (logged) return;
      logged = true;
      log.status = status;
      log.ms = Date.now() - started;
      pushBounded(requests, log, options.requestLogLimit);
    };
    res.once('finish', () => record(res.statusCode));
    res.once('close', () => record(res.writableFinished ? res.statusCode : 0));
    res.setHeader('inin-correlation-id', correlationId);
    // Preflights are answered before anything else, faults included: the service's edge answers them.
    if (answerCors(req, res)) return;
    const fail: Fail = (status, code, message, headers = {}, errors = []) =>
      sendJson(res, status, errorBody(status, code, message, correlationId, errors), headers);

    if ('error' in parsed) return fail(400, 'bad.request', parsed.error);
    if (target.pathname.startsWith('/__mock/')) return control(req, res, target.pathname, method, fail);

    const fault = faults.take(method, target.pathname);
    const reset = (kind: 'before-body' | 'after-body') => {
      log.reset = kind;
      record(0);
      req.socket.destroy();
    };
    if (fault?.reset === 'before-body') return reset('before-body');
    const rawBody = await readBody(req, options.maxBodyBytes);
    if (fault?.reset === 'after-body') return reset('after-body');
    if (rawBody === TOO_LARGE)
      return fail(413, 'request.entity.too.large', `The request body is larger than ${options.maxBodyBytes} bytes`, {
        connection: 'close',
      });
    if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
    if (fault?.status) {
      const headers: Record<string, string> =
        fault.status === 429 || fault.status === 503 ? { 'retry-after': String(fault.retryAfter ?? 1) } : {};
      return fail(fault.status, fault.status === 429 ? 'too.many.requests' : 'injected.fault', `Injected fault: ${fault.status}`, headers);
    }

    const { pathname, query } = target;
    if (pathname === '/oauth/token' && method === 'POST') {
      const result = oauth.tokenRequest(new URLSearchParams(rawBody), req.headers.authorization);
      return sendJson(res, result.status, result.body);
    }
    if (pathname === '/oauth/authorize') return authorize(res, method === 'POST' ? new URLSearchParams(rawBody) : query, method);
    // The login service's logout is /logout (where the SDKs' logout() goes); /oauth/logout is kept as an alias.
    if (pathname === '/logout' || pathname === '/oauth/logout') {
      const back = absoluteUrl(query.get('redirect_uri'));
      if (back) return void res.writeHead(302, { location: back }).end();
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Signed out.</p>');
      return;
    }
    if (!pathname.startsWith('/api/')) return fail(404, 'not.found', `No such path ${pathname}`);

    const token = oauth.check(req.headers.authorization);
    if (!token) return fail(401, 'bad.credentials', 'Invalid login credentials.');
    const rate = limiter.hit(token.clientId);
    res.setHeader('inin-ratelimit-allowed', String(rate.allowed));
    res.setHeader('inin-ratelimit-count', String(rate.count));
    res.setHeader('inin-ratelimit-reset', String(rate.resetSeconds));
    if (rate.limited) {
      return fail(
        429,
        'too.many.requests',
        `Rate limit exceeded the maximum [${rate.allowed}] requests within [${limiter.limit.windowSeconds}] seconds`,
        { 'retry-after': String(rate.resetSeconds) },
      );
    }
    return api(req, res, target, method, rawBody, token, log, fail);
  }

  function api(
    req: IncomingMessage,
    res: ServerResponse,
    target: RequestTarget,
    method: string,
    rawBody: string,
    token: TokenInfo,
    log: LoggedRequest,
    fail: Fail,
  ): void {
    const { pathname, query, search } = target;
    const match = matchRoute(routes, method, pathname);
    if (!match) return fail(404, 'not.found', `No API path ${pathname}`);
    if (match === 'method') return fail(405, 'method.not.allowed', `${method} is not allowed on ${pathname}`);
    const { route, params } = match;
    log.operationId = route.operation.operationId;
    const { problems, warnings, body } = validator.check(route.operation, { params, query, headers: req.headers, rawBody });
    if (problems.length) return fail(400, 'bad.request', problems[0]!, {}, problems);
    if (warnings.length) {
      const shown = warnings.slice(0, MAX_WARNINGS).join('; ');
      const more = warnings.length > MAX_WARNINGS ? ` (and ${warnings.length - MAX_WARNINGS} more)` : '';
      log.warning = headerSafe(`${shown}${more}; the service may accept this, --strict refuses it`);
      res.setHeader('x-mock-warning', log.warning);
    }
    const handler = RESOURCES[`${method} ${route.template}`];
    if (handler) {
      const result = handler(store, { params, query, body, token }, oauth, channels);
      if (result.status >= 400) {
        const b = result.body as { message: string; code: string };
        return fail(result.status, b.code, b.message);
      }
      return sendJson(res, result.status, result.body);
    }
    const schema = route.operation.responses?.['200']?.schema;
    if (!schema) return sendJson(res, method === 'POST' ? 202 : 204, undefined);
    const random = rng(hashSeed(seed, `${method} ${pathname}${search}`));
    return sendJson(res, 200, pageEnvelope(synthesize(schema, spec.definitions, random), query, pathname));
  }

  function authorize(res: ServerResponse, query: URLSearchParams, method: string): void {
    const client = oauth.client(query.get('client_id'));
    const redirectUri = absoluteUrl(query.get('redirect_uri'));
    const responseType = query.get('response_type');
    if (!client || !redirectUri) {
      res
        .writeHead(400, { 'content-type': 'text/html' })
        .end('<!doctype html><p>Unknown client_id, or a missing or malformed redirect_uri.</p>');
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

  async function control(req: IncomingMessage, res: ServerResponse, pathname: string, method: string, fail: Fail): Promise<void> {
    const raw = await readBody(req, options.maxBodyBytes);
    if (raw === TOO_LARGE)
      return fail(413, 'request.entity.too.large', `The request body is larger than ${options.maxBodyBytes} bytes`, {
        connection: 'close',
      });
    let json: unknown = {};
    if (raw.trim()) {
      try {
        json = JSON.parse(raw);
      } catch {
        return fail(400, 'bad.request', 'The request body is not valid JSON');
      }
    }
    try {
      if (pathname.startsWith('/__mock/notifications/')) {
        const answer = notificationControl(notifications, method, pathname, raw.trim() ? json : undefined);
        if (answer) return sendJson(res, answer.status, answer.body);
      }
      if (pathname === '/__mock/faults' && method === 'GET') return sendJson(res, 200, faults.active);
      if (pathname === '/__mock/faults' && method === 'POST') {
        for (const f of Array.isArray(json) ? json : [json]) faults.add(f);
        return sendJson(res, 200, faults.active);
      }
      if (pathname === '/__mock/faults' && method === 'DELETE') {
        faults.clear();
        return sendJson(res, 204, undefined);
      }
      if (pathname === '/__mock/revoke' && method === 'POST') {
        const t = typeof json === 'object' && json !== null ? (json as { token?: unknown }).token : undefined;
        if (typeof json !== 'object' || json === null || Array.isArray(json) || (t !== undefined && typeof t !== 'string'))
          return fail(400, 'bad.request', 'The body must be { "token": "…" }, or empty to revoke every token');
        return sendJson(res, 200, { revoked: oauth.revoke(t) });
      }
      if (pathname === '/__mock/jobs' && method === 'GET') return sendJson(res, 200, store.jobs.list());
      if (pathname === '/__mock/jobs' && method === 'POST')
        return sendJson(res, 200, store.jobs.configure(checkJobSettings(json, 'POST /__mock/jobs: the body')));
      if (pathname === '/__mock/requests' && method === 'GET') return sendJson(res, 200, requests);
      if (pathname === '/__mock/requests' && method === 'DELETE') {
        requests.length = 0;
        return sendJson(res, 204, undefined);
      }
      return fail(
        404,
        'not.found',
        'control endpoints: GET|POST|DELETE /__mock/faults, POST /__mock/revoke, GET|DELETE /__mock/requests, GET|POST /__mock/jobs, GET /__mock/notifications/channels, POST /__mock/notifications/publish|socket-closing|drop|silence',
      );
    } catch (error) {
      if (error instanceof ControlError) return fail(error.status, error.status === 404 ? 'not.found' : 'bad.request', error.message);
      return fail(400, 'bad.request', (error as Error).message);
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
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => hub.upgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(listenError(error, options.host, options.port)));
    server.listen(options.port, options.host, resolve);
  });
  const address = server.address() as AddressInfo;
  const host = address.address.includes(':') ? `[${address.address}]` : address.address;
  channels.wsBase = `ws://${host}:${address.port}`;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    requests,
    addFault: (f) => faults.add(f),
    clearFaults: () => faults.clear(),
    revokeTokens: (t) => oauth.revoke(t),
    oauth,
    store,
    notifications,
    jobs: { configure: (settings) => store.jobs.configure(settings), list: () => store.jobs.list() },
    close: () =>
      new Promise<void>((resolve) => {
        // WebSockets and their heartbeat, grace and expiry timers first: close() leaves nothing running.
        void hub.close();
        channels.close();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** An absolute http(s) URL, normalised (no raw control characters can reach a Location header), or undefined. */
function absoluteUrl(text: string | null): string | undefined {
  if (!text) return undefined;
  try {
    const url = new URL(text);
    return /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
