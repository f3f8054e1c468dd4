// A live-reloaded configuration file, corrupted and then fixed, while calls go on: nothing throws,
// the calls keep the settings the file had (its gateway, its retry budget) while it is corrupted,
// the problem is reported once however often the file is read, and the fixed file's settings (a
// gateway to another server, another retry budget) are picked up by the watcher.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '@gcsdk/core';
import { UsersApi } from '@gcsdk/api-users';
import {
  ATTEMPT_TIMEOUT_MS,
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

const timings = {};
after(() => process.stderr.write(`reliability/config-reload ms: ${JSON.stringify(timings)}\n`));

const ini = (port, maxRetries) =>
  `[gateway]\nhost = 127.0.0.1\nprotocol = http\nport = ${port}\n\n[retry]\nmax_retries = ${maxRetries}\nbase_delay_ms = 5\n`;

for (const [name, Transport] of await transports()) {
  test(`${name}: a live-reloaded config file corrupted, then fixed`, () =>
    withMock({}, (first) =>
      withMock({}, async (second) => {
        const dir = mkdtempSync(join(tmpdir(), 'gcsdk-reliability-config-'));
        const path = join(dir, 'config');
        const problems = [];
        const consoleError = console.error;
        console.error = (...args) => void problems.push(args.join(' '));
        const client = new ApiClient({ readConfigFile: false });
        client.timeout = ATTEMPT_TIMEOUT_MS;
        try {
          await timed(timings, name, async () => {
            writeFileSync(path, ini(first.port, 1));
            client.config.liveReloadIntervalMs = 20;
            client.config.setConfigPath(path);
            client.setHttpClient(new Transport());
            assert.equal(client.config.gateway?.port, first.port);
            await client.loginClientCredentialsGrant(CLIENT_ID, CLIENT_SECRET);
            const users = new UsersApi(client);
            const calls = async (n) => assert.deepEqual(failures(await pool(n, 10, () => users.getUsersMe())), []);
            await calls(10);

            // Corrupted: a section header cut short. The watcher reads it and reports it.
            writeFileSync(path, `[gateway\nhost = 127.0.0.1\nport = ${second.port}\n[retry]\nmax_retries = 3\n`);
            await eventually(() => problems.length > 0, 'the report of the corrupted file');
            assert.match(problems[0], /previous settings kept/);
            assert.match(problems[0], new RegExp(path.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')));
            // Read again and again (the file touched, and reads on demand, as the watcher does): still one report.
            utimesSync(path, new Date(), new Date(Date.now() + 5000));
            for (let i = 0; i < 3; i++) client.config.updateConfigFromFile();
            await calls(20);
            assert.equal(client.config.gateway?.port, first.port, 'the gateway of the last good file');
            assert.equal(client.config.retry.max_retries, 1, 'the retry budget of the last good file');
            // Its retry budget still applies: two 503s are one too many for max_retries = 1.
            first.addFault({ route: 'GET /api/v2/users/me', status: 503, retryAfter: 0, times: 2 });
            await assert.rejects(users.getUsersMe(), { status: 503 });
            assert.equal(logged(second, 'GET', '/api/v2/users/me').length, 0);
            assert.equal(logged(first, 'GET', '/api/v2/users/me').length, 10 + 20 + 2);
            assert.equal(problems.length, 1, `reported once: ${problems.join('\n')}`);

            // Fixed, with new settings: the watcher picks them up; calls go to the other server (a token is fetched there).
            writeFileSync(path, ini(second.port, 2));
            await eventually(() => client.config.gateway?.port === second.port, 'the fixed file to be applied');
            assert.equal(client.config.retry.max_retries, 2);
            await users.getUsersMe();
            // And its retry budget: two 503s now fit max_retries = 2.
            second.addFault({ route: 'GET /api/v2/users/me', status: 503, retryAfter: 0, times: 2 });
            await users.getUsersMe();
            await calls(10);
            assert.deepEqual(
              logged(second, 'GET', '/api/v2/users/me').map((r) => r.status),
              [401, 200, 503, 503, ...Array(11).fill(200)],
            );
            assert.equal(logged(second, 'POST', '/oauth/token').length, 1);
            assert.equal(logged(first, 'GET', '/api/v2/users/me').length, 32);
            assert.equal(problems.length, 1, `nothing more reported: ${problems.join('\n')}`);
          });
        } finally {
          client.close();
          console.error = consoleError;
          rmSync(dir, { recursive: true, force: true });
        }
      }),
    ));
}
