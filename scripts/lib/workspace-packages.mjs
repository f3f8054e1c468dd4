// The workspace's packages (from the root package.json's "workspaces") and the order to publish them in.
// Used by scripts/release.mjs and by e2e/registry.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');

/** What a consumer installs with a package; devDependencies stay behind. */
const INSTALLED_WITH = ['dependencies', 'peerDependencies', 'optionalDependencies'];

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

/** `{ name, version, dir, pkg, private }` for every workspace package, sorted by name. */
export function workspacePackages(root = ROOT) {
  const { workspaces = [] } = readJson(join(root, 'package.json'));
  const patterns = Array.isArray(workspaces) ? workspaces : (workspaces.packages ?? []);
  const dirs = patterns.flatMap((pattern) => {
    if (pattern.includes('*') && !/^[^*]+\/\*$/.test(pattern)) throw new Error(`unsupported workspaces pattern: ${pattern}`);
    if (!pattern.endsWith('/*')) return [join(root, pattern)];
    const parent = join(root, pattern.slice(0, -2));
    if (!existsSync(parent)) return [];
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(parent, entry.name));
  });
  return dirs
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => {
      const pkg = readJson(join(dir, 'package.json'));
      return { name: pkg.name, version: pkg.version, dir, pkg, private: pkg.private === true };
    })
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** The workspace packages that are published (not `"private": true`). */
export function publicPackages(root = ROOT) {
  return workspacePackages(root).filter((p) => !p.private);
}

/** The names among `names` that `pkg` needs installed beside it (dependencies, peer and optional). */
export function internalDependencies(pkg, names) {
  return [...new Set(INSTALLED_WITH.flatMap((field) => Object.keys(pkg[field] ?? {})))].filter((dep) => names.has(dep)).sort();
}

/**
 * The packages in publishing order, as levels: level 0 depends on no other package of the list, each
 * later level only on earlier ones (core and mock-server, then the api packages, then the umbrella).
 * Packages of one level may be published concurrently. Throws on a dependency cycle.
 */
export function publishLevels(packages) {
  const names = new Set(packages.map((p) => p.name));
  const pending = new Map(packages.map((p) => [p.name, { ...p, needs: internalDependencies(p.pkg, names) }]));
  const done = new Set();
  const levels = [];
  while (pending.size > 0) {
    const level = [...pending.values()].filter((p) => p.needs.every((dep) => done.has(dep)));
    if (level.length === 0) throw new Error(`dependency cycle among: ${[...pending.keys()].join(', ')}`);
    for (const p of level) pending.delete(p.name);
    for (const p of level) done.add(p.name);
    levels.push(level);
  }
  return levels;
}

/** Every file a package's `main`, `module`, `types`, `browser`, `bin` and `exports` point to (patterns left out). */
export function entryFiles(pkg) {
  const files = new Set();
  const add = (value) => {
    if (typeof value === 'string') {
      if (!value.includes('*')) files.add(value);
    } else if (value && typeof value === 'object') {
      for (const inner of Object.values(value)) add(inner);
    }
  };
  for (const field of ['main', 'module', 'types', 'typings', 'browser', 'bin', 'exports']) add(pkg[field]);
  return [...files].map((file) => file.replace(/^\.\//, '')).sort();
}

/** The entry files of a package that are not on disk: a package that was not built. */
export function missingEntryFiles({ dir, pkg }) {
  return entryFiles(pkg).filter((file) => !existsSync(join(dir, file)));
}
