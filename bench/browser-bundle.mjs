#!/usr/bin/env node
// Browser bundle sizes, ours beside the reference's, in one run: pages that use the built packages
// through esbuild (minified, for the browser, as a user's bundler would build them), gzip -9.
// Prints a Markdown table; never asserts (budgets: docs/DESIGN.md §9, issue 11).
//   node bench/browser-bundle.mjs
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'packages/platform-client/package.json'));

const PAGES = {
  'token + getUsersMe (core + api-users)': `
    import { ApiClient } from '@gcsdk/core';
    import { UsersApi } from '@gcsdk/api-users';
    const client = new ApiClient();
    client.setAccessToken(window.token);
    new UsersApi(client).getUsersMe().then((me) => console.log(me.name));`,
  'PKCE login + getUsersMe (core + api-users)': `
    import { ApiClient } from '@gcsdk/core';
    import { UsersApi } from '@gcsdk/api-users';
    const client = new ApiClient();
    client.loginPKCEGrant('client-id', location.href).then(() => new UsersApi(client).getUsersMe()).then((me) => console.log(me.name));`,
  'everything (@gcsdk/platform-client)': `
    import platformClient from '@gcsdk/platform-client';
    window.platformClient = platformClient;`,
};

async function bundle(source) {
  const result = await build({
    stdin: { contents: source, resolveDir: join(root, 'packages/platform-client'), loader: 'js' },
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'error',
    metafile: true,
  });
  const code = result.outputFiles[0].contents;
  // What reached the output (a parsed file that tree shaking dropped has no bytes in it).
  const [output] = Object.values(result.metafile.outputs);
  const kept = Object.entries(output.inputs).filter(([, input]) => input.bytesInOutput > 0);
  return {
    bytes: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
    axios: kept.some(([path]) => path.includes('node_modules/axios/')),
  };
}

const referenceMin = readFileSync(
  join(dirname(require.resolve('purecloud-platform-client-v2/package.json')), 'dist/web-cjs/purecloud-platform-client-v2.min.js'),
);
const reference = { bytes: referenceMin.length, gzip: gzipSync(referenceMin, { level: 9 }).length };

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`browser bundles: esbuild ${require('esbuild/package.json').version}, minified, gzip -9\n`);
console.log('| page | minified | gzipped | vs reference (gz) | axios inside |');
console.log('| --- | ---: | ---: | ---: | --- |');
console.log(`| reference: whole-API script-tag bundle (web-cjs min) | ${kb(reference.bytes)} | ${kb(reference.gzip)} | 1.000x | yes |`);
const ourScriptTag = join(root, 'packages/platform-client/dist/web-cjs/gcsdk.min.js');
if (existsSync(ourScriptTag)) {
  const text = readFileSync(ourScriptTag);
  const gz = gzipSync(text, { level: 9 }).length;
  console.log(
    `| ours: whole-API script-tag bundle (dist/web-cjs) | ${kb(text.length)} | ${kb(gz)} | ${(gz / reference.gzip).toFixed(3)}x | ${text.includes('axios') ? 'yes' : 'no'} |`,
  );
}
for (const [name, source] of Object.entries(PAGES)) {
  const size = await bundle(source);
  console.log(
    `| ${name} | ${kb(size.bytes)} | ${kb(size.gzip)} | ${(size.gzip / reference.gzip).toFixed(3)}x | ${size.axios ? 'yes' : 'no'} |`,
  );
}
