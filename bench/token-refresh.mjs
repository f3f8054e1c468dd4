#!/usr/bin/env node
// 50 and 500 concurrent calls meeting a revoked access token, side by side: the reference SDK and
// @gcsdk/core (built), each logged in with the authorization-code grant against a local OAuth server,
// with an instant and a slow (100 ms) token endpoint. Prints token requests made and calls failed.
//   node bench/token-refresh.mjs
import { createServer } from 'node:http';
import { figure, flags, isMain, printSection, REFERENCE, requireFromCore, table } from './lib.mjs';

/** A fresh OAuth server and API per run, so that requests still in flight from one run never count in another. */
async function startServer(state) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const reply = (status, data) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(data));
      };
      if (req.url.startsWith('/oauth/token')) {
        state.tokenRequests++;
        if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
        const token = `access-${++state.n}`;
        state.valid.add(token);
        return reply(200, { access_token: token, refresh_token: `refresh-${state.n}`, expires_in: 86400 });
      }
      const bearer = String(req.headers.authorization ?? '').replace('Bearer ', '');
      return state.valid.has(bearer) ? reply(200, { ok: true }) : reply(401, { message: 'Invalid login credentials.', status: 401 });
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return server;
}

async function run(makeClient, concurrency, delayMs) {
  const state = { valid: new Set(), tokenRequests: 0, delayMs: 0, n: 0 };
  const server = await startServer(state);
  const client = makeClient();
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.address().port });
  await client.loginCodeAuthorizationGrant('demo-client', 'demo-secret', 'code', 'https://app/cb');
  state.valid.clear();
  state.tokenRequests = 0;
  state.delayMs = delayMs;
  const calls = Array.from({ length: concurrency }, () =>
    client.callApi('/api/v2/users/me', 'GET', {}, {}, {}, {}, null, ['PureCloud OAuth'], ['application/json'], ['application/json']),
  );
  const results = await Promise.allSettled(calls);
  const failed = results.filter((r) => r.status === 'rejected').length;
  // Renewals still in flight after the calls settled are counted too.
  await new Promise((r) => setTimeout(r, 500));
  client.close?.();
  server.closeAllConnections();
  server.close();
  return { tokenRequests: state.tokenRequests, failed };
}

// Not iterations: every run is one event, so --quick changes nothing here.
export async function measure() {
  const reference = requireFromCore('purecloud-platform-client-v2');
  const core = requireFromCore('@gcsdk/core');
  const rows = [];
  const figures = [];
  for (const concurrency of [50, 500]) {
    for (const delay of [0, 100]) {
      const endpoint = delay ? `slow (${delay} ms)` : 'instant';
      const ref = await run(() => new reference.ApiClientClass(), concurrency, delay);
      const ours = await run(() => new core.ApiClient({ readConfigFile: false }), concurrency, delay);
      rows.push(
        [REFERENCE, concurrency, endpoint, ref.tokenRequests, ref.failed],
        ['@gcsdk/core', concurrency, endpoint, ours.tokenRequests, ours.failed],
      );
      const id = `token-refresh.${concurrency}.${delay ? 'slow' : 'instant'}`;
      const what = `${concurrency} concurrent calls on a revoked token, ${endpoint} token endpoint`;
      figures.push(
        figure({
          id: `${id}.token-requests`,
          label: `${what}: token requests`,
          unit: 'requests',
          ours: ours.tokenRequests,
          reference: ref.tokenRequests,
          budget: concurrency === 50 ? { equals: 1 } : null,
        }),
        figure({
          id: `${id}.failed`,
          label: `${what}: failed calls`,
          unit: 'calls',
          ours: ours.failed,
          reference: ref.failed,
          budget: concurrency === 50 ? { equals: 0 } : null,
        }),
      );
    }
  }
  return {
    id: 'token-refresh',
    title: 'Concurrent calls on a revoked token (authorization-code grant with a refresh token)',
    note: 'Budget (50 concurrent calls): exactly 1 token request and 0 failed calls.',
    figures,
    table: table(
      [
        ['SDK', 'l'],
        ['concurrent calls', 'r'],
        ['token endpoint', 'l'],
        ['token requests', 'r'],
        ['failed calls', 'r'],
      ],
      rows,
    ),
  };
}

if (isMain(import.meta.url)) {
  flags();
  printSection(await measure());
  process.exit(0);
}
