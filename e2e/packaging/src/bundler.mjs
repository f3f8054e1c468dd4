// Each domain package from a bundler, on its own: for every installed api package, a browser page that
// imports only @gcsdk/core and that package, built by esbuild as an application would build it (ESM,
// code splitting, browser platform, minified), with no polyfill and no Node built-in available.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { apiClassOf } from './consumer.mjs';
import { ROOT } from './packages.mjs';

const { build } = createRequire(join(ROOT, 'package.json'))('esbuild');

/** How an application builds a browser page: ESM, code splitting, browser platform, minified. */
const pageBuild = (dir) => ({
  absWorkingDir: dir,
  bundle: true,
  minify: true,
  format: 'esm',
  splitting: true,
  platform: 'browser',
  target: 'es2022',
});

/** One page per api package in `dir/pages`; returns the build's metafile and the page of each package. */
export async function bundleDomainPages(dir, packages) {
  const pages = join(dir, 'pages');
  mkdirSync(pages, { recursive: true });
  const entries = {};
  for (const { name } of packages.filter((p) => p.name.startsWith('@gcsdk/api-'))) {
    const apiClass = apiClassOf(dir, name);
    const file = join(pages, `${name.slice('@gcsdk/'.length)}.js`);
    writeFileSync(
      file,
      `import { ApiClient } from '@gcsdk/core';
import { ${apiClass} } from '${name}';
const client = new ApiClient();
client.setAccessToken('token');
const api = new ${apiClass}(client);
globalThis.page = { apiClass: '${apiClass}', methods: Object.getOwnPropertyNames(${apiClass}.prototype).filter((m) => typeof api[m] === 'function' && m !== 'constructor').length, client: api.apiClient === client };
`,
    );
    entries[name] = file;
  }
  const result = await build({
    ...pageBuild(dir),
    entryPoints: Object.values(entries),
    outdir: join(dir, 'pages-out'),
    // ES modules that plain Node can import too (the test runs each page there after building it).
    outExtension: { '.js': '.mjs' },
    write: true,
    metafile: true,
    logLevel: 'silent',
  });
  return { result, entries };
}

/** The output files a page loads before it calls anything: its entry chunk and what that imports statically. */
export function loadedChunks(metafile, entryFile) {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((path) => outputs[path].entryPoint && entryFile.endsWith(outputs[path].entryPoint));
  const loaded = new Set();
  const visit = (path) => {
    if (loaded.has(path)) return;
    loaded.add(path);
    for (const dependency of outputs[path].imports) if (dependency.kind === 'import-statement') visit(dependency.path);
  };
  visit(entry);
  return [...loaded];
}

/**
 * A browser page that imports @gcsdk/notifications (and the core), bundled for the browser platform with
 * no Node built-in available: esbuild fails on any `node:` import. Returns the build and the page's file.
 */
export async function bundleNotificationsPage(dir) {
  const file = join(dir, 'pages', 'notifications.js');
  mkdirSync(join(dir, 'pages'), { recursive: true });
  writeFileSync(
    file,
    `import { ApiClient } from '@gcsdk/core';
import { createNotificationClient } from '@gcsdk/notifications';
globalThis.page = { create: typeof createNotificationClient, client: typeof ApiClient };
`,
  );
  const result = await build({
    ...pageBuild(dir),
    entryPoints: [file],
    outdir: join(dir, 'notifications-out'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { result, file };
}
