#!/usr/bin/env node
// Prints the Markdown table of docs/migration.md: one row per top-level export of the reference SDK
// (`require('purecloud-platform-client-v2')`), with its kind, whether `@gcsdk/platform-client` has the
// same name, and the single package that provides it. `--write` replaces the table between the markers
// in docs/migration.md instead of printing it. packages/platform-client/test/migration-guide.test.ts
// checks the table against the code, so rerun this when an export moves.
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const guidePath = join(root, 'docs', 'migration.md');
const START = '<!-- exports:start -->';
const END = '<!-- exports:end -->';

// The reference's `ApiClient` is the shared instance and `ApiClientClass` the class; the core names
// the class `ApiClient` and gives the shared instance as its static `instance`.
const NAME_IN_CORE = { ApiClient: 'ApiClient.instance', ApiClientClass: 'ApiClient' };

/** The value names (not `export type`) that a generated or hand-written `src/index.ts` exports. */
function exportedNames(indexSource) {
  const names = new Set();
  for (const match of indexSource.matchAll(/export\s*\{([^}]*)\}\s*from/g)) {
    for (const part of match[1].split(',')) {
      const spec = part.trim();
      if (!spec || spec.startsWith('type ')) continue;
      names.add(
        spec
          .split(/\s+as\s+/)
          .pop()
          .trim(),
      );
    }
  }
  return names;
}

/** Package name → value names of its `src/index.ts`, for `@gcsdk/core` and every `@gcsdk/api-*`. */
function packageExports() {
  const result = new Map();
  for (const dir of readdirSync(join(root, 'packages'))) {
    if (dir !== 'core' && !dir.startsWith('api-')) continue;
    const index = join(root, 'packages', dir, 'src', 'index.ts');
    if (!existsSync(index)) continue;
    const { name } = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
    result.set(name, exportedNames(readFileSync(index, 'utf8')));
  }
  return result;
}

/** `class`, `object`, or `instance of X` for a value the reference exports. */
function kindOf(value) {
  if (typeof value === 'function') return 'class';
  if (value !== null && typeof value === 'object') {
    const constructorName = Object.getPrototypeOf(value)?.constructor?.name;
    return constructorName && constructorName !== 'Object' ? `instance of \`${constructorName}\`` : 'object';
  }
  return typeof value;
}

/** The single package that exports `nameThere`: a domain package for an `*Api` class, else the core. */
function providerOf(nameThere, exportsByPackage) {
  const wanted = nameThere.split('.')[0];
  const providers = [...exportsByPackage].filter(([, names]) => names.has(wanted)).map(([pkg]) => pkg);
  if (providers.length !== 1) {
    throw new Error(`expected exactly one package exporting ${wanted}, found ${providers.length ? providers.join(', ') : 'none'}`);
  }
  return providers[0];
}

export function buildTable() {
  // Resolve both SDKs as the umbrella does: the reference is its devDependency.
  const requireFromUmbrella = createRequire(join(root, 'packages', 'platform-client', 'package.json'));
  const reference = requireFromUmbrella('purecloud-platform-client-v2');
  const umbrella = requireFromUmbrella('@gcsdk/platform-client');
  const umbrellaNames = new Set(Object.keys(umbrella));
  const exportsByPackage = packageExports();
  const lines = ['| export | kind | in `@gcsdk/platform-client` | package | name there |', '| --- | --- | --- | --- | --- |'];
  for (const name of Object.keys(reference)) {
    const nameThere = NAME_IN_CORE[name] ?? name;
    const inUmbrella = umbrellaNames.has(name) ? 'yes, same name' : 'no';
    const pkg = providerOf(nameThere, exportsByPackage);
    lines.push(`| \`${name}\` | ${kindOf(reference[name])} | ${inUmbrella} | \`${pkg}\` | \`${nameThere}\` |`);
  }
  // Both clients may hold sockets or config watchers; let the process exit.
  umbrella.ApiClient.close?.();
  return lines.join('\n');
}

function writeIntoGuide(table) {
  const guide = readFileSync(guidePath, 'utf8');
  const start = guide.indexOf(START);
  const end = guide.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${guidePath} has no ${START} … ${END} markers`);
  writeFileSync(guidePath, `${guide.slice(0, start + START.length)}\n\n${table}\n\n${guide.slice(end)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const table = buildTable();
  if (process.argv.includes('--write')) writeIntoGuide(table);
  else process.stdout.write(`${table}\n`);
}
