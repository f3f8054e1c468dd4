// Every published package through a registry, as users and companies get them: scripts/release.mjs
// publishes the workspace to a local verdaccio (and skips it all the second time), fresh apps outside the
// workspace install one domain or the umbrella from it and call the mock server, a patch of the core
// reaches an app through `npm update`, and the install sizes are printed beside the reference SDK's.
// Nx builds every package first (dependsOn).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { ROOT, publicPackages, publishLevels } from '../../../scripts/lib/workspace-packages.mjs';
import { createApp, folderDigest, installSize, lockedPackages, npm, npmSetup, release, runNode } from '../src/apps.mjs';
import { REFERENCE, REQUIRE_LINE, linesOnlyIn, readmeExample, runnableExample } from '../src/readme-example.mjs';
import { machineRegistry, npmrcFor, startVerdaccio, tokenLine } from '../src/verdaccio.mjs';

const run = promisify(execFile);
const { startMockServer, DEFAULT_USER } = createRequire(import.meta.url)(join(ROOT, 'packages/mock-server'));

const packages = publicPackages();
const work = mkdtempSync(join(tmpdir(), 'gcsdk-registry-'));
const timings = {};
const sizes = {};
let registry;
let mock;
let setup; // the npm settings of every child: temp user config and cache
let publisher; // … and the publisher's token, in a temp user config of its own

const timed = async (label, fn) => {
  const started = performance.now();
  try {
    return await fn();
  } finally {
    timings[label] = Math.round(performance.now() - started);
  }
};

before(async () => {
  setup = npmSetup(work);
  const uplink = await machineRegistry();
  registry = await timed('verdaccio', () => startVerdaccio(join(work, 'verdaccio'), uplink));
  writeFileSync(join(work, 'publisher.npmrc'), `${readFileSync(setup.npm_config_userconfig, 'utf8')}${tokenLine(registry)}`);
  publisher = { ...setup, npm_config_userconfig: join(work, 'publisher.npmrc') };
  mock = await startMockServer({ port: 0 });
});

after(async () => {
  await mock?.close();
  await registry?.close();
  rmSync(work, { recursive: true, force: true });
  const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  for (const [label, size] of Object.entries(sizes)) {
    process.stderr.write(
      `registry: installed ${label}: ${mb(size.bytes)} in ${size.files} files (${mb(size.allocated)} on disk), ${size.packages} packages${size.ours ? `; @gcsdk/* ${mb(size.ours)}` : ''}\n`,
    );
  }
  process.stderr.write(`registry: ${packages.length} packages; ms: ${JSON.stringify(timings)}\n`);
});

/** `outcome name@version` lines of the release script, in the order printed. */
const outcomes = (stdout) =>
  [...stdout.matchAll(/^(published|skipped|failed|would publish)\s+(\S+)@(\S+)/gm)].map(([, outcome, name, version]) => ({
    outcome,
    name,
    version,
  }));

test('Nx builds every package this test publishes first (dependsOn)', () => {
  const [{ projects }] = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')).nx.targets.test.dependsOn;
  const built = (name) => projects.some((pattern) => (pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern));
  assert.deepEqual(
    packages.filter((p) => !built(p.name)).map((p) => p.name),
    [],
    'a new published package must be added to the build dependsOn in e2e/registry/package.json',
  );
});

test('scripts/release.mjs publishes every package in dependency order, then skips them all as already there', async () => {
  const first = await timed('release', () => release(['--registry', registry.url], publisher));
  assert.equal(first.code, 0, first.stdout + first.stderr);
  const published = outcomes(first.stdout);
  assert.deepEqual(
    published.map((o) => `${o.outcome} ${o.name}@${o.version}`).sort(),
    packages.map((p) => `published ${p.name}@${p.version}`).sort(),
  );
  // A package is published after every package it depends on: core before the domains, they before the umbrella.
  const position = new Map(published.map((o, i) => [o.name, i]));
  for (const p of publishLevels(packages).flat())
    for (const dep of p.needs) assert.ok(position.get(dep) < position.get(p.name), `${dep} before ${p.name}`);
  assert.match(first.stdout, new RegExp(`^release: ${packages.length} published, 0 skipped \\(already there\\), 0 failed`, 'm'));
  assert.ok(!(first.stdout + first.stderr).includes(registry.token), 'the token is never printed');
  assert.ok(!readFileSync(join(ROOT, '.npmrc'), 'utf8').includes(registry.token), "nor written to the workspace's .npmrc");
  const umbrella = await (await fetch(new URL('@gcsdk%2fplatform-client', registry.url))).json();
  assert.ok(umbrella.versions[packages.find((p) => p.name === '@gcsdk/platform-client').version]);

  const second = await timed('release again', () => release(['--registry', registry.url], publisher));
  assert.equal(second.code, 0, second.stdout + second.stderr);
  assert.deepEqual(
    outcomes(second.stdout).filter((o) => o.outcome !== 'skipped'),
    [],
  );
  assert.equal(outcomes(second.stdout).length, packages.length);
  assert.match(second.stdout, /\(already there\)/);
  assert.match(second.stdout, new RegExp(`^release: 0 published, ${packages.length} skipped \\(already there\\), 0 failed`, 'm'));
});

const app1 = join(work, 'app-users');
const APP = `// One domain, as its README shows: the core's client, logged in with client credentials, and UsersApi.
const { ApiClient } = require('@gcsdk/core');
const { UsersApi } = require('@gcsdk/api-users');

const client = ApiClient.instance;
client.setGateway({ host: '127.0.0.1', protocol: 'http', port: Number(process.env.MOCK_PORT) });
client
  .loginClientCredentialsGrant('demo-client', 'demo-secret')
  .then(() => new UsersApi(client).getUsersMe())
  .then((me) => {
    const core = require('@gcsdk/core/package.json').version;
    console.log(JSON.stringify({ id: me.id, name: me.name, email: me.email, core }));
  })
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
`;

test('a fresh app installs @gcsdk/api-users from the registry: only it and the core of ours, and it calls the mock server', async () => {
  createApp(app1, npmrcFor(registry));
  await timed('install api-users', () => npm(app1, ['install', '@gcsdk/api-users'], setup));
  assert.deepEqual(readdirSync(join(app1, 'node_modules/@gcsdk')).sort(), ['api-users', 'core']);
  const locked = lockedPackages(app1);
  for (const [path, entry] of Object.entries(locked))
    assert.ok(entry.resolved?.startsWith(registry.url), `${path} came from the test's registry (${entry.resolved})`);
  sizes['app 1 (@gcsdk/api-users + @gcsdk/core)'] = installSize(app1);

  writeFileSync(join(app1, 'app.cjs'), APP);
  const { stdout } = await runNode(app1, 'app.cjs', { MOCK_PORT: String(mock.port) });
  const me = JSON.parse(stdout);
  assert.deepEqual(me, { ...DEFAULT_USER, core: locked['node_modules/@gcsdk/core'].version });
  assert.ok(mock.requests.some((r) => r.method === 'GET' && r.path === '/api/v2/users/me' && r.status === 200));
});

const app2 = join(work, 'app-umbrella');
const app3 = join(work, 'app-reference');

test("the umbrella from the registry runs the reference SDK's README example with only its require line changed", async () => {
  createApp(app2, npmrcFor(registry));
  createApp(app3, npmrcFor(registry));
  // The reference comes through the same registry (proxied), to run the same example and to compare sizes.
  await timed('install umbrella + reference', () =>
    Promise.all([npm(app2, ['install', '@gcsdk/platform-client'], setup), npm(app3, ['install', `${REFERENCE}@262.0.0`], setup)]),
  );
  sizes['app 2 (@gcsdk/platform-client)'] = installSize(app2);
  sizes[`app 3 (${REFERENCE}@262.0.0, the reference)`] = installSize(app3);
  const ours = readdirSync(join(app2, 'node_modules/@gcsdk'));
  assert.equal(ours.length, packages.length - 2, 'the umbrella brings the core and every domain, not the mock server or notifications');
  assert.ok(!ours.includes('mock-server') && !ours.includes('notifications'));

  const example = readmeExample();
  const original = runnableExample(example, { port: mock.port });
  const changed = runnableExample(example, { port: mock.port, packageName: '@gcsdk/platform-client' });
  // The diff to the README: the require line, and the credentials and gateway lines the README leaves to its reader.
  assert.deepEqual(linesOnlyIn(example, changed), [REQUIRE_LINE]);
  assert.deepEqual(linesOnlyIn(changed, example), [
    `const platformClient = require('@gcsdk/platform-client');`,
    `const clientId = 'demo-client';`,
    `const clientSecret = 'demo-secret';`,
    `platformClient.ApiClient.instance.setGateway({ host: '127.0.0.1', protocol: 'http', port: ${mock.port} });`,
  ]);
  assert.deepEqual(linesOnlyIn(original, changed), [REQUIRE_LINE], 'the reference runs the same program');
  writeFileSync(join(app2, 'example.cjs'), changed);
  writeFileSync(join(app3, 'example.cjs'), original);

  const seen = mock.requests.length;
  const gcsdk = await timed('run example', () => runNode(app2, 'example.cjs'));
  const calls = mock.requests.slice(seen).map((r) => `${r.method} ${r.path} ${r.status}`);
  assert.deepEqual(calls.sort(), ['GET /api/v2/authorization/permissions 200', 'POST /oauth/token 200', 'POST /oauth/token 200']);
  const reference = await runNode(app3, 'example.cjs');
  // It prints the permissions page, exactly as the reference prints it.
  assert.match(gcsdk.stdout, /entities: \[/);
  assert.equal(gcsdk.stderr, '');
  assert.equal(gcsdk.stdout, reference.stdout);
});

test('a patch of the core reaches the app through `npm update`; @gcsdk/api-users stays as it was', async () => {
  const was = {
    lock: lockedPackages(app1),
    digest: folderDigest(join(app1, 'node_modules/@gcsdk/api-users')),
  };
  const core = packages.find((p) => p.name === '@gcsdk/core');
  const [major, minor, patch] = core.version.split('.').map(Number);
  const next = `${major}.${minor}.${patch + 1}`;
  await timed('publish core patch', async () => {
    // A copy of the core as packed, with the next patch version: the workspace's package.json stays untouched.
    const [{ filename }] = JSON.parse(await npm(ROOT, ['pack', core.dir, '--json', '--pack-destination', work], setup));
    const copy = join(work, 'core-patch');
    mkdirSync(copy);
    await run('tar', ['-xzf', join(work, filename), '-C', copy, '--strip-components=1']);
    const pkg = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8'));
    writeFileSync(join(copy, 'package.json'), `${JSON.stringify({ ...pkg, version: next }, null, 2)}\n`);
    await npm(work, ['publish', copy, '--registry', registry.url], publisher);
  });
  assert.equal(JSON.parse(readFileSync(join(core.dir, 'package.json'), 'utf8')).version, core.version);

  await timed('npm update', () => npm(app1, ['update'], setup));
  const now = lockedPackages(app1);
  assert.equal(JSON.parse(readFileSync(join(app1, 'node_modules/@gcsdk/core/package.json'), 'utf8')).version, next);
  assert.equal(now['node_modules/@gcsdk/core'].version, next);
  assert.notEqual(now['node_modules/@gcsdk/core'].integrity, was.lock['node_modules/@gcsdk/core'].integrity);
  assert.deepEqual(now['node_modules/@gcsdk/api-users'], was.lock['node_modules/@gcsdk/api-users']);
  assert.equal(folderDigest(join(app1, 'node_modules/@gcsdk/api-users')), was.digest);
  assert.deepEqual(readdirSync(join(app1, 'node_modules/@gcsdk')).sort(), ['api-users', 'core']);

  const { stdout } = await runNode(app1, 'app.cjs', { MOCK_PORT: String(mock.port) });
  assert.equal(JSON.parse(stdout).core, next, 'the app runs on the new core');
});
