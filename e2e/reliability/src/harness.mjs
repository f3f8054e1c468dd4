// What every reliability test shares: the built packages, the transports to run over, a mock server
// that is always closed, a client pointed at it, a bounded-concurrency runner and a child process
// that must exit by itself.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import * as core from '@gcsdk/core';
import { startMockServer } from '@gcsdk/mock-server';

export const CLIENT_ID = 'demo-client';
export const CLIENT_SECRET = 'demo-secret';

/** The Node transports the core exports: axios, fetch, and a NodeHttpClient once the core has one. */
export async function transports() {
  const found = new Map();
  for (const name of ['DefaultHttpClient', 'FetchHttpClient', 'NodeHttpClient'])
    if (typeof core[name] === 'function') found.set(name, core[name]);
  // A Node-only entry point, if the core grows one (docs/DESIGN.md §4: `@gcsdk/core/node`).
  const node = await import('@gcsdk/core/node').catch(() => undefined);
  for (const name of ['NodeHttpClient']) if (!found.has(name) && typeof node?.[name] === 'function') found.set(name, node[name]);
  return found;
}

/** The name of the transport a new ApiClient uses in Node when none is set. */
export async function defaultTransport() {
  const chosen = new core.ApiClient({ readConfigFile: false }).getHttpClient();
  for (const [name, Transport] of await transports()) if (chosen.constructor === Transport) return name;
  throw new Error(`the default transport ${chosen.constructor.name} is not among those tested`);
}

/** A transport by name, for child processes. */
export async function transportNamed(name) {
  const Transport = (await transports()).get(name);
  if (!Transport) throw new Error(`@gcsdk/core exports no ${name}`);
  return Transport;
}

/** Rate limit of the mock lifted: the tests inject the 429s they mean. */
export const NO_RATE_LIMIT = { requests: 1_000_000_000, windowSeconds: 60 };

/** Starts a mock server on 127.0.0.1 and a free port, runs fn, and closes the server whatever happens. */
export async function withMock(options, fn) {
  const mock = await startMockServer({ port: 0, host: '127.0.0.1', rateLimit: NO_RATE_LIMIT, ...options });
  try {
    return await fn(mock);
  } finally {
    await mock.close();
  }
}

/**
 * Per-attempt timeout of the clients of these tests. The default, 16 s, fires on a starved machine:
 * the mock shares the test's process, and with 100 calls in flight on two busy cores an attempt the
 * mock answered at once was seen timing out (a TimeoutError, then a retry the tests would count).
 */
export const ATTEMPT_TIMEOUT_MS = 120_000;

/** An ApiClient over the given transport, pointed at the mock, not reading any configuration file. */
export function clientFor(mock, Transport, retry = {}) {
  const client = new core.ApiClient({ readConfigFile: false });
  client.setHttpClient(new Transport());
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: mock.port });
  client.setRetryOptions(retry);
  client.timeout = ATTEMPT_TIMEOUT_MS;
  return client;
}

/** Runs task(0..count-1) with at most `concurrency` in flight; returns every outcome, in order. */
export async function pool(count, concurrency, task) {
  const outcomes = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      try {
        outcomes[i] = { ok: true, value: await task(i) };
      } catch (error) {
        outcomes[i] = { ok: false, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return outcomes;
}

/** The failures among pool outcomes, shown briefly (for assertion messages). */
export const failures = (outcomes) =>
  outcomes.filter((o) => !o.ok).map((o) => `${o.error?.name}: ${o.error?.message} (status ${o.error?.status})`);

/** The mock's log entries for one method and path. */
export const logged = (mock, method, path) => mock.requests.filter((r) => r.method === method && r.path === path);

/** Waits for a condition that some background work makes true (a file watcher); fails with `what` after `limitMs`. */
export async function eventually(condition, what, limitMs = 60_000) {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting (${limitMs} ms) for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Times fn and records it under label (the test files print them at the end). */
export async function timed(timings, label, fn) {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    timings[label] = Math.round(performance.now() - started);
  }
}

/**
 * Runs a Node script that prints one JSON line starting with `RESULT ` once its calls have settled,
 * and must then exit by itself: the child never calls process.exit, so an open socket, timer or
 * listener keeps it alive. A child still running `exitLimitMs` after its result (or `totalLimitMs`
 * after it started) is killed and reported as not exiting. Resolves with the parsed result.
 */
export function runChild(script, args, { nodeOptions = [], env = {}, exitLimitMs = 30_000, totalLimitMs = 180_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeOptions, script, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    let result;
    let settledAt;
    let verdict;
    const kill = (why) => {
      verdict = why;
      child.kill('SIGKILL');
    };
    let limit = setTimeout(() => kill(`did not finish within ${totalLimitMs} ms`), totalLimitMs);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (line && result === undefined) {
        result = JSON.parse(line.slice('RESULT '.length));
        settledAt = performance.now();
        clearTimeout(limit);
        limit = setTimeout(() => kill(`did not exit by itself within ${exitLimitMs} ms after its calls settled`), exitLimitMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) => {
      clearTimeout(limit);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      const exitMs = settledAt === undefined ? undefined : Math.round(performance.now() - settledAt);
      if (verdict) return reject(new Error(`${script} ${verdict}\nstdout: ${stdout}\nstderr: ${stderr}`));
      if (code !== 0 || result === undefined)
        return reject(new Error(`${script} exited with ${code ?? signal} before a result\nstdout: ${stdout}\nstderr: ${stderr}`));
      resolve({ result, exitMs, stderr });
    });
  });
}
