#!/usr/bin/env node
// Builds the umbrella's browser files (run in packages/platform-client, after build-package.mjs):
//   dist/web-cjs/gcsdk.min.js  a script-tag bundle: sets the global `platformClient` and, as the
//                              reference's browserify bundle does, answers `require('platformClient')`
//                              (and `require('purecloud-platform-client-v2')`), chaining any other
//                              name to a `require` the page already had;
//   dist/web-amd/gcsdk.min.js  an AMD module for requirejs: `requirejs(['…/gcsdk.min.js'], (platformClient) => …)`.
// Both are esbuild bundles for the browser platform: the core's browser build, no Node built-in, no polyfill.
// Their transport is the browser's fetch; axios is not inside: a page that selects `DefaultHttpClient`
// loads axios's own script-tag build first, and the bundle takes the global `axios` it defines.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const dir = process.cwd();
const NAMES = ['platformClient', 'purecloud-platform-client-v2'];

const result = await build({
  // From the umbrella's source, so that its re-exports resolve at build time (no runtime re-export helpers).
  entryPoints: [join(dir, 'src/index.ts')],
  bundle: true,
  minify: true,
  format: 'iife',
  globalName: '__gcsdkPlatformClient',
  platform: 'browser',
  target: 'es2022',
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
  plugins: [
    {
      name: 'axios-from-the-page',
      setup(b) {
        b.onResolve({ filter: /^axios$/ }, () => ({ path: 'axios', namespace: 'axios-global' }));
        b.onLoad({ filter: /.*/, namespace: 'axios-global' }, () => ({
          // Looked up when a DefaultHttpClient first sends, not when the bundle loads: axios's script may come later.
          contents: `export default {
  create(config) {
    const axios = globalThis.axios;
    if (!axios) throw new Error('DefaultHttpClient needs axios: load its script (axios/dist/axios.min.js) on the page, or keep the default FetchHttpClient');
    return axios.create(config);
  },
};`,
          loader: 'js',
        }));
      },
    },
  ],
});
// terser after esbuild: two passes of its compressor take another ~600 B off the gzipped bundle
// (about 1.3 %), which keeps the script-tag bundle under a third of the reference's.
const { code: body } = await minify(result.outputFiles[0].text, {
  ecma: 2020,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
});

const scriptTag = `${body}(function(){var pc=__gcsdkPlatformClient.default,g=typeof globalThis!=="undefined"?globalThis:self,prev=g.require,names=${JSON.stringify(NAMES)};g.platformClient=pc;g.require=function(name){if(names.indexOf(name)!==-1)return pc;if(typeof prev==="function")return prev.apply(this,arguments);var e=new Error("Cannot find module '"+name+"'");e.code="MODULE_NOT_FOUND";throw e}})();\n`;
const amd = `define([],function(){${body}return __gcsdkPlatformClient.default});\n`;

for (const [folder, text] of [
  ['web-cjs', scriptTag],
  ['web-amd', amd],
]) {
  mkdirSync(join(dir, 'dist', folder), { recursive: true });
  writeFileSync(join(dir, 'dist', folder, 'gcsdk.min.js'), text);
}
