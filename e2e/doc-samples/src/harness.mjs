// Runs a sample in this process: `node harness.mjs <kind> <file> <prelude names it uses>`, with GCSDK_SAMPLE_MOCK_URL
// naming the mock server and HOME a folder whose configuration file sends ApiClients there.
// Builds the prelude with the same module system as the sample (ESM or CommonJS, whose ApiClient
// singletons differ), calls the sample, then expects the process to end by itself: a sample that
// leaves a server, socket or timer running fails, naming what is still open.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { MARKER } from './batch-protocol.mjs';

// One sample: `<kind> <file> <names>`; or several run one after the other: `--batch <list.json>`.
const [first, second, third = ''] = process.argv.slice(2);
const batch = first === '--batch' ? JSON.parse(readFileSync(second, 'utf8')) : undefined;
let kind = batch ? 'ts' : first;
const mockUrl = process.env.GCSDK_SAMPLE_MOCK_URL;
const CLIENT_ID = 'demo-client';
const CLIENT_SECRET = 'demo-secret';
const REDIRECT_URI = 'http://127.0.0.1:8085/callback';

const require = createRequire(import.meta.url);
/** Loads a package as the sample will: `import` for ES modules, `require` for CommonJS. */
const load = (name) => (kind === 'cjs' ? Promise.resolve(require(name)) : import(name));

/** Signs in on the mock's login page as a browser would and returns the code it redirects with. */
async function authorizationCode(extra = {}) {
  const form = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    decision: 'approve',
    ...extra,
  });
  const response = await fetch(`${mockUrl}/oauth/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  const code = new URL(response.headers.get('location') ?? 'http://invalid/').searchParams.get('code');
  if (!code) throw new Error(`the mock's login page gave no code (status ${response.status})`);
  return code;
}

async function refreshTokenFromCodeGrant() {
  const response = await fetch(`${mockUrl}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: await authorizationCode(), redirect_uri: REDIRECT_URI }),
  });
  const body = await response.json();
  if (!body.refresh_token) throw new Error(`the mock gave no refresh token (status ${response.status})`);
  return body.refresh_token;
}

/**
 * The prelude, built for the names the sample uses (`wanted`): each costs requests or imports, and
 * a sample uses few of them. ApiClient.instance is logged in when any name depends on a token.
 */
async function buildContext(wanted) {
  const uses = (...names) => names.some((name) => wanted.has(name));
  const context = { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT_URI, orgName: 'demo-org' };
  context.samlAssertion = Buffer.from('<saml2:Assertion>doc sample</saml2:Assertion>').toString('base64');
  const { ApiClient } = await load('@gcsdk/core');
  const client = ApiClient.instance;
  const pending = [];
  if (uses('client', 'apiClient', 'token', 'me', 'userId', 'id', 'usersApi', 'routingApi', 'analyticsApi', 'queueId')) {
    await client.loginClientCredentialsGrant(CLIENT_ID, CLIENT_SECRET);
    Object.assign(context, { client, apiClient: client, token: client.authData.accessToken });
  }
  if (uses('me', 'userId', 'id', 'usersApi')) {
    const { UsersApi } = await load('@gcsdk/api-users');
    context.usersApi = new UsersApi(client);
    pending.push(context.usersApi.getUsersMe().then((me) => Object.assign(context, { me, userId: me.id, id: me.id })));
  }
  if (uses('routingApi', 'queueId')) {
    const { RoutingApi } = await load('@gcsdk/api-routing');
    const routingApi = (context.routingApi = new RoutingApi(client));
    pending.push(
      routingApi.getRoutingQueues({ pageSize: 1 }).then(async (queues) => {
        context.queueId = queues.entities?.[0]?.id ?? (await routingApi.postRoutingQueues({ name: `doc-samples-${process.pid}` })).id;
      }),
    );
  }
  if (uses('analyticsApi')) context.analyticsApi = new (await load('@gcsdk/api-analytics')).AnalyticsApi(client);
  if (uses('authCode')) pending.push(authorizationCode().then((code) => (context.authCode = code)));
  if (uses('refreshToken')) pending.push(refreshTokenFromCodeGrant().then((token) => (context.refreshToken = token)));
  if (uses('codeVerifier', 'pkceCode')) {
    const codeVerifier = (context.codeVerifier = client.generatePKCECodeVerifier(64));
    const challenge = await client.computePKCECodeChallenge(codeVerifier);
    pending.push(authorizationCode({ code_challenge: challenge, code_challenge_method: 'S256' }).then((code) => (context.pkceCode = code)));
  }
  await Promise.all(pending);
  return context;
}

/** A configuration file block: loaded by the core, it must make no report. */
async function checkIni(file) {
  const { ApiClient } = await load('@gcsdk/core');
  const reports = [];
  const original = console.error;
  console.error = (...args) => reports.push(args.join(' '));
  const client = new ApiClient();
  try {
    client.config.setConfigPath(file);
  } finally {
    console.error = original;
    client.close?.();
  }
  if (reports.length) throw new Error(`the core reported:\n${reports.join('\n')}\n--- the file ---\n${readFileSync(file, 'utf8')}`);
}

async function runSample(file, names) {
  if (kind === 'ini') return checkIni(file);
  const context = await buildContext(new Set(names.split(',')));
  const sample = kind === 'cjs' ? require(file) : (await import(pathToFileURL(file).href)).default;
  await sample(context);
}

/** Samples of one template (the generated READMEs), each reported between markers the parent splits on. */
async function runBatch() {
  for (const entry of batch) {
    kind = entry.kind;
    process.stdout.write(`\n${MARKER} ${entry.id} start\n`);
    try {
      await runSample(entry.file, entry.names);
      process.stdout.write(`\n${MARKER} ${entry.id} passed\n`);
    } catch (error) {
      process.stdout.write(`${error?.stack ?? String(error)}\n${MARKER} ${entry.id} failed\n`);
    }
  }
}

const main = () => (batch ? runBatch() : runSample(second, third));

main().then(
  () => {
    // Unref'd: it fires only if something else keeps the process alive.
    setTimeout(() => {
      const open = process.getActiveResourcesInfo().filter((name) => name !== 'Timeout');
      process.stderr.write(`the sample finished but left the process running (open: ${open.join(', ') || 'timers'})\n`);
      process.exit(3);
    }, 3000).unref();
  },
  (error) => {
    process.stderr.write(`${error?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
