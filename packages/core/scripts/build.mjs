// Builds @gcsdk/core for three kinds of consumer, and its declarations:
// - Node, CommonJS: one bundled file holding both entry points (cold `require` is a few file reads);
//   `index.cjs` and `internal.cjs` each pick their names from it, so both share one ApiClient.
// - Node, ESM: both entry points bundled with code splitting (a shared chunk, same reason).
// - Bundlers (the `browser` condition): one ES module per source file, unbundled, so that a bundler
//   keeps only what a page reaches, and the imports that load a login flow or a transport on first
//   use stay separate chunks. Node-only modules are left out or replaced by their browser twins
//   (`platform/node` -> `platform/browser`, `X` -> `X.browser`), so no Node built-in reaches a page.
// axios stays external everywhere and is loaded on the first request of a client that uses it.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { writeEsmDeclarations } from '../../../scripts/lib/esm-declarations.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// `--out DIR` builds elsewhere than dist/ (the tests do, so as not to pull dist/ from under other builds).
const outIndex = process.argv.indexOf('--out');
const out = outIndex === -1 ? join(root, 'dist') : resolve(process.argv[outIndex + 1]);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys(pkg.dependencies ?? {});
const define = { __GCSDK_CORE_VERSION__: JSON.stringify(pkg.version) };
// No source maps: the output is not minified, so stack traces stay readable without them, and maps
// embedding the sources were half of the installed package (760 KB of 1.5 MB).
const common = { define, target: 'es2022', logLevel: 'warning', legalComments: 'none' };
const ENTRY_POINTS = ['index', 'internal'];

function sourceFiles(folder = join(root, 'src')) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The relative modules a source file imports as values (type-only imports are erased from the output). */
function valueImports(file) {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s*'(\.[^']+)'/gms),
    ...text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g),
  ].map((m) => m[1]);
  return specifiers.map((specifier) => join(dirname(file), specifier).replace(/\.js$/, '.ts'));
}

/**
 * Modules for Node only: those that use Node built-ins, those that import one of them (the config file's
 * sync, say), and the CommonJS entry. An import of a module the browser build replaces by its twin does
 * not count (`replaced`: the source files that have one).
 */
function nodeOnlyModules(files, replaced) {
  const nodeOnly = new Set(
    files.filter((file) => /[/\\]cjs-entry\.ts$/.test(file) || /from\s*'node:|import\(\s*'node:/.test(readFileSync(file, 'utf8'))),
  );
  for (let grew = true; grew;) {
    grew = false;
    for (const file of files) {
      if (nodeOnly.has(file)) continue;
      if (valueImports(file).some((target) => nodeOnly.has(target) && !replaced.has(target))) {
        nodeOnly.add(file);
        grew = true;
      }
    }
  }
  return nodeOnly;
}

/**
 * The modules the browser build replaces, each by its browser twin: `platform/node` by `platform/browser`,
 * and any `X` beside which an `X.browser.ts` exists (a Node-only implementation, e.g. the grants that need
 * a client secret). Paths relative to src/, as `.js`.
 */
function browserTwins(files) {
  const relativeJs = (file) => relative(join(root, 'src'), file).split(sep).join('/').replace(/\.ts$/, '.js');
  const twins = new Map([['platform/node.js', 'platform/browser.js']]);
  for (const file of files.filter((f) => f.endsWith('.browser.ts')))
    twins.set(relativeJs(file).replace(/\.browser\.js$/, '.js'), relativeJs(file));
  return { twins, relativeJs };
}

/** The browser tree: every module but those, each import of a replaced module pointed at its twin. */
async function buildBrowserTree() {
  const all = sourceFiles();
  const { twins, relativeJs } = browserTwins(all);
  const nodeOnly = nodeOnlyModules(all, new Set(all.filter((file) => twins.has(relativeJs(file)))));
  const files = all.filter((file) => !nodeOnly.has(file) && !twins.has(relativeJs(file)));
  for (const entry of ['index.ts', 'internal.ts'])
    if (!files.includes(join(root, 'src', entry)))
      throw new Error(`src/${entry} reaches a Node-only module: it cannot be in the browser build`);
  const left = new Set([...nodeOnly].map(relativeJs));
  const tree = join(out, 'browser');
  const result = await build({
    ...common,
    entryPoints: files,
    outbase: join(root, 'src'),
    outdir: tree,
    bundle: false,
    format: 'esm',
    platform: 'browser',
    write: false,
  });
  for (const file of result.outputFiles) {
    const text = file.text.replace(/((?:from|import\()\s*)(["'])(\.{1,2}\/[^"']+)\2/g, (whole, before, quote, specifier) => {
      const target = relative(tree, join(dirname(file.path), specifier))
        .split(sep)
        .join('/');
      const twin = twins.get(target);
      // A browser module must not reach one that was left out (it would fail to resolve in the user's bundler).
      if (!twin && left.has(target))
        throw new Error(`${file.path} imports ${specifier}, which uses Node built-ins and is not in the browser build`);
      if (!twin) return whole;
      let path = relative(dirname(file.path), join(tree, twin)).split(sep).join('/');
      if (!path.startsWith('.')) path = `./${path}`;
      return `${before}${quote}${path}${quote}`;
    });
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, text);
  }
  // `.js` files that are ES modules; no side effects, so that a bundler drops whatever a page does not import.
  writeFileSync(join(tree, 'package.json'), `${JSON.stringify({ type: 'module', sideEffects: false }, null, 2)}\n`);
}

rmSync(out, { recursive: true, force: true });
await Promise.all([
  // require() rather than import() for axios in CJS, so that CommonJS test runners (jest) can load it.
  build({
    ...common,
    entryPoints: [join(root, 'src/cjs-entry.ts')],
    bundle: true,
    external,
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

writeEsmDeclarations(join(out, 'types'));
