// What users get: every published package packed, linted on its tarball (publint, arethetypeswrong),
// installed into a fresh consumer that compiles in strict TypeScript through `exports` (node16 ESM and
// CJS, bundler) and runs in plain Node (CJS and ESM). Nx builds every package first (dependsOn).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { bundleDomainPages, bundleNotificationsPage, loadedChunks } from '../src/bundler.mjs';
import { compile, installTarballs, runEntry, writeConsumer } from '../src/consumer.mjs';
import { engineProblems } from '../src/engines.mjs';
import { lintTarball } from '../src/lint.mjs';
import { packAll, publishedPackages } from '../src/packages.mjs';

const packages = publishedPackages();
const work = mkdtempSync(join(tmpdir(), 'gcsdk-packaging-'));
const consumer = join(work, 'consumer');
const timings = {};
let tarballs;

const timed = async (label, fn) => {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    timings[label] = Math.round(performance.now() - started);
  }
};

before(async () => {
  tarballs = await timed('pack', () => packAll(packages, work));
  installTarballs(consumer, packages, tarballs);
  writeConsumer(consumer, packages);
});

after(() => {
  rmSync(work, { recursive: true, force: true });
  const size = [...(tarballs?.values() ?? [])].reduce((n, t) => n + t.size, 0);
  process.stderr.write(
    `packaging: ${packages.length} packages, ${(size / 1024 / 1024).toFixed(1)} MB packed; ms: ${JSON.stringify(timings)}\n`,
  );
});

test('the published packages are the core, the mock server, the notifications client, 87 api packages and the umbrella (the Nx dependsOn of this test)', () => {
  const names = packages.map((p) => p.name);
  const api = names.filter((n) => n.startsWith('@gcsdk/api-'));
  assert.equal(api.length, 87);
  assert.deepEqual(
    names.filter((n) => !api.includes(n)),
    ['@gcsdk/core', '@gcsdk/mock-server', '@gcsdk/notifications', '@gcsdk/platform-client'],
    'a new published package must be added to the build dependsOn in e2e/packaging/package.json',
  );
  assert.equal(tarballs.size, packages.length);
});

test('every package of the install closure runs on the oldest Node our packages accept (engines.node)', () => {
  const { problems, checked, oldest } = engineProblems(packages);
  assert.deepEqual(problems, []);
  assert.ok(oldest, 'our packages declare engines.node');
  assert.ok(checked > packages.length, `third-party dependencies were checked too (${checked} packages)`);
});

test('publint and arethetypeswrong find nothing wrong in any tarball', async () => {
  const problems = await timed('lint', async () => {
    const found = [];
    for (const { name } of packages) for (const line of await lintTarball(tarballs.get(name).path)) found.push(`${name}: ${line}`);
    return found;
  });
  assert.deepEqual(problems, []);
});

test('a strict TypeScript consumer compiles against every package through its exports', async (t) => {
  const [node16, bundler] = await timed('compile', () =>
    Promise.all([compile(consumer, 'tsconfig.node16.json'), compile(consumer, 'tsconfig.bundler.json')]),
  );
  await t.test('moduleResolution node16: a .mts (ESM) and a .cts (CJS) consumer', () => assert.equal(node16, ''));
  await t.test('moduleResolution bundler', () => assert.equal(bundler, ''));
});

test('every package loads in plain Node, as CJS and as ESM', async () => {
  const [cjs, esm] = await timed('run', () => Promise.all([runEntry(consumer, 'run.cjs'), runEntry(consumer, 'run.mjs')]));
  for (const found of [cjs, esm]) {
    assert.deepEqual(
      found.filter((line) => !line.startsWith('ok ')),
      [],
    );
    assert.ok(found.length >= packages.length + 2);
  }
});

test('the installed @gcsdk/api-users takes a signal (AbortError) and a timeout (TimeoutError) per call', async () => {
  const { aborted, timedOut } = await timed('options', () => runEntry(consumer, 'options.mjs'));
  assert.deepEqual(aborted, { isError: true, name: 'AbortError', abort: true, timeout: false });
  assert.deepEqual(timedOut, { isError: true, name: 'TimeoutError', abort: false, timeout: true });
});

test('each api package works from a bundler on its own: a browser page of the core and that package, no Node built-in, no axios until a login or DefaultHttpClient asks', async () => {
  const { result, entries } = await timed('bundle', () => bundleDomainPages(consumer, packages));
  assert.deepEqual(result.errors, []);
  assert.deepEqual(result.warnings, []);
  const domains = Object.keys(entries);
  assert.equal(domains.length, 87);
  for (const [name, file] of Object.entries(entries)) {
    const inputs = loadedChunks(result.metafile, relative(consumer, file)).flatMap((chunk) =>
      Object.keys(result.metafile.outputs[chunk].inputs),
    );
    assert.ok(
      inputs.some((input) => input.includes(`node_modules/${name}/dist/index.mjs`)),
      `${name}: its page bundles the package`,
    );
    assert.ok(
      inputs.some((input) => input.includes('node_modules/@gcsdk/core/dist/browser/')),
      `${name}: the core's browser build`,
    );
    assert.deepEqual(
      inputs.filter((input) => /node_modules\/(axios|ini)\/|auth\/(grants|browser-flows|popup)\.js/.test(input)),
      [],
      name,
    );
    // The page runs: its class carries every operation as a method, on the client it was given.
    const out = Object.keys(result.metafile.outputs).find((path) => result.metafile.outputs[path].entryPoint === relative(consumer, file));
    await import(pathToFileURL(join(consumer, out)).href);
    const { methods, client } = globalThis.page;
    const operations = Number(/\((\d+) operations?\)/.exec(packages.find((p) => p.name === name).pkg.description)?.[1]);
    assert.equal(methods, operations, `${name}: methods`);
    assert.equal(client, true);
  }
});

test('@gcsdk/notifications from a bundler: its browser build, with neither ws nor a Node built-in, and no axios until asked', async () => {
  const { result, file } = await timed('notifications bundle', () => bundleNotificationsPage(consumer));
  assert.deepEqual(result.errors, []);
  const everything = Object.keys(result.metafile.inputs);
  assert.ok(
    everything.some((input) => input.includes('node_modules/@gcsdk/notifications/dist/browser/')),
    'the browser build is the one bundled',
  );
  assert.deepEqual(
    everything.filter((input) => /node_modules\/ws\//.test(input)),
    [],
    'ws in no chunk at all',
  );
  const loaded = loadedChunks(result.metafile, relative(consumer, file)).flatMap((chunk) =>
    Object.keys(result.metafile.outputs[chunk].inputs),
  );
  assert.deepEqual(
    loaded.filter((input) => /node_modules\/axios\//.test(input)),
    [],
    'axios only in a chunk loaded on demand',
  );
});
