/** `generate --diff-from OLD`: diffs the previous spec against the current one and writes (or prints) the changesets. */
import { readFileSync } from 'node:fs';
import type { SwaggerDocument } from '@gcsdk/spec-extract';
import { changesetFiles, changesetPrefix, pairTitle, specLabel, summaryTable, writeChangesets } from './changesets.js';
import { diffSpecs, type SpecDiff } from './spec-diff.js';

export interface VersionBumpOptions {
  root: string;
  /** The previous spec file. */
  oldSpecPath: string;
  /** The spec the generator runs with, and its bytes. */
  spec: SwaggerDocument;
  specText: string;
  /** `write`: into `<root>/.changeset/`; `print`: the files to `out`, writing nothing; `report`: the table only. */
  mode: 'write' | 'print' | 'report';
  /** The table and notes (stderr). */
  log: (text: string) => void;
  /** The changesets in `print` mode (stdout). */
  out: (text: string) => void;
}

export function versionBumpsFromSpecDiff(options: VersionBumpOptions): { diff: SpecDiff; files: Map<string, string> } {
  const started = Date.now();
  const oldText = readFileSync(options.oldSpecPath, 'utf8');
  const oldSpec = JSON.parse(oldText) as SwaggerDocument;
  const from = specLabel(oldSpec, oldText);
  const to = specLabel(options.spec, options.specText);
  const diff = diffSpecs(oldSpec, options.spec);
  const files = changesetFiles(diff, from, to);
  options.log(`spec diff ${pairTitle(from, to)} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  options.log(summaryTable(diff));
  for (const pkg of diff.packages.filter((p) => p.status === 'removed'))
    options.log(
      `${pkg.name}: the tag "${pkg.tag}" is gone, so no changeset (a package that is gone cannot be released); delete packages/api-${pkg.slug} and deprecate it on npm\n`,
    );
  if (options.mode === 'print') for (const [name, text] of files) options.out(`==> .changeset/${name} <==\n${text}\n`);
  if (options.mode === 'write') {
    const prefix = changesetPrefix(from, to);
    const written = writeChangesets(options.root, files, prefix);
    options.log(
      written.length
        ? `${written.length} changeset(s) written: .changeset/${prefix}*.md\n`
        : 'no changeset needed: the packages are the same\n',
    );
  } else options.log(`${files.size} changeset(s) not written (${options.mode === 'print' ? '--dry-run' : '--check'})\n`);
  return { diff, files };
}
