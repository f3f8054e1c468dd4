/**
 * What a release writes into a generated package.json, and the generator must keep: the package's
 * version and its ranges on the other packages of the workspace (changesets moves both). A range is
 * kept while it still accepts the workspace's version of that package; otherwise (a package that is
 * new, or a version moved by hand) it becomes a caret on that version.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { satisfies, valid } from 'semver';

export interface PackageJson {
  version?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [key: string]: unknown;
}

/** The version of every package under `<root>/packages`, by name. */
export type WorkspaceVersions = ReadonlyMap<string, string>;

/** A package that does not exist yet starts here. */
export const FIRST_VERSION = '0.1.0';

export function readPackageJson(path: string): PackageJson | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as PackageJson) : undefined;
}

export function workspaceVersions(root: string): WorkspaceVersions {
  const versions = new Map<string, string>();
  const packages = join(root, 'packages');
  if (!existsSync(packages)) return versions;
  for (const dir of readdirSync(packages)) {
    const pkg = readPackageJson(join(packages, dir, 'package.json'));
    const name = pkg?.['name'];
    if (typeof name === 'string' && typeof pkg?.version === 'string') versions.set(name, pkg.version);
  }
  return versions;
}

/** The package's own version: the one it has (a release owns it), or the first for a new package. */
export function keptVersion(existing: PackageJson | undefined): string {
  return existing?.version ?? FIRST_VERSION;
}

/**
 * The range on workspace package `name` in `field` of a generated package.json: the existing one if it
 * accepts the workspace's version of `name`, else `^<that version>`.
 */
export function internalRange(
  existing: PackageJson | undefined,
  field: 'dependencies' | 'devDependencies',
  name: string,
  versions: WorkspaceVersions,
): string {
  const version = versions.get(name) ?? FIRST_VERSION;
  const range = existing?.[field]?.[name];
  if (range !== undefined && valid(version) && satisfies(version, range)) return range;
  return `^${version}`;
}
