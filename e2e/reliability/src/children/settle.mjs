/* global AbortController */
// Child of test/open-handles.test.mjs: slow responses met by timeouts and aborts (in flight, while
// waiting to retry, before sending), a few successes, over one transport against the mock at PORT.
// Prints `RESULT {json}` once every call has settled, then must exit by itself: no process.exit here.
import { getEventListeners } from 'node:events';
import { setImmediate } from 'node:timers';
import { AbortError, ApiClient, NetworkError, TimeoutError } from '@gcsdk/core';
import { UsersApi } from '@gcsdk/api-users';
import { transportNamed } from '../harness.mjs';

const [port, transportName] = [Number(process.argv[2]), process.argv[3]];
// stdout and stderr are pipes to the parent, opened on first use: opened before the baseline is taken.
process.stdout.write('');
process.stderr.write('');
const baseline = process.getActiveResourcesInfo();
const Transport = await transportNamed(transportName);

// The default client: it reads and watches ~/.genesyscloudjavascript/config (HOME is a temporary directory with one).
const client = new ApiClient();
client.setHttpClient(new Transport());
client.setGateway({ host: '127.0.0.1', protocol: 'http', port });
client.setRetryOptions({ base_delay_ms: 20, max_delay_ms: 50 });
await client.loginClientCredentialsGrant('demo-client', 'demo-secret');
const users = new UsersApi(client);
const ids = process.argv.slice(4);
const [slowGet, slowPost, abortedInFlight, abortedWaiting] = ids;

const shared = new AbortController(); // one signal passed to many calls that succeed: its listeners must be gone
const outcome = (promise) =>
  promise.then(
    () => 'ok',
    (error) =>
      error instanceof TimeoutError
        ? 'TimeoutError'
        : error instanceof AbortError
          ? 'AbortError'
          : error instanceof NetworkError
            ? 'NetworkError'
            : `${error?.name}: ${error?.message}`,
  );
const abortAfter = (ms) => {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
};
const preAborted = new AbortController();
preAborted.abort();

const results = {
  // Each attempt times out (the mock waits 5 s); a GET is retried, then fails with a TimeoutError.
  timeoutGet: outcome(users.getUser(slowGet, { timeout: 150 })),
  // A POST that timed out may have been acted on: not retried.
  timeoutPost: outcome(users.postUsers({ name: 'Slow', email: slowPost, password: 'x-Password-1' }, { timeout: 150 })),
  // Aborted while the mock holds the response.
  abortedInFlight: outcome(users.getUser(abortedInFlight, { signal: abortAfter(200) })),
  // Answered 429 with Retry-After 60: aborted while waiting to retry (the wait's timer must go with it).
  abortedWaiting: outcome(users.getUser(abortedWaiting, { signal: abortAfter(300) })),
  // Aborted before it was sent.
  preAborted: outcome(users.getUsersMe({ signal: preAborted.signal })),
  // Successes sharing one signal and one timeout.
  successes: Promise.all(Array.from({ length: 20 }, () => outcome(users.getUsersMe({ signal: shared.signal, timeout: 10_000 })))),
};
for (const [key, promise] of Object.entries(results)) results[key] = await promise;

// Let closing sockets finish closing.
for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
const after = process.getActiveResourcesInfo();
const remaining = [...after];
for (const resource of baseline) {
  const i = remaining.indexOf(resource);
  if (i !== -1) remaining.splice(i, 1);
}
process.stdout.write(
  `RESULT ${JSON.stringify({
    results,
    baseline,
    after,
    // Beyond the baseline, what is not a socket already closing or this loop's own immediate.
    leftOver: remaining.filter((r) => r !== 'CloseReq' && r !== 'Immediate'),
    sharedSignalListeners: getEventListeners(shared.signal, 'abort').length,
    watchingConfig: client.config.live_reload_config && client.config.configPath,
  })}\n`,
);
