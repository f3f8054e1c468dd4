#!/usr/bin/env node
// Browser bundle sizes, ours beside the reference's, in one run: pages that use the built packages
// through esbuild (minified, for the browser, as a user's bundler would build them), gzip -9.
// Prints a Markdown table; never asserts (budgets: docs/DESIGN.md §9, issue 11).
//   node bench/browser-bundle.mjs
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { figure, flags, isMain, printSection, root, table, times } from './lib.mjs';

const require = createRequire(join(root, 'packages/platform-client/package.json'));
const core = join(root, 'packages/core/dist/browser');

// `loads` names the lazily imported modules a page fetches while it runs (its login flow); the rest of
// the lazy chunks (other logins, axios) are never fetched by that page.
const PAGES = {
  'token + getUsersMe (core + api-users)': {
    loads: [],
    source: `
    import { ApiClient } from '@gcsdk/core';
    import { UsersApi } from '@gcsdk/api-users';
    const client = new ApiClient();
    client.setAccessToken(window.token);
    new UsersApi(client).getUsersMe().then((me) => console.log(me.name));`,
  },
  'PKCE login + getUsersMe (core + api-users)': {
    loads: ['auth/browser-flows.js'],
    source: `
    import { ApiClient } from '@gcsdk/core';
    import { UsersApi } from '@gcsdk/api-users';
    const client = new ApiClient();
    client.loginPKCEGrant('client-id', location.href).then(() => new UsersApi(client).getUsersMe()).then((me) => console.log(me.name));`,
  },
  // Not a page a user writes: the smallest request path the core's own modules make (build, retry,
  // auth, fetch, response shaping and errors), without ApiClient, configuration or logging. It shows
  // how much of a one-call page any client built on these modules must carry.
  'floor: request path only, no ApiClient/config/logging': {
    loads: [],
    source: `
    import { buildRequest } from '${core}/request/build.js';
    import { retryStep } from '${core}/pipeline/retry.js';
    import { authStep, transportSender } from '${core}/pipeline/steps.js';
    import { composePipeline } from '${core}/pipeline/types.js';
    import { TokenLifecycle } from '${core}/auth/lifecycle.js';
    import { DEFAULT_RETRY_SETTINGS } from '${core}/config/settings.js';
    import { shapeResponse } from '${core}/response/shape.js';
    import { FetchHttpClient } from '${core}/transport/FetchHttpClient.js';
    const http = new FetchHttpClient();
    const auth = { 'PureCloud OAuth': { type: 'oauth2', accessToken: window.token } };
    const lifecycle = new TokenLifecycle({ currentToken: () => window.token, refreshEnabled: () => false,
      waitMaxSeconds: () => 10, canRenew: () => false, expiresSoon: () => false, renew: async () => {} });
    const send = composePipeline(
      [retryStep(() => DEFAULT_RETRY_SETTINGS), authStep({ authentications: () => auth, lifecycle })],
      transportSender(() => http));
    const request = buildRequest(
      { baseUrl: 'https://api.mypurecloud.com', defaultHeaders: {}, useLegacyParameterFilter: false, timeout: 16000, userAgent: undefined },
      { path: '/api/v2/users/me', httpMethod: 'GET', authNames: ['PureCloud OAuth'], accepts: ['application/json'], contentTypes: ['application/json'], options: {} });
    send(request).then((response) => console.log(shapeResponse(request, response, false)));`,
  },
  'everything (@gcsdk/platform-client)': {
    loads: [],
    source: `
    import platformClient from '@gcsdk/platform-client';
    window.platformClient = platformClient;`,
  },
};

/**
 * Builds a page as a bundler would for production (ESM, code splitting) and sizes what the browser
 * fetches: the entry chunk, the chunks it imports statically, and the lazy chunks of the modules the
 * page uses while it runs — each chunk gzipped on its own, as it is served.
 */
async function bundle({ source, loads }) {
  const result = await build({
    stdin: { contents: source, resolveDir: join(root, 'packages/platform-client'), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    outdir: join(root, 'tmp/bench-browser-bundle'),
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
    metafile: true,
  });
  const outputs = result.metafile.outputs;
  const fetched = new Set();
  const fetch = (path) => {
    if (fetched.has(path)) return;
    fetched.add(path);
    for (const dependency of outputs[path].imports) {
      if (dependency.kind === 'import-statement') fetch(dependency.path);
      else if (dependency.kind === 'dynamic-import' && !dependency.external) {
        const inputs = Object.keys(outputs[dependency.path]?.inputs ?? {});
        if (loads.some((module) => inputs.some((input) => input.endsWith(module)))) fetch(dependency.path);
      }
    }
  };
  fetch(Object.keys(outputs).find((path) => outputs[path].entryPoint === '<stdin>'));
  let bytes = 0;
  let gzip = 0;
  let axios = false;
  for (const file of result.outputFiles) {
    const path = Object.keys(outputs).find((key) => file.path.endsWith(key.replace(/^.*?tmp\/bench-browser-bundle/, '')));
    if (!fetched.has(path)) continue;
    bytes += file.contents.length;
    gzip += gzipSync(file.contents, { level: 9 }).length;
    // What reached the output (a parsed file that tree shaking dropped has no bytes in it).
    axios ||= Object.entries(outputs[path].inputs).some(
      ([input, { bytesInOutput }]) => bytesInOutput > 0 && input.includes('node_modules/axios/'),
    );
  }
  return { bytes, gzip, axios, chunks: fetched.size };
}

// Budgets (DESIGN §9): one domain through a bundler under 1/10 of the reference's min bundle, everything under 1/3.
const BUDGETS = {
  'token + getUsersMe (core + api-users)': 0.1,
  'everything (@gcsdk/platform-client)': 1 / 3,
  'ours: whole-API script-tag bundle': 1 / 3,
};

// Sizes, not iterations: --quick changes nothing here.
export async function measure() {
  const referenceMin = readFileSync(
    join(dirname(require.resolve('purecloud-platform-client-v2/package.json')), 'dist/web-cjs/purecloud-platform-client-v2.min.js'),
  );
  const reference = { bytes: referenceMin.length, gzip: gzipSync(referenceMin, { level: 9 }).length, axios: true, chunks: 1 };
  // Pages: what the browser fetches (ESM with code splitting; chunks gzipped one by one, as served).
  const rows = [['reference: whole-API script-tag bundle (web-cjs min)', reference]];
  const ourScriptTag = join(root, 'packages/platform-client/dist/web-cjs/gcsdk.min.js');
  if (existsSync(ourScriptTag)) {
    const text = readFileSync(ourScriptTag);
    const axios = /XMLHttpRequest|AxiosHeaders/.test(text.toString());
    rows.push(['ours: whole-API script-tag bundle', { bytes: text.length, gzip: gzipSync(text, { level: 9 }).length, axios, chunks: 1 }]);
  }
  for (const [name, page] of Object.entries(PAGES)) rows.push([name, await bundle(page)]);
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const budget = (name) => (BUDGETS[name] ? { ratio: BUDGETS[name], text: BUDGETS[name] === 0.1 ? '1/10' : '1/3' } : null);
  return {
    id: 'browser-bundle',
    title: `Browser bundles: esbuild ${require('esbuild/package.json').version}, minified, gzip -9`,
    note: 'Pages built as a user’s bundler would (ESM, code splitting); a page’s size is the chunks the browser fetches, each gzipped on its own. Budgets: one domain ≤ 1/10 of the reference’s min bundle (gz), everything ≤ 1/3.',
    figures: rows.slice(1).map(([name, size]) =>
      figure({
        id: `browser.${name.replace(/\W+/g, '-').replace(/^-|-$/g, '')}`,
        label: `browser, gzipped: ${name}`,
        unit: 'bytes',
        ours: size.gzip,
        reference: reference.gzip,
        budget: budget(name),
      }),
    ),
    table: table(
      [
        ['page', 'l'],
        ['minified', 'r'],
        ['gzipped', 'r'],
        ['vs reference (gz)', 'r'],
        ['budget', 'r'],
        ['axios inside', 'l'],
      ],
      rows.map(([name, size]) => [
        `${name} (${size.chunks} chunk${size.chunks === 1 ? '' : 's'} fetched)`,
        kb(size.bytes),
        kb(size.gzip),
        times(size.gzip / reference.gzip),
        BUDGETS[name] ? `≤ ${budget(name).text}` : '',
        size.axios ? 'yes' : 'no',
      ]),
    ),
  };
}

if (isMain(import.meta.url)) {
  flags();
  printSection(await measure());
}
