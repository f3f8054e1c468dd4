// Slow responses met by timeouts and aborts leave nothing behind: the scenario runs in a child Node
// process that must exit by itself once its calls have settled (an open socket, a timer or a
// listener would keep it alive: the --detectOpenHandles of this suite), and whose active resources
// after settling are those it had before its first call.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild, timed, transports, withMock } from '../src/harness.mjs';

const CHILD = fileURLToPath(new URL('../src/children/settle.mjs', import.meta.url));
const timings = {};
after(() => process.stderr.write(`reliability/open-handles ms: ${JSON.stringify(timings)}\n`));

for (const [name] of await transports()) {
  test(`${name}: timeouts and aborts leave no socket, timer or listener: the child exits by itself`, () =>
    withMock({}, async (mock) => {
      const home = mkdtempSync(join(tmpdir(), 'gcsdk-reliability-home-'));
      try {
        mkdirSync(join(home, '.genesyscloudjavascript'));
        writeFileSync(join(home, '.genesyscloudjavascript', 'config'), '[logging]\nlog_level = none\n');
        const ids = [...mock.store.users.items.keys()].slice(0, 3);
        const slowPost = 'slow.post@example.com';
        const [slowGet, abortedInFlight, abortedWaiting] = ids;
        mock.addFault({ route: `GET /api/v2/users/${slowGet}`, latencyMs: 5000 });
        mock.addFault({ route: 'POST /api/v2/users', latencyMs: 5000 });
        mock.addFault({ route: `GET /api/v2/users/${abortedInFlight}`, latencyMs: 5000 });
        mock.addFault({ route: `GET /api/v2/users/${abortedWaiting}`, status: 429, retryAfter: 60 });
        const { result, exitMs, stderr } = await timed(timings, name, () =>
          runChild(CHILD, [String(mock.port), name, slowGet, slowPost, abortedInFlight, abortedWaiting], {
            env: { HOME: home, USERPROFILE: home },
            exitLimitMs: 30_000,
          }),
        );
        if (stderr) process.stderr.write(`${name}: the child's stderr: ${stderr}`);
        // 20 calls share one signal: it gets one listener in all, so Node has nothing to warn about.
        assert.doesNotMatch(stderr, /MaxListenersExceededWarning/);
        process.stderr.write(
          `${name}: child exited ${exitMs} ms after settling; active resources before ${JSON.stringify(result.baseline)}, after ${JSON.stringify(result.after)}\n`,
        );
        assert.deepEqual(result.results, {
          timeoutGet: 'TimeoutError',
          timeoutPost: 'TimeoutError',
          abortedInFlight: 'AbortError',
          abortedWaiting: 'AbortError',
          preAborted: 'AbortError',
          successes: Array(20).fill('ok'),
        });
        assert.deepEqual(result.leftOver, [], 'resources still active after every call settled');
        assert.equal(result.sharedSignalListeners, 0, "listeners left on the caller's AbortSignal");
        assert.equal(result.watchingConfig, join(home, '.genesyscloudjavascript', 'config'), 'the child watched its config file');
        // Sent 4 times (one attempt, three retries), each timing out; the POST once.
        assert.equal(mock.requests.filter((r) => r.path === `/api/v2/users/${slowGet}`).length, 4);
        assert.equal(mock.requests.filter((r) => r.method === 'POST' && r.path === '/api/v2/users').length, 1);
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    }));
}
