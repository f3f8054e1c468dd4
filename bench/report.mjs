// Writes what bench/run.mjs measured: bench/results.json (every figure, machine-readable),
// bench/RESULTS.md (the tables), docs/bench.svg (ratios against the reference with their budgets) and
// the results block of docs/performance.md. Markdown and JSON go through Prettier, as the repo checks them.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { budgetText, metText, REFERENCE, root, table, times } from './lib.mjs';

/** Where and on what the run happened. */
export function runInfo(quick) {
  const git = (...args) => execFileSync('git', args, { cwd: root }).toString().trim();
  return {
    date: new Date().toISOString(),
    mode: quick ? 'quick' : 'full',
    node: process.version,
    cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
    loadAverage: loadavg().map((n) => Number(n.toFixed(2))),
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommittedChanges: git('status', '--porcelain').length > 0,
    reference: REFERENCE,
  };
}

const value = (n, unit) => {
  if (n == null) return 'n/a';
  if (unit === 'bytes') return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`;
  if (unit === 'ms' || unit === 'µs' || unit === 's') return `${n.toFixed(1)} ${unit}`;
  return String(n);
};

function markdown(info, sections) {
  const budgeted = sections.flatMap((s) => s.figures ?? []).filter((f) => f.budget);
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench${info.mode === 'quick' ? ' -- --quick' : ''}\` (bench/run.mjs); see [docs/performance.md](../docs/performance.md) for what each figure means.`,
    '',
    `- date: ${info.date}`,
    `- mode: ${info.mode}${info.mode === 'quick' ? ' (small iteration counts: a check that everything runs, not figures to quote)' : ''}`,
    `- Node ${info.node}, ${info.cpu}, load average ${info.loadAverage.join(' / ')} at the start`,
    `- commit ${info.commit}${info.uncommittedChanges ? ' with uncommitted changes' : ''}`,
    `- reference: ${info.reference}`,
    '',
    '## Budgets',
    '',
    table(
      [
        ['figure', 'l'],
        ['ours', 'r'],
        ['compared with', 'r'],
        ['ratio', 'r'],
        ['budget', 'r'],
        ['', 'l'],
      ],
      budgeted.map((f) => [
        f.label,
        value(f.ours, f.unit),
        f.reference == null ? '' : `${value(f.reference, f.unit)} (${f.against})`,
        f.reference == null ? '' : times(f.ratio),
        budgetText(f.budget),
        metText(f.met),
      ]),
    ),
    '',
  ];
  for (const section of sections) {
    lines.push(`## ${section.title}`, '');
    if (section.error) lines.push(`Failed: ${section.error}`, '');
    else lines.push(...(section.note ? [section.note, ''] : []), section.table, '');
  }
  const budgets = lines.indexOf('## Budgets');
  return { all: lines.join('\n'), summary: [...lines.slice(4, budgets), lines[budgets + 2]].join('\n') };
}

const escape = (text) => String(text).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);

/** A horizontal bar per figure with a ratio budget: its ratio, the budget as a line, 1× as the reference. */
export function chart(info, figures) {
  const rows = figures.filter((f) => f.budget?.ratio !== undefined);
  const [labelWidth, barWidth, rowHeight, top] = [420, 360, 24, 56];
  const cap = 2;
  const max = Math.min(cap, Math.max(1.2, ...rows.map((f) => Math.max(f.ratio ?? 0, f.budget.ratio))) * 1.05);
  const x = (ratio) => labelWidth + (Math.min(ratio, max) / max) * barWidth;
  const height = top + rows.length * rowHeight + 40;
  const width = labelWidth + barWidth + 90;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">gcsdk vs ${escape(info.reference)}: ratio (lower is better)</text>`,
    `<text x="10" y="38" fill="#555">${escape(`${info.mode} run, ${info.date.slice(0, 10)}, Node ${info.node}, commit ${info.commit}`)}. Bar: ours ÷ the reference (per call: ÷ bare axios); black tick: budget.</text>`,
  ];
  const axis = top + rows.length * rowHeight;
  for (const tick of [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 1.75, 2].filter((t) => t <= max)) {
    parts.push(
      `<line x1="${x(tick)}" x2="${x(tick)}" y1="${top}" y2="${axis}" stroke="${tick === 1 ? '#555' : '#ddd'}" stroke-dasharray="${tick === 1 ? '4 3' : '2 3'}"/>`,
      `<text x="${x(tick)}" y="${axis + 14}" text-anchor="middle" fill="#555">${tick}×</text>`,
    );
  }
  rows.forEach((f, i) => {
    const y = top + i * rowHeight;
    const colour = f.met == null ? '#9e9e9e' : f.met ? '#2e7d32' : '#c62828';
    parts.push(`<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escape(f.label)}</text>`);
    if (f.ratio != null)
      parts.push(`<rect x="${labelWidth}" y="${y + 5}" width="${(x(f.ratio) - labelWidth).toFixed(1)}" height="14" fill="${colour}"/>`);
    parts.push(
      `<line x1="${x(f.budget.ratio).toFixed(1)}" x2="${x(f.budget.ratio).toFixed(1)}" y1="${y + 2}" y2="${y + 22}" stroke="#000" stroke-width="2"/>`,
      `<text x="${(Math.max(x(f.ratio ?? 0), x(f.budget.ratio)) + 6).toFixed(1)}" y="${y + 15}">${f.ratio == null ? 'n/a' : `${f.ratio.toFixed(2)}×${f.ratio > max ? ' →' : ''}`}</text>`,
    );
  });
  parts.push(`<text x="${x(1)}" y="${axis + 30}" text-anchor="middle" fill="#555">the reference</text>`, '</svg>');
  return `${parts.join('\n')}\n`;
}

async function formatted(file, text) {
  const prettier = await import('prettier');
  return prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
}

export async function writeReports(info, sections) {
  const figures = sections.flatMap((s) => (s.figures ?? []).map((f) => ({ section: s.id, ...f })));
  const results = { ...info, sections: sections.map(({ id, title, error }) => ({ id, title, ...(error ? { error } : {}) })), figures };
  const write = async (path, text) =>
    writeFileSync(join(root, path), path.endsWith('.svg') ? text : await formatted(join(root, path), text));
  const { all, summary } = markdown(info, sections);
  await write('bench/results.json', JSON.stringify(results));
  await write('bench/RESULTS.md', all);
  await write('docs/bench.svg', chart(info, figures));
  // The guide's copy of the latest budgets table, between its markers.
  const guide = join(root, 'docs/performance.md');
  if (existsSync(guide)) {
    const text = readFileSync(guide, 'utf8');
    const [start, end] = ['<!-- bench:results:start -->', '<!-- bench:results:end -->'];
    if (text.includes(start) && text.includes(end)) {
      const block = `${start}\n\n${summary}\n\n${end}`;
      await write('docs/performance.md', text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length));
    }
  }
  return ['bench/results.json', 'bench/RESULTS.md', 'docs/bench.svg', ...(existsSync(guide) ? ['docs/performance.md'] : [])];
}
