/**
 * No secret reaches any sink, error or hook argument (issue 13, item 5).
 *
 * A local OAuth + API server issues distinctive random tokens. For every log configuration — level
 * none/error/debug/trace × format text/json, request and response bodies logged, the console sink,
 * a log file (`log_file_path`) and `setDebugLog` all on — every grant is run (client credentials,
 * SAML2 bearer, authorization code + refresh, PKCE `authorizePKCEGrant` with a code verifier,
 * `setAccessToken`), with successful calls, failing calls (401 with a renewal, 403, 429, 500, a dropped
 * connection, a timeout) and failing logins, under hooks (`use({ beforeRequest, afterResponse, onError })`).
 * Everything produced is scanned for the secret values: every console line (console.log/error/warn/
 * info/debug), the log file, every debugLog line, every error (util.inspect with depth Infinity and
 * showHidden, JSON.stringify, stack, the cause chain, own and inherited enumerable properties, and a
 * walk over every reachable own property), and every hook argument (deep-inspected when the hook runs).
 * The secrets: the client secret, the Basic credential (base64 of id:secret), the SAML assertion, the
 * authorization codes, the PKCE verifier, every access and refresh token the server issued, the token
 * given to setAccessToken, and the gateway's username and password.
 *
 * Hooks: `beforeRequest` sees the request as the caller built it, WITHOUT the credentials the SDK adds
 * (the auth step runs after the user's hooks: retry → hooks → auth → logging → transport), so no hook
 * argument holds a token. A header the caller sets itself (customHeaders, default headers) is the
 * caller's own and is not hidden from its hooks; none is set here.
 *
 * Also: TLS certificates are verified unless the caller brings its own trust: a default-transport call
 * to a server with a certificate from an unknown CA fails with a certificate error (nothing reaches the
 * server), and succeeds with the CA given through setMTLSContents or an https.Agent of the caller's.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { Agent as HttpsAgent } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { generate } from 'selfsigned';
import { ApiClient, NetworkError } from '../src/index.js';
import type { LogFormatName, LogLevelName } from '../src/logging/Logger.js';
import { makeCertificates } from './support/certs.js';
import { scanReachable } from './support/reachable.js';
import { startServer, type RecordedRequest, type Reply, type TestServer } from './support/server.js';

const rand = (label: string) => `${label}-${randomBytes(9).toString('hex')}`;
const CLIENT_ID = rand('client-id');
const CLIENT_SECRET = rand('CLIENTSECRET');
const BASIC = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
const SAML_ASSERTION = rand('SAMLASSERTION');
const AUTH_CODE = rand('AUTHCODE');
const PKCE_CODE = rand('PKCECODE');
const PKCE_VERIFIER = rand('PKCEVERIFIER') + '-' + 'v'.repeat(43);
const SET_TOKEN = rand('SETTOKEN');
const GATEWAY_USER = rand('GWUSER');
const GATEWAY_PASSWORD = rand('GWPASSWORD');
const REDIRECT = 'https://app.example/callback';
const ORG = 'secrets-org';

/** Every token the server issued (access and refresh), added as they are issued. */
const issued: string[] = [];
const secrets = () => [
  CLIENT_SECRET,
  BASIC,
  SAML_ASSERTION,
  AUTH_CODE,
  PKCE_CODE,
  PKCE_VERIFIER,
  SET_TOKEN,
  GATEWAY_USER,
  GATEWAY_PASSWORD,
  ...issued,
];

let server: TestServer;
let tokenCounter = 0;
const valid = new Set<string>();

function issue(refresh: boolean): Reply {
  tokenCounter++;
  const access = rand(`ACCESS${tokenCounter}`);
  issued.push(access);
  valid.add(access);
  const body: Record<string, unknown> = { access_token: access, token_type: 'bearer', expires_in: 86400 };
  if (refresh) {
    const refreshToken = rand(`REFRESH${tokenCounter}`);
    issued.push(refreshToken);
    body['refresh_token'] = refreshToken;
  }
  return { status: 200, body };
}

function token(req: RecordedRequest): Reply {
  const form = new URLSearchParams(req.body);
  const authorized = req.headers['authorization'] === `Basic ${BASIC}`;
  // A failing token endpoint that echoes what it was given, as some identity providers do.
  const denied = (status = 400): Reply => ({
    status,
    body: { error: 'invalid_grant', error_description: `rejected ${req.body}`, authorization: req.headers['authorization'] },
  });
  switch (form.get('grant_type')) {
    case 'client_credentials':
      return authorized ? issue(false) : denied(401);
    case 'urn:ietf:params:oauth:grant-type:saml2-bearer':
      return authorized && form.get('assertion') === SAML_ASSERTION && form.get('orgName') === ORG ? issue(false) : denied();
    case 'refresh_token':
      return authorized && issued.includes(form.get('refresh_token') ?? '') ? issue(true) : denied();
    case 'authorization_code':
      if (form.has('code_verifier'))
        return form.get('code') === PKCE_CODE && form.get('code_verifier') === PKCE_VERIFIER && form.get('client_id') === CLIENT_ID
          ? issue(false)
          : denied();
      return authorized && form.get('code') === AUTH_CODE ? issue(true) : denied();
    default:
      return denied();
  }
}

beforeAll(async () => {
  server = await startServer((req) => {
    if (req.url.startsWith('/oauth/token')) return token(req);
    const bearer = String(req.headers['authorization'] ?? '').replace(/^Bearer /, '');
    const known = valid.has(bearer) || bearer === SET_TOKEN;
    const path = req.url.split('?')[0]!;
    // API replies hold no credential: afterResponse sees the response as the server sent it (a server
    // echoing a token in a body hands it to the application anyway). Echoed secrets in failure bodies
    // are covered by error-secrets.test.ts, and here by the token endpoint's refusals.
    const echo = { message: 'failed', code: 'failed', status: 0 };
    if (!known || path === '/api/v2/always401') return { status: 401, body: { ...echo, status: 401 } };
    switch (path) {
      case '/api/v2/forbidden':
        return { status: 403, body: { ...echo, status: 403 }, headers: { 'inin-correlation-id': 'corr-403' } };
      case '/api/v2/limited':
        return { status: 429, body: { ...echo, status: 429 }, headers: { 'retry-after': '0' } };
      case '/api/v2/broken':
        return { status: 500, body: { ...echo, status: 500 } };
      case '/api/v2/dropped':
        return { drop: true };
      case '/api/v2/slow':
        return { hang: true };
      default:
        return { status: 200, body: { ok: true, path } };
    }
  });
});
afterAll(() => server.close());

const LEVELS: LogLevelName[] = ['none', 'error', 'debug', 'trace'];
const FORMATS: LogFormatName[] = ['text', 'json'];

/** Everything produced in one configuration, as text, with where it came from. */
type Produced = Array<[where: string, text: string]>;

const totals = { configurations: 0, scenarios: 0, strings: 0, characters: 0, errors: 0, hookCalls: 0 };

/** The error in every form a program might print or ship it. */
function errorTexts(error: unknown, where: string, out: Produced): void {
  totals.errors++;
  out.push([`${where} inspect`, inspect(error, { depth: Infinity, showHidden: true })]);
  try {
    out.push([`${where} JSON`, JSON.stringify(error) ?? '']);
  } catch (e) {
    out.push([`${where} JSON failed`, String(e)]);
  }
  out.push([`${where} String`, String(error)]);
  let cause: unknown = error;
  for (let depth = 0; cause !== undefined && cause !== null && depth < 10; depth++) {
    if (cause instanceof Error) {
      out.push([`${where} cause[${depth}] stack`, String(cause.stack)]);
      out.push([`${where} cause[${depth}] message`, cause.message]);
    }
    out.push([`${where} cause[${depth}] inspect`, inspect(cause, { depth: Infinity, showHidden: true })]);
    if (typeof cause === 'object') {
      // Own and inherited enumerable properties (for…in), each deep-inspected.
      for (const key in cause as object) {
        out.push([
          `${where} cause[${depth}].${key}`,
          inspect((cause as Record<string, unknown>)[key], { depth: Infinity, showHidden: true }),
        ]);
      }
    }
    cause = (cause as { cause?: unknown }).cause;
  }
  const reachable = scanReachable(error, secrets());
  for (const sighting of reachable.sightings) out.push([`${where} reachable ${sighting.path}`, sighting.secret]);
}

interface Harness {
  client: ApiClient;
  out: Produced;
  /** Runs a call that may fail; its error (if any) is scanned. */
  run(label: string, call: () => Promise<unknown>, expectFailure?: boolean): Promise<void>;
}

function makeHarness(level: LogLevelName, format: LogFormatName, logFile: string, out: Produced): Harness {
  const client = new ApiClient({ readConfigFile: false });
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port, username: GATEWAY_USER, password: GATEWAY_PASSWORD });
  client.setRetryOptions({ max_retries: 1, base_delay_ms: 1, max_delay_ms: 5 });
  client.config.refresh_token_wait_max = 2;
  const logger = client.config.logger;
  logger.log_level = level;
  logger.log_format = format;
  logger.log_to_console = true;
  logger.log_file_path = logFile;
  logger.log_request_body = true;
  logger.log_response_body = true;
  logger.setLogger();
  client.setDebugLog((line) => out.push(['debugLog', line]));
  const inspected = (value: unknown) => inspect(value, { depth: Infinity, showHidden: true });
  client.use({
    beforeRequest: (request) => {
      totals.hookCalls++;
      out.push(['beforeRequest', inspected(request)], ['beforeRequest JSON', JSON.stringify(request)]);
    },
    afterResponse: (response, request) => {
      totals.hookCalls++;
      out.push(['afterResponse response', inspected(response)], ['afterResponse request', inspected(request)]);
    },
    onError: (error, request) => {
      totals.hookCalls++;
      errorTexts(error, 'onError error', out);
      out.push(['onError request', inspected(request)]);
    },
  });
  return {
    client,
    out,
    async run(label, call, expectFailure = false) {
      totals.scenarios++;
      let failure: unknown;
      try {
        await call();
      } catch (error) {
        failure = error;
      }
      if (expectFailure !== (failure !== undefined)) out.push([`UNEXPECTED ${label}`, `${expectFailure ? 'succeeded' : inspect(failure)}`]);
      if (failure !== undefined) errorTexts(failure, label, out);
    },
  };
}

const get = (c: ApiClient, path: string, timeout?: number) =>
  c.callApi(path, 'GET', {}, { q: 'x' }, {}, {}, null, ['PureCloud OAuth'], ['application/json'], ['application/json'], undefined, {
    ...(timeout ? { timeout } : {}),
  });
const post = (c: ApiClient, path: string) =>
  c.callApi(path, 'POST', {}, {}, {}, {}, { name: 'body', list: [1, 2] }, ['PureCloud OAuth'], ['application/json'], ['application/json']);

/** The calls every logged-in client makes: successes and every kind of failure. */
async function calls(h: Harness, grant: string, all: boolean): Promise<void> {
  await h.run(`${grant} GET ok`, () => get(h.client, '/api/v2/ok'));
  await h.run(`${grant} POST ok`, () => post(h.client, '/api/v2/ok'));
  await h.run(`${grant} 401`, () => get(h.client, '/api/v2/always401'), true);
  await h.run(`${grant} 403`, () => get(h.client, '/api/v2/forbidden'), true);
  if (!all) return;
  await h.run(`${grant} 429`, () => get(h.client, '/api/v2/limited'), true);
  await h.run(`${grant} 500`, () => post(h.client, '/api/v2/broken'), true);
  await h.run(`${grant} network error`, () => get(h.client, '/api/v2/dropped'), true);
  await h.run(`${grant} timeout`, () => get(h.client, '/api/v2/slow', 100), true);
}

/** Every grant and call in one log configuration; what was produced goes to `out`. */
async function scenarios(h: Harness): Promise<void> {
  const c = h.client;
  await h.run('client credentials', () => c.loginClientCredentialsGrant(CLIENT_ID, CLIENT_SECRET));
  await calls(h, 'client credentials', true);
  await h.run('SAML2 bearer', () => c.loginSaml2BearerGrant(CLIENT_ID, CLIENT_SECRET, ORG, SAML_ASSERTION));
  await calls(h, 'SAML2 bearer', false);
  let refreshToken: string | undefined;
  await h.run('authorization code', async () => {
    refreshToken = (await c.loginCodeAuthorizationGrant(CLIENT_ID, CLIENT_SECRET, AUTH_CODE, REDIRECT)).refreshToken;
  });
  await calls(h, 'authorization code', false);
  await h.run('refresh', () => c.refreshCodeAuthorizationGrant(CLIENT_ID, CLIENT_SECRET, refreshToken!));
  await calls(h, 'refreshed code', false);
  await h.run('PKCE', () => c.authorizePKCEGrant(CLIENT_ID, PKCE_VERIFIER, PKCE_CODE, REDIRECT));
  await calls(h, 'PKCE', false);
  c.setAccessToken(SET_TOKEN);
  await calls(h, 'setAccessToken', true);
  // Failing logins: the token endpoint refuses and echoes what it was sent.
  await h.run('client credentials refused', () => c.loginClientCredentialsGrant(CLIENT_ID, `${CLIENT_SECRET}-wrong`), true);
  await h.run('SAML2 refused', () => c.loginSaml2BearerGrant(CLIENT_ID, CLIENT_SECRET, 'other-org', SAML_ASSERTION), true);
  await h.run('code refused', () => c.loginCodeAuthorizationGrant(CLIENT_ID, CLIENT_SECRET, `${AUTH_CODE}-used`, REDIRECT), true);
  await h.run('refresh refused', () => c.refreshCodeAuthorizationGrant(CLIENT_ID, CLIENT_SECRET, `${refreshToken!}-revoked`), true);
  await h.run('PKCE refused', () => c.authorizePKCEGrant(CLIENT_ID, `${PKCE_VERIFIER}-wrong`, PKCE_CODE, REDIRECT), true);
}

const consoleMethods = ['log', 'error', 'warn', 'info', 'debug'] as const;

describe.each(LEVELS.flatMap((level) => FORMATS.map((format) => [level, format] as const)))(
  'log level %s, format %s, bodies logged, console + file + setDebugLog',
  (level, format) => {
    it('no secret in any sink, error or hook argument', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gcsdk-secrets-'));
      const logFile = join(dir, 'sdk.log');
      const out: Produced = [];
      const spies = consoleMethods.map((name) =>
        jest.spyOn(console, name).mockImplementation((...args: unknown[]) => {
          out.push([`console.${name}`, args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: Infinity }))).join(' ')]);
        }),
      );
      const h = makeHarness(level, format, logFile, out);
      try {
        await scenarios(h);
      } finally {
        h.client.close();
        for (const spy of spies) spy.mockRestore();
      }
      if (existsSync(logFile)) out.push(['log file', readFileSync(logFile, 'utf8')]);
      rmSync(dir, { recursive: true, force: true });
      totals.configurations++;

      const known = secrets();
      const leaks: string[] = [];
      for (const [where, text] of out) {
        totals.strings++;
        totals.characters += text.length;
        if (where.startsWith('UNEXPECTED')) leaks.push(`${where}: ${text.slice(0, 300)}`);
        for (const secret of known) if (text.includes(secret)) leaks.push(`${where}: holds ${secret.slice(0, 20)}…`);
      }
      expect(leaks.slice(0, 20)).toEqual([]);
      // The run did produce what it scans: logs where the level writes them, the debug log always, hook calls.
      const sinks = new Set(out.map(([where]) => where.split(' ')[0]));
      expect(sinks.has('debugLog')).toBe(true);
      expect(sinks.has('beforeRequest') && sinks.has('afterResponse') && sinks.has('onError')).toBe(true);
      expect(sinks.has('log')).toBe(level !== 'none');
      expect(out.some(([where]) => where === 'console.log')).toBe(level !== 'none');
    }, 60_000);
  },
);

describe('hooks see the request without the credentials the SDK adds', () => {
  it('beforeRequest gets no Authorization, the server still gets the bearer token', async () => {
    const c = new ApiClient({ readConfigFile: false });
    c.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port });
    c.setAccessToken(SET_TOKEN);
    const seen: Array<Record<string, string>> = [];
    c.use({ beforeRequest: (request) => void seen.push({ ...request.headers }) });
    try {
      const before = server.requests.length;
      await get(c, '/api/v2/ok');
      expect(seen).toHaveLength(1);
      expect(Object.keys(seen[0]!).map((k) => k.toLowerCase())).not.toContain('authorization');
      expect(server.requests[before]!.headers['authorization']).toBe(`Bearer ${SET_TOKEN}`);
    } finally {
      c.close();
    }
  });
});

describe.each([
  ['a certificate from an unknown CA', 'ca-signed'],
  ['a self-signed certificate', 'self-signed'],
] as const)('TLS: %s', (_label, kind) => {
  let tlsServer: TestServer;
  let trust: string;
  beforeAll(async () => {
    let key: string;
    let cert: string;
    if (kind === 'ca-signed') {
      const certs = await makeCertificates();
      [key, cert, trust] = [certs.serverKey, certs.serverCert, certs.ca];
    } else {
      const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keyType: 'ec', algorithm: 'sha256' });
      [key, cert, trust] = [pems.private, pems.cert, pems.cert];
    }
    tlsServer = await startServer(() => ({ status: 200, body: { tls: true } }), { key, cert });
  });
  afterAll(() => tlsServer.close());

  const tlsClient = () => {
    const c = new ApiClient({ readConfigFile: false });
    c.setGateway({ host: '127.0.0.1', protocol: 'https', port: tlsServer.port });
    c.setAccessToken(SET_TOKEN);
    c.setRetryOptions({ enabled: false });
    return c;
  };

  it('a default-transport call fails with a certificate error, and nothing reaches the server', async () => {
    const c = tlsClient();
    try {
      const error = await get(c, '/api/v2/ok').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(NetworkError);
      expect(`${(error as NetworkError).code} ${(error as Error).message}`).toMatch(
        kind === 'self-signed' ? /SELF_SIGNED|self[- ]signed/i : /UNABLE_TO_VERIFY|CERT|certificate/i,
      );
      expect(tlsServer.requests).toHaveLength(0);
    } finally {
      c.close();
    }
  });

  it('succeeds with the certificate trusted through setMTLSContents(ca)', async () => {
    const c = tlsClient();
    try {
      c.setMTLSContents(undefined, undefined, trust);
      await expect(get(c, '/api/v2/ok')).resolves.toEqual({ tls: true });
    } finally {
      c.close();
    }
  });

  it("succeeds with the caller's own https.Agent trusting it", async () => {
    const c = tlsClient();
    const agent = new HttpsAgent({ ca: trust, keepAlive: false });
    try {
      c.getHttpClient().setHttpsAgent(agent);
      await expect(get(c, '/api/v2/ok')).resolves.toEqual({ tls: true });
    } finally {
      agent.destroy();
      c.close();
    }
  });
});

afterAll(() => {
  console.log(
    `secrets scan: ${totals.configurations} log configurations, ${totals.scenarios} scenarios, ${totals.errors} errors, ${totals.hookCalls} hook calls; ` +
      `${totals.strings} strings (${totals.characters} characters) scanned for ${secrets().length} secret values`,
  );
});
