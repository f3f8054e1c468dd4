/** Plans every generated file, then writes them or checks them against the disk. */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { SwaggerDocument } from '@gcsdk/spec-extract';
import { contractTest } from './contract.js';
import { emitApiClass, emitIndex, emitModels, emitUmbrellaIndex, emitUmbrellaModels, emitUmbrellaSurface, HEADER } from './emit.js';
import { changelog, packageJson, provenance, readme, tsconfig, tsconfigBuild } from './files.js';
import { groupByTag, type Schema, type TagGroup } from './model.js';
import { notificationFiles } from './notifications.js';
import { readPackageJson, workspaceVersions, type WorkspaceVersions } from './release-fields.js';
import { umbrellaFiles } from './umbrella.js';

export interface GenerateOptions {
  /** Repository root (packages/ is written under it). */
  root: string;
  spec: SwaggerDocument;
  /** The spec file's bytes, for the provenance checksum. */
  specText: string;
  /** Only these package slugs (`users`, `routing`); the umbrella is written only for a full run. */
  only?: string[];
  progress?: (message: string) => void;
}

export type FileMap = Map<string, string>;

/** A package's changelog as it is (changesets writes it), or a first one with only its title. */
function changelogFile(dir: string, name: string): string {
  const path = join(dir, 'CHANGELOG.md');
  return existsSync(path) ? readFileSync(path, 'utf8') : changelog(name);
}

function packageFiles(
  root: string,
  group: TagGroup,
  definitions: Record<string, Schema>,
  specSha256: string,
  versions: WorkspaceVersions,
): FileMap {
  const dir = join(root, 'packages', `api-${group.slug}`);
  const files: FileMap = new Map();
  files.set(join(dir, 'package.json'), packageJson(group, readPackageJson(join(dir, 'package.json')), versions));
  files.set(join(dir, 'CHANGELOG.md'), changelogFile(dir, `@gcsdk/api-${group.slug}`));
  files.set(join(dir, 'tsconfig.json'), tsconfig());
  files.set(join(dir, 'tsconfig.build.json'), tsconfigBuild());
  files.set(join(dir, 'README.md'), readme(group));
  files.set(join(dir, 'generated.json'), provenance(specSha256, { tag: group.tag }));
  files.set(join(dir, 'src', `${group.className}.ts`), emitApiClass(group));
  files.set(join(dir, 'src', 'models.ts'), emitModels(group.models, definitions));
  files.set(join(dir, 'src', 'index.ts'), emitIndex(group));
  files.set(join(dir, 'test', 'contract.test.ts'), contractTest(group, definitions));
  return files;
}

/** Every file the generator would write. */
export function planFiles(options: GenerateOptions): FileMap {
  const groups = groupByTag(options.spec);
  const unknown = (options.only ?? []).filter((slug) => !groups.some((g) => g.slug === slug));
  if (unknown.length > 0) throw new Error(`--only: no tag for ${unknown.join(', ')} (known: ${groups.map((g) => g.slug).join(', ')})`);
  const selected = options.only?.length ? groups.filter((g) => options.only!.includes(g.slug)) : groups;
  const definitions = (options.spec.definitions ?? {}) as unknown as Record<string, Schema>;
  const specSha256 = createHash('sha256').update(options.specText).digest('hex');
  const versions = workspaceVersions(options.root);
  const files: FileMap = new Map();
  selected.forEach((group, i) => {
    for (const [path, text] of packageFiles(options.root, group, definitions, specSha256, versions)) files.set(path, text);
    options.progress?.(
      `[${i + 1}/${selected.length}] @gcsdk/api-${group.slug}: ${group.operations.length} operations, ${group.models.length} models`,
    );
  });
  if (!options.only?.length) {
    const umbrellaDir = join(options.root, 'packages/platform-client');
    const umbrella = umbrellaFiles(options.root, groups, readPackageJson(join(umbrellaDir, 'package.json')), versions, specSha256, {
      index: emitUmbrellaIndex(),
      surface: emitUmbrellaSurface(groups),
      models: emitUmbrellaModels(groups, definitions),
    });
    for (const [path, text] of umbrella) files.set(path, text);
    files.set(join(umbrellaDir, 'CHANGELOG.md'), changelogFile(umbrellaDir, '@gcsdk/platform-client'));
    options.progress?.('umbrella @gcsdk/platform-client');
    const events = notificationFiles(options.root, definitions);
    for (const [path, text] of events) files.set(path, text);
    if (events.size > 0) options.progress?.('@gcsdk/notifications: typed topics');
  }
  return files;
}

/** Writes the files whose content changed; returns how many were written. */
export function writeFiles(files: FileMap): number {
  let written = 0;
  for (const [path, text] of files) {
    if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    written++;
  }
  return written;
}

/**
 * Generated files (they start with the generated-code header) in the src/ and test/ folders of the
 * planned packages that the generator no longer writes, e.g. a renamed test.
 */
export function staleFiles(files: FileMap, root: string): string[] {
  const packageDirs = new Set([...files.keys()].map((p) => join(root, 'packages', relative(join(root, 'packages'), p).split(/[\\/]/)[0]!)));
  const stale: string[] = [];
  for (const dir of packageDirs) {
    for (const sub of ['src', 'test']) {
      const folder = join(dir, sub);
      if (!existsSync(folder)) continue;
      for (const name of readdirSync(folder)) {
        const path = join(folder, name);
        if (files.has(path) || !statSync(path).isFile()) continue;
        if (readFileSync(path, 'utf8').startsWith(`${HEADER}\n`)) stale.push(path);
      }
    }
  }
  return stale.sort();
}

/** Deletes the stale generated files; returns how many. */
export function removeStaleFiles(files: FileMap, root: string): number {
  const stale = staleFiles(files, root);
  for (const path of stale) rmSync(path);
  return stale.length;
}

/** Files that differ from what would be written, stale generated files, and generated packages that should not exist. */
export function checkFiles(files: FileMap, root: string, fullRun: boolean): string[] {
  const problems: string[] = [];
  for (const [path, text] of files) {
    if (!existsSync(path)) problems.push(`missing: ${relative(root, path)}`);
    else if (readFileSync(path, 'utf8') !== text) problems.push(`differs: ${relative(root, path)}`);
  }
  for (const path of staleFiles(files, root)) problems.push(`stale file: ${relative(root, path)} (no longer generated)`);
  if (fullRun && existsSync(join(root, 'packages'))) {
    const expected = new Set([...files.keys()].map((p) => relative(join(root, 'packages'), p).split(/[\\/]/)[0]));
    for (const dir of readdirSync(join(root, 'packages'))) {
      if (dir.startsWith('api-') && !expected.has(dir)) problems.push(`stale package: packages/${dir} (no such tag in the spec)`);
    }
  }
  return problems;
}
