// The token is revoked in the middle of 500 concurrent calls: half have succeeded, half are on their
// way with the old token (held in a beforeRequest hook, after the auth step set the header, until
// the revocation). Exactly one token request renews it, and all 500 calls succeed.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { UsersApi } from '@gcsdk/api-users';
import {
  clientFor,
  defaultTransport,
  CLIENT_ID,
  CLIENT_SECRET,
  eventually,
  failures,
  logged,
  pool,
  timed,
  transports,
  withMock,
} from '../src/harness.mjs';

const CALLS = 500;
const REDIRECT = 'http://127.0.0.1/callback';
const timings = {};
after(() => process.stderr.write(`reliability/token-revocation ms: ${JSON.stringify(timings)}\n`));

const logins = {
  'client credentials': (client) => client.loginClientCredentialsGrant(CLIENT_ID, CLIENT_SECRET),
  'code grant with refresh': async (client, mock) => {
    const code = mock.oauth.authorize(CLIENT_ID, REDIRECT, undefined);
    const auth = await client.loginCodeAuthorizationGrant(CLIENT_ID, CLIENT_SECRET, code, REDIRECT);
    assert.ok(auth.refreshToken);
  },
};

// Client credentials over every transport; the code grant's refresh token over the default one (the
// renewal differs by grant, not by transport).
const main = await defaultTransport();
for (const [name, Transport] of await transports()) {
  for (const [grant, login] of Object.entries(logins)) {
    if (grant !== 'client credentials' && name !== main) continue;
    test(`${name}, ${grant}: token revoked in the middle of 500 concurrent calls: 1 token request, 0 failures`, () =>
      withMock({ users: CALLS, requestLogLimit: 10_000 }, async (mock) => {
        const ids = [...mock.store.users.items.keys()].slice(0, CALLS);
        const client = clientFor(mock, Transport, { enabled: false }); // no retry can hide a failure
        await login(client, mock);
        const before = client.authData.accessToken;
        const held = new Set(ids.filter((_, i) => i % 2)); // the second half: every other call
        let release;
        const gate = new Promise((resolve) => (release = resolve));
        let arrived = 0;
        const heldOnce = new Set();
        client.use({
          beforeRequest: async (request) => {
            arrived++;
            const id = request.url.split('/').pop();
            if (held.has(id) && !heldOnce.has(id)) {
              heldOnce.add(id);
              await gate;
            }
          },
        });
        const users = new UsersApi(client);
        mock.requests.length = 0;
        const outcomes = await timed(timings, `${name} ${grant}`, async () => {
          const calls = pool(CALLS, CALLS, (i) => users.getUser(ids[i]));
          // Every call has left the caller, and the first half has been answered: revoke, then let the rest go.
          await eventually(() => arrived >= CALLS && mock.requests.filter((r) => r.status === 200).length === CALLS / 2, 'the first half');
          assert.equal(mock.revokeTokens(), 1);
          release();
          return calls;
        });

        assert.deepEqual(failures(outcomes), []);
        assert.deepEqual(
          outcomes.map((o) => o.value.id),
          ids,
        );
        assert.equal(logged(mock, 'POST', '/oauth/token').length, 1, 'exactly one token request');
        assert.notEqual(client.authData.accessToken, before);
        const statuses = (id) => logged(mock, 'GET', `/api/v2/users/${id}`).map((r) => r.status);
        for (const id of ids) assert.deepEqual(statuses(id), held.has(id) ? [401, 200] : [200], id);
      }));
  }
}
