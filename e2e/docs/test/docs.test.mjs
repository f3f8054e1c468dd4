// The API reference site: built by TypeDoc from the packages' sources with the options `npm run docs`
// uses (docs/typedoc.json), into a temporary folder; then sample pages and the search index are read.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { inflateSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const typedocBin = join(dirname(createRequire(import.meta.url).resolve('typedoc/package.json')), 'bin/typedoc');
const out = mkdtempSync(join(tmpdir(), 'gcsdk-docs-'));
let build;

/**
 * The packages built here: the hand-written ones and three generated domains. The 87 domains come
 * from one generator, so three show what all do; the whole site (`npm run docs`, about 2 minutes and
 * most of a CPU) would be most of this suite's time. The options file must still name every package.
 */
const SAMPLE_PACKAGES = ['core', 'notifications', 'mock-server', 'api-users', 'api-routing', 'api-analytics'];

/** Runs TypeDoc with the options `npm run docs` uses, on SAMPLE_PACKAGES, into `out`; resolves with its exit code and output. */
const buildSite = () =>
  new Promise((resolveBuild, reject) => {
    const started = performance.now();
    const entryPoints = SAMPLE_PACKAGES.flatMap((name) => ['--entryPoints', `packages/${name}`]);
    const child = spawn(process.execPath, [typedocBin, '--options', 'docs/typedoc.json', '--out', out, ...entryPoints], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolveBuild({ code, output, ms: Math.round(performance.now() - started) }));
  });

/** Whether a TypeDoc entry point of the options file (a path or a trailing `*` glob) names `dir`. */
const matchesEntry = (entry, dir) => (entry.endsWith('*') ? dir.startsWith(entry.slice(0, -1)) : entry === dir);

/** HTML reduced to its visible text: tags dropped, entities decoded, whitespace collapsed. */
const visibleText = (html) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#123;/g, '{')
    .replace(/&#125;/g, '}')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

const pageHtml = (relativePath) => {
  const file = join(out, relativePath);
  assert.ok(existsSync(file), `${relativePath} is missing from the site`);
  return readFileSync(file, 'utf8');
};

const pageText = (relativePath) => visibleText(pageHtml(relativePath));

/** The text of one member's section of a class page: from its anchor to the next member. */
const memberText = (relativePath, member) => {
  const html = pageHtml(relativePath);
  const start = html.indexOf(`id="${member.toLowerCase()}"`);
  assert.ok(start >= 0, `${member} is not documented on ${relativePath}`);
  const end = html.indexOf('<section class="tsd-panel tsd-member', start);
  return visibleText(html.slice(start, end < 0 ? undefined : end));
};

before(async () => {
  build = await buildSite();
});

after(() => {
  rmSync(out, { recursive: true, force: true });
  process.stderr.write(`docs: site built in ${build?.ms} ms\n`);
});

test('npm run docs covers every published package but the umbrella', () => {
  const options = JSON.parse(readFileSync(join(root, 'docs/typedoc.json'), 'utf8'));
  const covered = (dir) => options.entryPoints.some((entry) => matchesEntry(entry, `../packages/${dir}`));
  const published = readdirSync(join(root, 'packages')).filter(
    (dir) => existsSync(join(root, 'packages', dir, 'package.json')) && dir !== 'platform-client',
  );
  assert.ok(published.length >= 90, `packages found: ${published.length}`);
  assert.deepEqual(
    published.filter((dir) => !covered(dir)),
    [],
  );
  assert.equal(covered('platform-client'), false, 'the umbrella re-exports the domains: it would document each twice');
});

test('the docs build succeeds, without a warning, and writes one module page per package', () => {
  assert.equal(build.code, 0, `typedoc failed:\n${build.output}`);
  assert.doesNotMatch(build.output, /\[(error|warning)\]/);
  for (const page of [
    'index.html',
    'modules/_gcsdk_core.html',
    'modules/_gcsdk_notifications.html',
    'modules/_gcsdk_mock-server.html',
    'modules/_gcsdk_api-users.html',
    'modules/_gcsdk_api-routing.html',
    'modules/_gcsdk_api-analytics.html',
  ]) {
    assert.ok(existsSync(join(out, page)), `${page} is missing`);
  }
});

test('operations show their summary, HTTP line, permissions, allowed values and return type', () => {
  const getUsers = memberText('classes/_gcsdk_api-users.UsersApi.html', 'getUsers');
  assert.match(getUsers, /Get the list of available users\./);
  assert.match(getUsers, /GET \/api\/v2\/users /);
  assert.match(getUsers, /"active" \| "inactive" \| "deleted" \| "any"/);
  assert.match(getUsers, /Promise ?< ?UserEntityListing ?>/);

  const postQueues = memberText('classes/_gcsdk_api-routing.RoutingApi.html', 'postRoutingQueues');
  assert.match(postQueues, /POST \/api\/v2\/routing\/queues /);
  assert.match(postQueues, /Requires (ANY|ALL) of these permissions: routing:queue:add/);

  const conversationsQuery = memberText('classes/_gcsdk_api-analytics.AnalyticsApi.html', 'postAnalyticsConversationsDetailsQuery');
  assert.match(conversationsQuery, /POST \/api\/v2\/analytics\/conversations\/details\/query /);
});

test('deprecated and preview operations say so on their page', () => {
  const deleteQueueUser = memberText('classes/_gcsdk_api-routing.RoutingApi.html', 'deleteRoutingQueueUser');
  assert.match(deleteQueueUser, /Deprecated This operation is deprecated by Genesys Cloud\./);
  assert.match(
    pageText('classes/_gcsdk_api-analytics.AnalyticsApi.html'),
    /Preview: this resource is in preview and may change without notice\./,
  );
});

test('return types link to the model pages, which list their properties, and ApiClient to the core', () => {
  const usersApi = readFileSync(join(out, 'classes/_gcsdk_api-users.UsersApi.html'), 'utf8');
  assert.match(usersApi, /href="\.\.\/interfaces\/_gcsdk_api-users\.UserEntityListing\.html"/);
  // Across packages too (through @gcsdk/core's built declarations: the Nx dependsOn of this test).
  assert.match(usersApi, /href="_gcsdk_core\.ApiClient\.html"/);

  const user = pageText('interfaces/_gcsdk_api-users.User.html');
  for (const property of ['name', 'email', 'state', 'division']) {
    assert.match(user, new RegExp(`\\b${property} ?\\?:`), `User.${property}`);
  }
  const queue = pageText('interfaces/_gcsdk_api-routing.Queue.html');
  for (const property of ['name', 'memberCount', 'acwSettings']) {
    assert.match(queue, new RegExp(`\\b${property} ?\\?:`), `Queue.${property}`);
  }
});

test('the core runtime and the notifications client are documented', () => {
  assert.match(pageText('classes/_gcsdk_core.ApiClient.html'), /Class ApiClient/);
  assert.match(pageText('functions/_gcsdk_core.waitForJob.html'), /waitForJob/);
  assert.match(pageText('functions/_gcsdk_notifications.createNotificationClient.html'), /createNotificationClient/);
});

test('the search index exists and finds operations and models', () => {
  const script = readFileSync(join(out, 'assets/search.js'), 'utf8');
  const encoded = /window\.searchData = "([^"]+)"/.exec(script)?.[1];
  assert.ok(encoded, 'assets/search.js carries no search data');
  const index = JSON.parse(inflateSync(Buffer.from(encoded, 'base64')).toString('utf8'));
  const names = new Set(index.rows.map((row) => row.name));
  for (const name of ['getUsers', 'postRoutingQueues', 'User', 'Queue', 'ApiClient', 'waitForJob']) {
    assert.ok(names.has(name), `${name} is not in the search index`);
  }
});
