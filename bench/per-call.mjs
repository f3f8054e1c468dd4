#!/usr/bin/env node
// Per-call overhead against a local keep-alive HTTP server (node:http in a child process, answering every
// request with a small JSON body), sequential and with 50 calls in flight: bare axios, bare fetch, bare
// node:http, ours with each transport, and the reference. Subjects take turns, round after round; the
// figure is the median round. Prints µs per call and each ratio against bare axios; never asserts.
//   node bench/per-call.mjs [--quick]
import { spawn } from 'node:child_process';
import { Agent, request } from 'node:http';
import { figure, flags, isMain, median, printSection, REFERENCE, requireFromCore, table, times } from './lib.mjs';

const SERVER = `
const body = JSON.stringify({ id: '8f1a0c52-3c1e-4b8e-9a1f-2c7d4e5f6a7b', name: 'Demo User', state: 'active', version: 1, selfUri: '/api/v2/users/8f1a0c52-3c1e-4b8e-9a1f-2c7d4e5f6a7b' });
const server = require('node:http').createServer((req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }); res.end(body); });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));`;

async function startServer() {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(Number(String(chunk).trim())));
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code})`)));
  });
  return { port, close: () => child.kill() };
}

/** Each subject: a function that makes one call (GET /api/v2/users/me, a bearer token) and resolves to its JSON. */
function subjects(port) {
  const url = `http://127.0.0.1:${port}/api/v2/users/me`;
  const headers = { Authorization: 'Bearer bench-token', Accept: 'application/json' };
  const axios = requireFromCore('axios');
  const core = requireFromCore('@gcsdk/core');
  const { UsersApi } = requireFromCore('@gcsdk/api-users');
  const reference = requireFromCore('purecloud-platform-client-v2');
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const nodeHttp = () =>
    new Promise((resolve, reject) => {
      request(url, { agent, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text)));
      })
        .on('error', reject)
        .end();
    });
  const ours = (httpClient) => {
    const client = new core.ApiClient({ readConfigFile: false });
    if (httpClient) client.setHttpClient(httpClient);
    client.setAccessToken('bench-token');
    client.setGateway({ host: '127.0.0.1', protocol: 'http', port });
    const users = new UsersApi(client);
    return () => users.getUsersMe();
  };
  const referenceClient = new reference.ApiClientClass();
  referenceClient.setAccessToken('bench-token');
  referenceClient.setGateway({ host: '127.0.0.1', protocol: 'http', port });
  const referenceUsers = new reference.UsersApi(referenceClient);
  return {
    axios: ['bare axios', () => axios.get(url, { headers }).then((r) => r.data)],
    fetch: ['bare fetch', () => globalThis.fetch(url, { headers }).then((r) => r.json())],
    nodeHttp: ['bare node:http (keep-alive agent)', nodeHttp],
    ours: ['ours, default transport (axios)', ours()],
    oursNode: ['ours, NodeHttpClient', typeof core.NodeHttpClient === 'function' ? ours(new core.NodeHttpClient()) : null],
    oursFetch: ['ours, FetchHttpClient', ours(new core.FetchHttpClient())],
    reference: [REFERENCE, () => referenceUsers.getUsersMe()],
  };
}

/** Microseconds per call: `calls` calls, `inFlight` at a time. */
async function perCall(call, calls, inFlight) {
  let left = calls;
  const worker = async () => {
    while (left-- > 0) await call();
  };
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return Number(process.hrtime.bigint() - started) / 1e3 / calls;
}

export async function measure({ quick = false } = {}) {
  const rounds = quick ? 3 : 9;
  const modes = { sequential: [quick ? 300 : 3000, 1], '50 in flight': [quick ? 1000 : 10000, 50] };
  const server = await startServer();
  const samples = {};
  let all;
  try {
    all = subjects(server.port);
    const keys = Object.keys(all).filter((key) => all[key][1]);
    for (const key of keys) await perCall(all[key][1], 200, 10); // warm up: JIT, sockets
    for (let round = 0; round < rounds; round++) {
      // A different subject goes first each round.
      const order = keys.map((_, i) => keys[(i + round) % keys.length]);
      for (const [mode, [calls, inFlight]] of Object.entries(modes))
        for (const key of order) (samples[`${key}/${mode}`] ??= []).push(await perCall(all[key][1], calls, inFlight));
    }
  } finally {
    server.close();
  }
  const us = (key, mode) => (samples[`${key}/${mode}`] ? median(samples[`${key}/${mode}`]) : null);
  const figures = [];
  const rows = [];
  for (const [key, [name]] of Object.entries(all)) {
    const row = [name];
    for (const mode of Object.keys(modes)) {
      const ours = us(key, mode);
      const ratio = ours == null ? null : ours / us('axios', mode);
      row.push(ours == null ? 'n/a' : ours.toFixed(1), times(ratio), key === 'ours' ? '≤ 1.05×' : '');
      if (key.startsWith('ours')) {
        const what = `per call, ${mode}: ${name}`;
        figures.push(
          figure({
            id: `per-call.${key}.${mode.replace(/\W+/g, '')}`,
            label: what,
            unit: 'µs',
            ours,
            reference: us('axios', mode),
            against: 'bare axios',
            budget: key === 'ours' ? { ratio: 1.05 } : null,
          }),
          figure({
            id: `per-call.${key}.${mode.replace(/\W+/g, '')}.vs-reference`,
            label: what,
            unit: 'µs',
            ours,
            reference: us('reference', mode),
          }),
        );
      }
    }
    rows.push(row);
  }
  return {
    id: 'per-call',
    title: `Per-call overhead against a local keep-alive server, median of ${rounds} rounds`,
    note: `GET /api/v2/users/me answered with a small JSON body by a node:http server in another process; sequential: ${modes.sequential[0]} calls one after another, 50 in flight: ${modes['50 in flight'][0]} calls with 50 at a time. µs per call; ratios against bare axios.${all.oursNode[1] ? '' : ' "n/a": @gcsdk/core does not export NodeHttpClient in this build.'}`,
    figures,
    table: table(
      [
        ['client', 'l'],
        ['sequential µs/call', 'r'],
        ['vs bare axios', 'r'],
        ['budget', 'r'],
        ['50 in flight µs/call', 'r'],
        ['vs bare axios', 'r'],
        ['budget', 'r'],
      ],
      rows,
    ),
  };
}

if (isMain(import.meta.url)) {
  const { quick } = flags();
  printSection(await measure({ quick }));
  process.exit(0); // keep-alive sockets
}
