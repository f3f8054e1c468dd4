/**
 * Changesets from a spec diff: one file per package that needs a release, holding only that package's
 * changes (changesets copies a changeset's whole summary into the CHANGELOG of every package it names),
 * and one for the umbrella saying which packages moved. Also the summary table for the terminal.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SwaggerDocument } from '@gcsdk/spec-extract';
import { countByBump, counted, countsText, type Bump, type Change } from './bump.js';
import { UMBRELLA, type PackageDiff, type SpecDiff } from './spec-diff.js';

/** Names a spec in file names (its checksum) and in text (the reference SDK it was extracted from, when known). */
export interface SpecLabel {
  /** The first 8 hex digits of the spec file's SHA-256. */
  id: string;
  /** `purecloud-platform-client-v2` and `262.0.0` from the spec's `info.x-source` (spec-extract writes it). */
  source: string | undefined;
  version: string | undefined;
}

export function specLabel(spec: SwaggerDocument, specText: string): SpecLabel {
  const info = spec.info as { 'x-source'?: { package?: unknown; version?: unknown } } | undefined;
  const source = info?.['x-source'];
  return {
    id: createHash('sha256').update(specText).digest('hex').slice(0, 8),
    source: typeof source?.package === 'string' ? source.package : undefined,
    version: typeof source?.version === 'string' ? source.version : undefined,
  };
}

/** `purecloud-platform-client-v2 252.0.0 → 262.0.0`, else the checksums. */
export function pairTitle(from: SpecLabel, to: SpecLabel): string {
  if (from.version && to.version && from.source === to.source) return `${from.source} ${from.version} → ${to.version}`;
  const title = (label: SpecLabel) => (label.version ? `${label.source} ${label.version}` : `spec ${label.id}`);
  return `${title(from)} → ${title(to)}`;
}

/** Every changeset file of a pair of specs starts so: a new run of the same pair replaces them. */
export const changesetPrefix = (from: SpecLabel, to: SpecLabel) => `spec-${from.id}-${to.id}-`;

const SECTIONS: readonly [Bump, string][] = [
  ['major', 'Breaking changes'],
  ['minor', 'Compatible changes'],
  ['patch', 'Documentation changes'],
];

function line(change: Change): string {
  if (change.kind === 'operation') return `- ${change.subject}: ${change.text}`;
  if (change.kind === 'model') return `- model \`${change.subject}\`: ${change.text}`;
  return `- \`${change.subject}\`: ${change.text}`;
}

/** A changeset file: the release in the frontmatter, a one-line headline (the changelog's bullet), then the changes by bump. */
function changeset(name: string, bump: Bump, headline: string, changes: readonly Change[]): string {
  const sections = SECTIONS.map(([level, title]) => [title, changes.filter((c) => c.bump === level)] as const)
    .filter(([, list]) => list.length > 0)
    .map(([title, list]) => `${title}:\n\n${list.map(line).join('\n')}\n`);
  return [`---\n"${name}": ${bump}\n---\n`, `${headline}\n`, ...sections].join('\n');
}

function packageHeadline(pkg: PackageDiff, pair: string): string {
  if (pkg.status === 'added')
    return `New package (${pair}): \`${pkg.className}\` for the tag \`${pkg.tag}\`, ${counted(pkg.operations, 'operation')}, ${counted(pkg.models, 'model')}.`;
  return `Spec update (${pair}): ${countsText(pkg.changes)}.`;
}

function umbrellaHeadline(diff: SpecDiff, pair: string): string {
  const changed = diff.packages.filter((p) => p.status === 'changed');
  const byBump = countByBump(changed.map((p) => ({ bump: p.bump!, text: '' })));
  const parts = [`${counted(changed.length, 'package')} changed (${byBump.major} major, ${byBump.minor} minor, ${byBump.patch} patch)`];
  const added = diff.packages.filter((p) => p.status === 'added').length;
  const removed = diff.packages.filter((p) => p.status === 'removed').length;
  if (added) parts.push(`${added} added`);
  if (removed) parts.push(`${removed} removed`);
  const models = new Set(diff.umbrella.changes.filter((c) => c.kind === 'model').map((c) => c.subject)).size;
  if (models) parts.push(`${counted(models, 'model')} only in \`Models\` changed`);
  return `Spec update (${pair}): ${parts.join(', ')}.`;
}

/** The changeset files of a diff, by file name, in name order. */
export function changesetFiles(diff: SpecDiff, from: SpecLabel, to: SpecLabel): Map<string, string> {
  const pair = pairTitle(from, to);
  const prefix = changesetPrefix(from, to);
  const files = new Map<string, string>();
  for (const pkg of diff.packages) {
    if (!pkg.bump) continue; // a removed package: nothing to release (the umbrella's changeset says so)
    files.set(`${prefix}api-${pkg.slug}.md`, changeset(pkg.name, pkg.bump, packageHeadline(pkg, pair), pkg.changes));
  }
  if (diff.umbrella.bump)
    files.set(`${prefix}platform-client.md`, changeset(UMBRELLA, diff.umbrella.bump, umbrellaHeadline(diff, pair), diff.umbrella.changes));
  return files;
}

/**
 * Writes the files into `<root>/.changeset/`, first deleting the ones an earlier run wrote for the
 * same pair of specs (`prefix`), so that a run after a fix of the rules leaves no outdated file.
 */
export function writeChangesets(root: string, files: ReadonlyMap<string, string>, prefix: string): string[] {
  const dir = join(root, '.changeset');
  if (!existsSync(join(dir, 'config.json')))
    throw new Error(`--diff-from: ${dir}/config.json not found; changesets is not set up in ${root}`);
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (name.startsWith(prefix) && name.endsWith('.md')) rmSync(join(dir, name));
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return [...files.keys()].map((name) => join(dir, name));
}

/** The terminal's table: one row per package that moved, then the umbrella, then the totals. */
export function summaryTable(diff: SpecDiff): string {
  const rows: string[][] = [['package', 'bump', 'breaking', 'compatible', 'docs']];
  const row = (name: string, bump: string, changes: readonly Change[]) => {
    const counts = countByBump(changes);
    rows.push([name, bump, String(counts.major), String(counts.minor), String(counts.patch)]);
  };
  for (const pkg of diff.packages) {
    if (pkg.status === 'removed') rows.push([pkg.name, 'removed', '-', '-', '-']);
    else row(pkg.name, pkg.status === 'added' ? `${pkg.bump} (new)` : pkg.bump!, pkg.changes);
  }
  row(UMBRELLA, diff.umbrella.bump ?? 'none', diff.umbrella.changes);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const text = rows.map((r) =>
    r
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
  const changed = diff.packages.filter((p) => p.status === 'changed');
  const count = (bump: Bump) => changed.filter((p) => p.bump === bump).length;
  const added = diff.packages.filter((p) => p.status === 'added').length;
  const removed = diff.packages.filter((p) => p.status === 'removed').length;
  text.push(
    `packages: ${count('major')} major, ${count('minor')} minor, ${count('patch')} patch, ${diff.unchanged.length} unchanged, ${added} added, ${removed} removed; ${UMBRELLA}: ${diff.umbrella.bump ?? 'none'}`,
  );
  return `${text.join('\n')}\n`;
}
