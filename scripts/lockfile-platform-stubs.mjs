#!/usr/bin/env node
// Adds lockfile entries for platform-specific optional dependencies that npm could not resolve.
//
// Why: the registry this project is built against only serves the linux-x64 builds of packages
// such as @nx/nx-<platform> and @unrs/resolver-binding-<platform>. `npm install` then leaves the
// other platforms out of package-lock.json, and `npm ci` refuses the lockfile as out of sync.
// An entry with only a version and `optional: true` satisfies `npm ci` everywhere: on a platform
// that needs the package npm fetches it by version; elsewhere it is skipped as optional.
//
// Run after every `npm install` that rewrites package-lock.json: `npm run lockfile:platforms`.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const lockPath = resolve(process.argv[2] ?? 'package-lock.json');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

/** Where node would find `name` from the package installed at `from` (walks up node_modules). */
function resolvesFrom(from, name) {
  let dir = from;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return true;
    if (!dir) return false;
    const cut = dir.lastIndexOf('/node_modules/');
    dir = cut === -1 ? '' : dir.slice(0, cut);
  }
}

const added = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolvesFrom(path, name)) continue;
    const key = `node_modules/${name}`;
    if (packages[key]) continue;
    // Optional platform builds are pinned to an exact version by their parents.
    packages[key] = { version: range, ...(entry.dev ? { dev: true } : {}), optional: true };
    added.push(`${name}@${range}`);
  }
}

lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => a.localeCompare(b, 'en')));
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
process.stderr.write(added.length ? `added ${added.length} platform stub(s): ${added.join(', ')}\n` : 'lockfile already complete\n');
