// Builds @gcsdk/notifications:
// - Node, CommonJS and ESM: one bundle each; `ws` stays external and is loaded on first connect.
// - Browsers (the `browser` condition): one ES module in which `socket.ts` is replaced by
//   `socket.browser.ts` (the platform's WebSocket), so neither `ws` nor a Node built-in reaches a page.
// - Declarations by tsc, each twice: `.d.ts` for `require`, `.d.mts` for `import`.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeEsmDeclarations } from '../../../scripts/lib/esm-declarations.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys(pkg.dependencies ?? {});
const common = {
  entryPoints: [join(root, 'src/index.ts')],
  bundle: true,
  external,
  target: 'es2022',
  logLevel: 'warning',
  legalComments: 'none',
};

/** Points every import of `./socket.js` at its browser twin. */
const browserSocket = {
  name: 'browser-socket',
  setup(builder) {
    builder.onResolve({ filter: /^\.\/socket\.js$/ }, (args) => ({ path: join(args.resolveDir, 'socket.browser.ts') }));
  },
};

rmSync(out, { recursive: true, force: true });
await Promise.all([
  // require() rather than import() for `ws` in CJS, so that CommonJS test runners (jest) can load it.
  build({ ...common, platform: 'node', format: 'cjs', outfile: join(out, 'index.cjs'), supported: { 'dynamic-import': false } }),
  build({ ...common, platform: 'node', format: 'esm', outfile: join(out, 'index.mjs') }),
  build({ ...common, platform: 'browser', format: 'esm', outfile: join(out, 'browser/index.js'), plugins: [browserSocket] }),
]);
writeFileSync(join(out, 'browser/package.json'), `${JSON.stringify({ type: 'module', sideEffects: false }, null, 2)}\n`);
const browserCode = readFileSync(join(out, 'browser/index.js'), 'utf8');
if (/from\s*["'](?:ws|node:[^"']*)["']|import\(\s*["'](?:ws|node:)/.test(browserCode))
  throw new Error('the browser build imports ws or a Node built-in');

execFileSync(
  process.execPath,
  [join(root, '../../node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(out, 'types')],
  {
    stdio: 'inherit',
  },
);

// The generated event models are types only: their ESM twin re-exports them (half a megabyte less).
writeEsmDeclarations(join(out, 'types'), ['events.d.ts']);
