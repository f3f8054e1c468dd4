#!/usr/bin/env node
// Builds a generated package (run in its folder): one ESM and one CJS file with esbuild, its
// dependencies left external, then declarations with tsc (tsconfig.build.json: src/ only, so they
// land in dist/types/ as package.json says). Models are types only: zero runtime bytes.
//
// The umbrella's CommonJS entry loads a domain package when one of its exports is first read (see
// lazyDomains below), so that `require('@gcsdk/platform-client')` costs the core and what is used.
// Its ESM entry imports every domain: ES module exports are bindings resolved when it links.
//
// Each declaration file is written twice: `.d.ts` for `require` (next to index.cjs) and `.d.mts`
// for `import` (next to index.mjs), with relative specifiers pointing at `.mjs`, so that neither
// kind of consumer is handed declarations of the other module format.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { writeEsmDeclarations } from '../../../scripts/lib/esm-declarations.mjs';

const dir = process.cwd();
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const external = Object.keys(pkg.dependencies ?? {});
// Whitespace and syntax minified (names kept): the documentation lives in the declarations.
const common = {
  entryPoints: [join(dir, 'src/index.ts')],
  bundle: true,
  external,
  platform: 'neutral',
  target: 'es2022',
  logLevel: 'warning',
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
};

/**
 * For the CommonJS build: each `import { X } from '@gcsdk/api-…'` reaches a stand-in module whose `X` is
 * a getter that requires the package on first read. esbuild's own export getters read it only when the
 * export is, so export names, enumeration and the default export stay as they were; only the loading moves.
 * A domain package's own imports (`@gcsdk/core`) are not domains and stay as they are.
 */
const lazyDomains = {
  name: 'lazy-domains',
  setup(b) {
    b.onResolve({ filter: /^@gcsdk\/api-/ }, (args) => {
      if (args.namespace === 'lazy-domain') return { path: args.path, external: true };
      const names = importedNames(readFileSync(args.importer, 'utf8'), args.path);
      return { path: args.path, namespace: 'lazy-domain', pluginData: names };
    });
    b.onResolve({ filter: /^lazy-domain:define$/ }, (args) => ({ path: args.path, namespace: 'lazy-domain' }));
    b.onLoad({ filter: /^lazy-domain:define$/, namespace: 'lazy-domain' }, () => ({ contents: DEFINE_LAZY, loader: 'js' }));
    b.onLoad({ filter: /^@gcsdk\/api-/, namespace: 'lazy-domain' }, (args) => ({
      // The require stays a literal, so that tools tracing a program's files (bundlers, nft) still find the package.
      contents: `require('lazy-domain:define')(exports,${JSON.stringify(args.pluginData)},()=>require(${JSON.stringify(args.path)}));`,
      loader: 'js',
    }));
  },
};

/** One getter per name, loading the package once, on the first read of any of them. */
const DEFINE_LAZY = `module.exports = (target, names, load) => {
  let loaded;
  for (const name of names) Object.defineProperty(target, name, { enumerable: true, get: () => (loaded ??= load())[name] });
};`;

/** The value names a (generated) module imports from a package: `import { A, B } from 'pkg';`. */
function importedNames(text, specifier) {
  const quoted = specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const names = [...text.matchAll(new RegExp(`^import \\{([^}]*)\\} from '${quoted}';$`, 'gm'))].flatMap((m) => m[1].split(','));
  const clean = names.map((name) => name.trim()).filter(Boolean);
  if (clean.length === 0 || clean.some((name) => !/^[A-Za-z_$][\w$]*$/.test(name)))
    throw new Error(`lazy-domains: cannot read the names imported from ${specifier} (expected \`import { A, B } from '${specifier}';\`)`);
  return clean;
}

rmSync(join(dir, 'dist'), { recursive: true, force: true });
await Promise.all([
  build({ ...common, format: 'esm', outfile: join(dir, 'dist/index.mjs') }),
  build({ ...common, format: 'cjs', outfile: join(dir, 'dist/index.cjs'), plugins: [lazyDomains] }),
]);
// Tools that read a CJS file's exports without running it (arethetypeswrong, for `default`) find esbuild's
// export list by a `__export(` at the start of a line, which whitespace minification removes: put one back.
const cjs = join(dir, 'dist/index.cjs');
writeFileSync(cjs, readFileSync(cjs, 'utf8').replace(/;(__export\()/, ';\n$1'));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
// models.ts holds types only (the generator writes it so): its ESM twin re-exports it.
writeEsmDeclarations(join(dir, 'dist/types'), ['models.d.ts']);
