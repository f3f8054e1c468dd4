// Helpers shared by the benchmarks: paths, flags, medians, figures (a measure with its budget) and tables.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** Resolves packages as the workspace sees them (the reference SDK is a devDependency of packages/core). */
export const requireFromCore = createRequire(join(root, 'packages/core/package.json'));
export const REFERENCE = 'purecloud-platform-client-v2@262.0.0';

/** `--quick` (small iteration counts) and the options a script adds; unknown flags are an error. */
export function flags(options = {}) {
  return parseArgs({ options: { quick: { type: 'boolean', default: false }, ...options } }).values;
}

/** True when the module at `url` is the script node was started with (not imported by bench/run.mjs). */
export const isMain = (url) => Boolean(process.argv[1]) && url === pathToFileURL(process.argv[1]).href;

export const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * One figure of the results: ours beside what it is compared with (the reference SDK unless `against`
 * says otherwise), their ratio, and the budget it has, if any:
 * `{ ratio: 0.2 }` (ours / reference at most 0.2), `{ max: 30 }` (ours at most 30) or `{ equals: 1 }`.
 */
export function figure({ id, label, unit, ours, reference = null, against = 'reference', budget = null }) {
  const ratio = ours != null && reference ? ours / reference : null;
  let met = null;
  if (budget && ours != null) {
    if (budget.ratio !== undefined) met = ratio != null && ratio <= budget.ratio;
    else if (budget.max !== undefined) met = ours <= budget.max;
    else met = ours === budget.equals;
  }
  return { id, label, unit, ours, reference, against, ratio, budget, met };
}

export const budgetText = (budget) =>
  !budget
    ? ''
    : budget.ratio !== undefined
      ? `≤ ${budget.text ?? `${budget.ratio}×`}`
      : budget.max !== undefined
        ? `≤ ${budget.text ?? budget.max}`
        : `= ${budget.equals}`;
export const metText = (met) => (met == null ? '' : met ? 'met' : '**missed**');
export const times = (ratio) => (ratio == null ? 'n/a' : `${ratio.toFixed(3)}×`);

/** A Markdown table: `columns` are `[heading, align]` pairs ('l' or 'r'), rows arrays of cells. */
export function table(columns, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [
    line(columns.map(([heading]) => heading)),
    line(columns.map(([, align]) => (align === 'r' ? '---:' : '---'))),
    ...rows.map((row) => line(row.map((cell) => String(cell ?? '').replaceAll('|', '\\|')))),
  ].join('\n');
}

/** Prints a section as a standalone script does: its title, notes and tables. */
export function printSection(section) {
  console.log(`${section.title}\n`);
  if (section.note) console.log(`${section.note}\n`);
  console.log(`${section.table}\n`);
}
