#!/usr/bin/env node
// 50 concurrent calls meeting a revoked access token, side by side: the reference SDK and @gcsdk/core
// (built), each logged in with the authorization-code grant against a local OAuth server, with an
// instant and a slow (100 ms) token endpoint. Prints token requests made and calls failed.
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'packages/core/package.json'));
const reference = require('purecloud-platform-client-v2');
const core = require('@gcsdk/core');

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

async function run(name, makeClient, delayMs) {
  const state = { valid: new Set(), tokenRequests: 0, delayMs: 0, n: 0 };
  const server = await startServer(state);
  const client = makeClient();
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.address().port });
  await client.loginCodeAuthorizationGrant('demo-client', 'demo-secret', 'code', 'https://app/cb');
  state.valid.clear();
  state.tokenRequests = 0;
  state.delayMs = delayMs;
  const calls = Array.from({ length: 50 }, () =>
    client.callApi('/api/v2/users/me', 'GET', {}, {}, {}, {}, null, ['PureCloud OAuth'], ['application/json'], ['application/json']),
  );
  const results = await Promise.allSettled(calls);
  const failed = results.filter((r) => r.status === 'rejected').length;
  // Renewals still in flight after the calls settled are counted too.
  await new Promise((r) => setTimeout(r, 500));
  client.close?.();
  server.closeAllConnections();
  server.close();
  return { name, endpoint: delayMs ? `slow (${delayMs} ms)` : 'instant', tokenRequests: state.tokenRequests, failed };
}

const rows = [];
for (const delay of [0, 100]) {
  rows.push(await run('purecloud-platform-client-v2@262.0.0', () => new reference.ApiClientClass(), delay));
  rows.push(await run('@gcsdk/core', () => new core.ApiClient({ readConfigFile: false }), delay));
}
console.log('50 concurrent calls on a revoked token (authorization-code grant with a refresh token)\n');
console.log('| SDK | token endpoint | token requests | failed calls |');
console.log('| --- | --- | ---: | ---: |');
for (const r of rows) console.log(`| ${r.name} | ${r.endpoint} | ${r.tokenRequests} | ${r.failed} |`);
process.exit(0);
