// A soak: 10,000 calls over the default transport (3,000 over each other one, to keep the suite's time
// modest), 50 in flight, in a child with --expose-gc, against a minimal server (src/stub-server.mjs:
// the mock's validation would double the soak's CPU); the heap after gc() grows by less than 10 MB
// between a warm-up and the end (figures printed), and the child exits by itself.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { defaultTransport, runChild, timed, transports } from '../src/harness.mjs';
import { startStubServer } from '../src/stub-server.mjs';

const CHILD = fileURLToPath(new URL('../src/children/soak.mjs', import.meta.url));
const CALLS = 10_000;
const OTHER_CALLS = 3_000;
const CONCURRENCY = 50;
const MAX_GROWTH = 10 * 1024 * 1024;
const timings = {};
after(() => process.stderr.write(`reliability/soak ms: ${JSON.stringify(timings)}\n`));

const WARM_UP = 1000; // calls before the first measurement (src/children/soak.mjs)

async function withStub(fn) {
  const server = await startStubServer();
  try {
    return await fn(server);
  } finally {
    await server.close();
  }
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const main = await defaultTransport();
for (const [name] of await transports()) {
  const calls = name === main ? CALLS : OTHER_CALLS;
  test(`${name}${name === main ? ' (the default)' : ''}: ${calls} calls, ${CONCURRENCY} in flight: heap growth under ${mb(MAX_GROWTH)}`, () =>
    withStub(async (server) => {
      const { result } = await timed(timings, name, () =>
        runChild(CHILD, [String(server.port), name, String(calls), String(CONCURRENCY)], { nodeOptions: ['--expose-gc'] }),
      );
      const { before, after: end } = result;
      const growth = Object.fromEntries(Object.keys(before).map((k) => [k, end[k] - before[k]]));
      process.stderr.write(
        `${name}: ${calls} calls in ${result.ms} ms; after gc(), before -> after (growth): ${Object.keys(before)
          .map((k) => `${k} ${mb(before[k])} -> ${mb(end[k])} (${mb(growth[k])})`)
          .join(', ')}\n`,
      );
      assert.deepEqual(result.failures, []);
      assert.equal(server.stats.apiCalls, WARM_UP + calls, 'every call reached the server');
      assert.equal(result.signalListeners, 0, 'listeners left on the shared AbortSignal');
      assert.ok(growth.heapUsed < MAX_GROWTH, `heapUsed grew by ${mb(growth.heapUsed)}`);
      assert.ok(growth.external < MAX_GROWTH, `external memory grew by ${mb(growth.external)}`);
    }));
}
