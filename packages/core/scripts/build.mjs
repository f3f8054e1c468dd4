// Builds @gcsdk/core: one ESM and one CJS file for Node, one ESM file for browsers, and declarations.
// Bundling each target into a single file keeps cold start to a few file reads; axios stays external
// and is loaded on the first request only. The browser build swaps the Node platform module for its
// browser twin, so no Node built-in reaches a browser bundle.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--out DIR` builds elsewhere than dist/ (the tests do, so as not to pull dist/ from under other builds).
const outIndex = process.argv.indexOf('--out');
const out = outIndex === -1 ? join(root, 'dist') : resolve(process.argv[outIndex + 1]);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys(pkg.dependencies ?? {});
const define = { __GCSDK_CORE_VERSION__: JSON.stringify(pkg.version) };
const common = {
  entryPoints: [join(root, 'src/index.ts')],
  bundle: true,
  external,
  define,
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
};

/** Resolves `./platform/node.js` to the browser twin for the browser build. */
const browserPlatform = {
  name: 'browser-platform',
  setup(b) {
    b.onResolve({ filter: /\/platform\/node\.js$/ }, (args) => ({
      path: join(args.resolveDir, args.path.replace(/node\.js$/, 'browser.ts')),
    }));
  },
};

rmSync(out, { recursive: true, force: true });
await Promise.all([
  // require() rather than import() for axios in CJS, so that CommonJS test runners (jest) can load it.
  build({ ...common, platform: 'node', format: 'cjs', outfile: join(out, 'cjs/index.cjs'), supported: { 'dynamic-import': false } }),
  build({ ...common, platform: 'node', format: 'esm', outfile: join(out, 'esm/index.mjs') }),
  build({ ...common, platform: 'browser', format: 'esm', outfile: join(out, 'browser/index.mjs'), plugins: [browserPlatform] }),
]);
execFileSync(
  process.execPath,
  [join(root, '../../node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(out, 'types')],
  {
    stdio: 'inherit',
  },
);

// Each declaration file twice: `.d.ts` for `require` and `.d.mts` for `import` (relative specifiers pointed
// at `.mjs`), so that a node16 ESM consumer is not handed CommonJS types (arethetypeswrong: FalseCJS).
function writeEsmDeclarations(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) writeEsmDeclarations(path);
    else if (entry.name.endsWith('.d.ts'))
      writeFileSync(
        path.replace(/\.d\.ts$/, '.d.mts'),
        readFileSync(path, 'utf8').replace(/((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*?)\.js\2/g, '$1$2$3.mjs$2'),
      );
  }
}
writeEsmDeclarations(join(out, 'types'));
