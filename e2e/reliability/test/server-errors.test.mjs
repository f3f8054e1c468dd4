// Runs of 502/503/504 on idempotent calls are recovered by retries while they fit the retry budget
// (3 retries); a longer run fails with an ApiError carrying the last status and correlation id (a
// RateLimitError for 429s); a POST answered 502 is not re-sent, one answered 503 is.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, RateLimitError } from '@gcsdk/core';
import { UsersApi } from '@gcsdk/api-users';
import { clientFor, CLIENT_ID, CLIENT_SECRET, failures, logged, pool, timed, transports, withMock } from '../src/harness.mjs';

const RETRY = { max_retries: 3, base_delay_ms: 10, max_delay_ms: 50 };
const STATUSES = [502, 503, 504];
const timings = {};
after(() => process.stderr.write(`reliability/server-errors ms: ${JSON.stringify(timings)}\n`));

/** Adds a run of faults on one route, in order; 503s with Retry-After 0 (the mock's default is 1 s). */
const addBurst = (mock, route, statuses) => {
  for (const status of statuses) mock.addFault({ route, status, times: 1, ...(status === 503 || status === 429 ? { retryAfter: 0 } : {}) });
};

for (const [name, Transport] of await transports()) {
  test(`${name}: 5xx bursts`, () =>
    withMock({ requestLogLimit: 10_000 }, async (mock) => {
      const client = clientFor(mock, Transport, RETRY);
      await client.loginClientCredentialsGrant(CLIENT_ID, CLIENT_SECRET);
      const users = new UsersApi(client);
      const ids = [...mock.store.users.items.keys()].slice(0, 48);
      const path = (id) => `/api/v2/users/${id}`;

      await timed(timings, `${name} bursts`, async () => {
        // Runs of 0 to 3 errors, every mix of 502/503/504, on 48 calls at once: all recovered.
        const bursts = ids.map((_, i) => Array.from({ length: i % 4 }, (_, k) => STATUSES[(i + k) % 3]));
        ids.forEach((id, i) => addBurst(mock, `GET ${path(id)}`, bursts[i]));
        const outcomes = await pool(ids.length, ids.length, (i) => users.getUser(ids[i]));
        assert.deepEqual(failures(outcomes), []);
        ids.forEach((id, i) =>
          assert.deepEqual(
            logged(mock, 'GET', path(id)).map((r) => r.status),
            [...bursts[i], 200],
            `GET ${path(id)}: the burst, then the answer`,
          ),
        );
      });

      await timed(timings, `${name} longer than the budget`, async () => {
        // Five errors in a row: four attempts meet the first four, the call fails with the fourth.
        const long = [
          [502, 502, 502, 502, 503],
          [503, 504, 502, 503, 502],
          [504, 503, 504, 504, 502],
          [502, 503, 504, 502, 504],
        ];
        const victims = ids.slice(0, long.length);
        mock.requests.length = 0;
        victims.forEach((id, i) => addBurst(mock, `GET ${path(id)}`, long[i]));
        const outcomes = await pool(victims.length, victims.length, (i) => users.getUser(victims[i]));
        victims.forEach((id, i) => {
          const { error } = outcomes[i];
          const sent = logged(mock, 'GET', path(id));
          assert.ok(error instanceof ApiError, `${path(id)}: ${error}`);
          assert.ok(!(error instanceof RateLimitError));
          assert.deepEqual(
            sent.map((r) => r.status),
            long[i].slice(0, 4),
            'one attempt and three retries',
          );
          assert.equal(error.status, long[i][3], 'the last status');
          assert.equal(error.correlationId, sent.at(-1).correlationId, "the last response's correlation id");
        });
        mock.clearFaults();

        // 429s past the budget: a RateLimitError, still an ApiError with the status.
        mock.requests.length = 0;
        addBurst(mock, 'GET /api/v2/users/me', [429, 429, 429, 429]);
        const limited = await users.getUsersMe().then(
          () => undefined,
          (error) => error,
        );
        assert.ok(limited instanceof RateLimitError, String(limited));
        assert.equal(limited.status, 429);
        assert.equal(logged(mock, 'GET', '/api/v2/users/me').length, 4);
      });

      await timed(timings, `${name} POST`, async () => {
        // A POST answered 502 may have been acted on: sent once. One answered 503 was not: re-sent, and created once.
        mock.requests.length = 0;
        addBurst(mock, 'POST /api/v2/users', [502]);
        const body = (n) => ({ name: `Burst ${n}`, email: `burst${n}@example.com`, password: 'x-Password-1' });
        const failed = await users.postUsers(body(1)).then(
          () => undefined,
          (error) => error,
        );
        assert.ok(failed instanceof ApiError && failed.status === 502, String(failed));
        assert.equal(logged(mock, 'POST', '/api/v2/users').length, 1);

        mock.requests.length = 0;
        addBurst(mock, 'POST /api/v2/users', [503, 503]);
        const created = await users.postUsers(body(2));
        assert.equal(created.email, 'burst2@example.com');
        assert.deepEqual(
          logged(mock, 'POST', '/api/v2/users').map((r) => r.status),
          [503, 503, 200],
        );
        const named = [...mock.store.users.items.values()].filter((u) => String(u.email).startsWith('burst'));
        assert.deepEqual(
          named.map((u) => u.email),
          ['burst2@example.com'],
        );
      });
    }));
}
