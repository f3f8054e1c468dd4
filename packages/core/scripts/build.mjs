// Builds @gcsdk/core for three kinds of consumer, and its declarations:
// - Node, CommonJS: one bundled file holding both entry points (cold `require` is a few file reads);
//   `index.cjs` and `internal.cjs` each pick their names from it, so both share one ApiClient.
// - Node, ESM: both entry points bundled with code splitting (a shared chunk, same reason).
// - Bundlers (the `browser` condition): one ES module per source file, unbundled, so that a bundler
//   keeps only what a page reaches, and the imports that load a login flow or a transport on first
//   use stay separate chunks. Each `platform/node.js` import points at its browser twin there, so no
//   Node built-in reaches a browser bundle.
// axios stays external everywhere and is loaded on the first request of a client that uses it.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--out DIR` builds elsewhere than dist/ (the tests do, so as not to pull dist/ from under other builds).
const outIndex = process.argv.indexOf('--out');
const out = outIndex === -1 ? join(root, 'dist') : resolve(process.argv[outIndex + 1]);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys(pkg.dependencies ?? {});
const define = { __GCSDK_CORE_VERSION__: JSON.stringify(pkg.version) };
const common = { define, target: 'es2022', logLevel: 'warning', legalComments: 'none' };
const ENTRY_POINTS = ['index', 'internal'];

function sourceFiles(folder = join(root, 'src')) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Modules that use Node built-ins (the Node platform and what only it imports), and the CommonJS entry. */
const notForBrowsers = (file) => /[/\\]cjs-entry\.ts$/.test(file) || /from\s*'node:|import\(\s*'node:/.test(readFileSync(file, 'utf8'));

/** The browser tree: every module but those, imports of `platform/node.js` redirected to `platform/browser.js`. */
async function buildBrowserTree() {
  const all = sourceFiles();
  const files = all.filter((file) => !notForBrowsers(file));
  const left = new Set(all.filter(notForBrowsers).map((file) => file.slice(join(root, 'src').length + 1).replace(/\.ts$/, '.js')));
  const result = await build({
    ...common,
    entryPoints: files,
    outbase: join(root, 'src'),
    outdir: join(out, 'browser'),
    bundle: false,
    format: 'esm',
    platform: 'browser',
    write: false,
  });
  for (const file of result.outputFiles) {
    const text = file.text.replace(/(["'])((?:\.{1,2}\/)+(?:[\w-]+\/)*)platform\/node\.js\1/g, '$1$2platform/browser.js$1');
    // A browser module must not reach one that was left out (it would fail to resolve in the user's bundler).
    for (const [, specifier] of text.matchAll(/(?:from|import\()\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      const target = join(dirname(file.path), specifier).slice(join(out, 'browser').length + 1);
      if (left.has(target)) throw new Error(`${file.path} imports ${specifier}, which uses Node built-ins and is not in the browser build`);
    }
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, text);
  }
  // `.js` files that are ES modules; no side effects, so that a bundler drops whatever a page does not import.
  writeFileSync(join(out, 'browser/package.json'), `${JSON.stringify({ type: 'module', sideEffects: false }, null, 2)}\n`);
}

rmSync(out, { recursive: true, force: true });
await Promise.all([
  // require() rather than import() for axios in CJS, so that CommonJS test runners (jest) can load it.
  build({
    ...common,
    entryPoints: [join(root, 'src/cjs-entry.ts')],
    bundle: true,
    external,
    sourcemap: true,
    platform: 'node',
    format: 'cjs',
    outfile: join(out, 'cjs/core.cjs'),
    supported: { 'dynamic-import': false },
  }),
  build({
    ...common,
    entryPoints: Object.fromEntries(ENTRY_POINTS.map((name) => [name, join(root, `src/${name}.ts`)])),
    bundle: true,
    external,
    sourcemap: true,
    platform: 'node',
    format: 'esm',
    splitting: true,
    outdir: join(out, 'esm'),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'shared-[hash]',
  }),
  buildBrowserTree(),
]);
const CJS_EXPORTS = { index: 'publicApi', internal: 'internalApi' };
for (const [name, key] of Object.entries(CJS_EXPORTS)) {
  writeFileSync(join(out, `cjs/${name}.cjs`), `'use strict';\nmodule.exports = require('./core.cjs').${key};\n`);
}

execFileSync(
  process.execPath,
  [join(root, '../../node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', join(out, 'types')],
  { stdio: 'inherit' },
);
rmSync(join(out, 'types/cjs-entry.d.ts'), { force: true });

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
