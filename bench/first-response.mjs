#!/usr/bin/env node
// Cold time to first response: a fresh Node process requires the SDK, logs in with client credentials
// against @gcsdk/mock-server and gets one getUsersMe response. Ours (core + api-users, the umbrella) with
// the default transport and with NodeHttpClient (when @gcsdk/core exports it), beside the reference.
// Prints medians; never asserts.
//   node bench/first-response.mjs [--quick] [--runs 15]
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { figure, flags, isMain, median, printSection, REFERENCE, requireFromCore, root, table, times } from './lib.mjs';

const run = promisify(execFile);
const path = (name) => JSON.stringify(requireFromCore.resolve(name));
const hasNodeHttpClient = () => typeof requireFromCore('@gcsdk/core').NodeHttpClient === 'function';

// Each subject: the program a user writes, up to its first response. `client` and `gateway` are set before.
const login = `client.setGateway(gateway);await client.loginClientCredentialsGrant('demo-client','demo-secret');`;
const fast = `client.setHttpClient(new (require(${path('@gcsdk/core')}).NodeHttpClient)());`;
const programs = () => ({
  reference: [
    REFERENCE,
    `const pc=require(${path('purecloud-platform-client-v2')});const client=pc.ApiClient.instance;${login}await new pc.UsersApi().getUsersMe();`,
  ],
  users: [
    '@gcsdk/core + @gcsdk/api-users, default transport',
    `const {ApiClient}=require(${path('@gcsdk/core')});const {UsersApi}=require(${path('@gcsdk/api-users')});const client=new ApiClient();${login}await new UsersApi(client).getUsersMe();`,
  ],
  usersFast: [
    '@gcsdk/core + @gcsdk/api-users, NodeHttpClient',
    `const {ApiClient}=require(${path('@gcsdk/core')});const {UsersApi}=require(${path('@gcsdk/api-users')});const client=new ApiClient();${fast}${login}await new UsersApi(client).getUsersMe();`,
  ],
  umbrella: [
    '@gcsdk/platform-client, default transport',
    `const pc=require(${path('@gcsdk/platform-client')});const client=pc.ApiClient.instance;${login}await new pc.UsersApi().getUsersMe();`,
  ],
  umbrellaFast: [
    '@gcsdk/platform-client, NodeHttpClient',
    `const pc=require(${path('@gcsdk/platform-client')});const client=pc.ApiClient.instance;${fast}${login}await new pc.UsersApi().getUsersMe();`,
  ],
});

/** One fresh process: milliseconds from its first line (before any require) to the response. */
async function sample(program, port) {
  const gateway = JSON.stringify({ host: '127.0.0.1', protocol: 'http', port });
  const script = `const t=process.hrtime.bigint();const gateway=${gateway};(async()=>{${program}process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));process.exit(0)})().catch((e)=>{console.error(e);process.exit(1)})`;
  const { stdout } = await run(process.execPath, ['-e', script], { cwd: root, env: { ...process.env, HOME: '/nonexistent-gcsdk-bench' } });
  return Number(stdout);
}

export async function measure({ quick = false, runs = quick ? 5 : 15 } = {}) {
  const { startMockServer } = requireFromCore('@gcsdk/mock-server');
  const mock = await startMockServer({ port: 0, rateLimit: { requests: 1_000_000, windowSeconds: 60 } });
  const rows = {};
  try {
    for (const [key, [name, program]] of Object.entries(programs())) {
      if (key.endsWith('Fast') && !hasNodeHttpClient()) {
        rows[key] = { name, ms: null };
        continue;
      }
      await sample(program, mock.port); // warm the OS file cache and the mock server's route
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(await sample(program, mock.port));
      rows[key] = { name, ms: median(samples) };
    }
  } finally {
    await mock.close();
  }
  const ref = rows.reference.ms;
  const budgets = { users: { ratio: 0.6 }, umbrella: { ratio: 0.75 }, usersFast: { ratio: 0.4 } };
  return {
    id: 'first-response',
    title: `Cold time to first response, median of ${runs} fresh processes`,
    note: `From the first line of a fresh process, before any require, to the getUsersMe response: require, client-credentials login and one call against @gcsdk/mock-server on 127.0.0.1.${rows.usersFast.ms == null ? ' "n/a": @gcsdk/core does not export NodeHttpClient in this build.' : ''}`,
    figures: Object.entries(rows)
      .filter(([key]) => key !== 'reference')
      .map(([key, r]) =>
        figure({
          id: `first-response.${key}`,
          label: `first response: ${r.name}`,
          unit: 'ms',
          ours: r.ms,
          reference: ref,
          budget: budgets[key],
        }),
      ),
    table: table(
      [
        ['program', 'l'],
        ['ms', 'r'],
        ['vs reference', 'r'],
        ['budget', 'r'],
      ],
      Object.entries(rows).map(([key, r]) => [
        r.name,
        r.ms == null ? 'n/a' : r.ms.toFixed(1),
        r.ms == null ? 'n/a' : times(r.ms / ref),
        budgets[key] ? `≤ ${budgets[key].ratio}×` : '',
      ]),
    ),
  };
}

if (isMain(import.meta.url)) {
  const { quick, runs } = flags({ runs: { type: 'string' } });
  printSection(await measure({ quick, ...(runs ? { runs: Number(runs) } : {}) }));
}
