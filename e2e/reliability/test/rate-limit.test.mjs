// 1,000 calls of which 30 % are first answered 429 with a Retry-After of 0 or 1 s: every call completes
// within the default retry budget, and the mock's request log shows exactly one retry per 429.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { UsersApi } from '@gcsdk/api-users';
import { clientFor, CLIENT_ID, CLIENT_SECRET, failures, pool, timed, transports, withMock } from '../src/harness.mjs';

const CALLS = 1000;
const CONCURRENCY = 100;
const timings = {};
after(() => process.stderr.write(`reliability/rate-limit ms: ${JSON.stringify(timings)}\n`));

for (const [name, Transport] of await transports()) {
  test(`${name}: 1,000 calls, 300 of them answered 429 with Retry-After 0 or 1 s first: zero failures, 300 retries`, () =>
    withMock({ users: CALLS, requestLogLimit: 10_000 }, async (mock) => {
      const ids = [...mock.store.users.items.keys()].slice(0, CALLS);
      // Every third call in ten is limited once (300 of 1,000), alternately Retry-After 0 and 1.
      const limited = new Set(ids.filter((_, i) => i % 10 < 3));
      let n = 0;
      for (const id of limited) mock.addFault({ route: `GET /api/v2/users/${id}`, status: 429, retryAfter: n++ % 2, times: 1 });
      assert.equal(limited.size, 300);

      const client = clientFor(mock, Transport); // the default retry budget: 3 retries, Retry-After honoured
      await client.loginClientCredentialsGrant(CLIENT_ID, CLIENT_SECRET);
      const users = new UsersApi(client);
      const outcomes = await timed(timings, name, () => pool(CALLS, CONCURRENCY, (i) => users.getUser(ids[i])));

      assert.deepEqual(failures(outcomes), []);
      assert.deepEqual(
        outcomes.map((o) => o.value.id),
        ids,
      );
      const byId = new Map(ids.map((id) => [id, []]));
      for (const r of mock.requests) if (r.method === 'GET') byId.get(r.path.split('/').pop())?.push(r.status);
      const retries = [...byId.values()].reduce((sum, statuses) => sum + statuses.length - 1, 0);
      process.stderr.write(`${name}: ${CALLS} calls, ${retries} retries counted in the mock's log\n`);
      assert.equal(retries, 300);
      for (const [id, statuses] of byId) assert.deepEqual(statuses, limited.has(id) ? [429, 200] : [200], `GET /api/v2/users/${id}`);
    }));
}
