// Connection resets: a GET is retried and succeeds; a POST whose connection was dropped (before or
// after the server read its body) is never sent twice, and fails with a NetworkError. The client
// keeps working afterwards.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiError, NetworkError, TimeoutError } from '@gcsdk/core';
import { UsersApi } from '@gcsdk/api-users';
import { clientFor, CLIENT_ID, CLIENT_SECRET, failures, logged, pool, timed, transports, withMock } from '../src/harness.mjs';

const RETRY = { max_retries: 3, base_delay_ms: 10, max_delay_ms: 50 };
const POSTS = 20;
const timings = {};
after(() => process.stderr.write(`reliability/resets ms: ${JSON.stringify(timings)}\n`));

const body = (n) => ({ name: `Reset ${n}`, email: `reset${n}@example.com`, password: 'x-Password-1' });
const rejection = (promise) =>
  promise.then(
    (value) => assert.fail(`expected a rejection, got ${JSON.stringify(value)}`),
    (error) => error,
  );

for (const [name, Transport] of await transports()) {
  test(`${name}: connection resets`, () =>
    withMock({ requestLogLimit: 10_000 }, async (mock) => {
      const client = clientFor(mock, Transport, RETRY);
      await client.loginClientCredentialsGrant(CLIENT_ID, CLIENT_SECRET);
      const users = new UsersApi(client);

      await timed(timings, `${name} GET`, async () => {
        // Two resets in a row, one of each kind: the third attempt answers.
        mock.addFault({ route: 'GET /api/v2/users/me', reset: 'before-body', times: 1 });
        mock.addFault({ route: 'GET /api/v2/users/me', reset: 'after-body', times: 1 });
        const me = await users.getUsersMe();
        assert.equal(me.name, 'Demo User');
        assert.deepEqual(
          logged(mock, 'GET', '/api/v2/users/me').map((r) => [r.status, r.reset]),
          [
            [0, 'before-body'],
            [0, 'after-body'],
            [200, undefined],
          ],
        );
        // Resets past the budget: a NetworkError after 4 attempts.
        mock.requests.length = 0;
        mock.addFault({ route: 'GET /api/v2/users/me', reset: 'after-body', times: 4 });
        const error = await rejection(users.getUsersMe());
        assert.ok(error instanceof NetworkError && !(error instanceof TimeoutError), String(error));
        assert.equal(logged(mock, 'GET', '/api/v2/users/me').length, 4);
      });

      await timed(timings, `${name} POST`, async () => {
        // 20 POSTs at once, each meeting a reset (half before, half after the body was read): each is sent exactly once.
        mock.requests.length = 0;
        for (let i = 0; i < POSTS; i++)
          mock.addFault({ route: 'POST /api/v2/users', reset: i % 2 ? 'after-body' : 'before-body', times: 1 });
        const outcomes = await pool(POSTS, POSTS, (i) => users.postUsers(body(i)));
        for (const { ok, error } of outcomes) {
          assert.equal(ok, false);
          assert.ok(error instanceof NetworkError && !(error instanceof ApiError), String(error));
        }
        const posts = logged(mock, 'POST', '/api/v2/users');
        assert.equal(posts.length, POSTS, 'every POST received once, none re-sent');
        assert.deepEqual(posts.map((r) => r.reset).sort(), [
          ...Array(POSTS / 2).fill('after-body'),
          ...Array(POSTS / 2).fill('before-body'),
        ]);
        assert.equal([...mock.store.users.items.values()].filter((u) => String(u.email).startsWith('reset')).length, 0);
      });

      await timed(timings, `${name} afterwards`, async () => {
        // The pool of connections recovers: GETs and a POST go through, the POST creating one user.
        mock.requests.length = 0;
        const outcomes = await pool(20, 20, () => users.getUsersMe());
        assert.deepEqual(failures(outcomes), []);
        const created = await users.postUsers(body('ok'));
        assert.equal(created.email, 'resetok@example.com');
        assert.equal(logged(mock, 'POST', '/api/v2/users').length, 1);
      });
    }));
}
