#!/usr/bin/env node
// Builds a generated package (run in its folder): one ESM and one CJS file with esbuild, its
// dependencies left external, then declarations with tsc. Models are types only: zero runtime bytes.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

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

rmSync(join(dir, 'dist'), { recursive: true, force: true });
await Promise.all([
  build({ ...common, format: 'esm', outfile: join(dir, 'dist/index.mjs') }),
  build({ ...common, format: 'cjs', outfile: join(dir, 'dist/index.cjs') }),
]);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(
  process.execPath,
  [tsc, '-p', 'tsconfig.json', '--declaration', '--emitDeclarationOnly', '--outDir', 'dist/types', '--noEmit', 'false'],
  { cwd: dir, stdio: 'inherit' },
);
