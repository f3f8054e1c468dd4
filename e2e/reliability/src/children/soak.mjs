/* global AbortController, gc */
// Child of test/soak.test.mjs, run with --expose-gc: COUNT calls over one transport against the server at
// PORT, CONCURRENCY in flight, all sharing one AbortSignal; the heap measured after a warm-up and after
// the soak, each time after gc(). Prints `RESULT {json}`, then exits by itself.
import { getEventListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import { ApiClient } from '@gcsdk/core';
import { UsersApi } from '@gcsdk/api-users';
import { pool, transportNamed } from '../harness.mjs';

const [port, transportName, count, concurrency] = [
  Number(process.argv[2]),
  process.argv[3],
  Number(process.argv[4]),
  Number(process.argv[5]),
];
const Transport = await transportNamed(transportName);
const client = new ApiClient({ readConfigFile: false });
client.setHttpClient(new Transport());
client.setGateway({ host: '127.0.0.1', protocol: 'http', port });
await client.loginClientCredentialsGrant('demo-client', 'demo-secret');
const users = new UsersApi(client);
const shared = new AbortController();

const run = async (n) => {
  const outcomes = await pool(n, concurrency, () => users.getUsersMe({ signal: shared.signal }).then((me) => me.id));
  return outcomes.filter((o) => !o.ok).map((o) => String(o.error));
};
const measure = () => {
  for (let i = 0; i < 3; i++) gc();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heapUsed, external, arrayBuffers };
};

const warmUpFailures = await run(1000);
const before = measure();
const started = performance.now();
const failures = await run(count);
const ms = Math.round(performance.now() - started);
const after = measure();
process.stdout.write(
  `RESULT ${JSON.stringify({ before, after, ms, failures: [...warmUpFailures, ...failures].slice(0, 5), signalListeners: getEventListeners(shared.signal, 'abort').length })}\n`,
);
