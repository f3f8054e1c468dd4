/** The enrichment section of the coverage report: what the swagger gained, what matched nothing, conflicts. */
import type { EnrichmentReport } from './merge';
import type { EnrichmentSource } from './types';

const PLURAL: Record<string, string> = { operation: 'operations', parameter: 'parameters', model: 'models', property: 'properties' };
const number = (value: number): string => value.toLocaleString('en-US');
const row = (label: string, value: number): string => `  ${label.padEnd(52)} ${number(value)}`;

function sortedEntries<T>(record: Record<string, T>): [string, T][] {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export function formatEnrichmentReport(report: EnrichmentReport, sources: readonly EnrichmentSource[]): string {
  const g = report.gained;
  const lines = ['Enrichment', ''];
  for (const s of sources) lines.push(`  from ${s.repository} ${s.release} (${s.commit.slice(0, 12)}, ${s.license})`);
  lines.push(
    '',
    'Gained:',
    row('operations with required permissions', g.operationPermissions),
    row('parameters with an enum', g.parameterEnums),
    row('properties with an enum', g.propertyEnums),
    row('properties typed integer (were number)', g.propertyIntegers),
    row('properties with format date', g.propertyDates),
    row('properties with format date-time', g.propertyDateTimes),
    row('properties with a description', g.propertyDescriptions),
    row('models with a description', g.modelDescriptions),
    '',
    'Already in the reference (kept):',
  );
  const already = sortedEntries(report.alreadyPresent);
  if (already.length === 0) lines.push('  nothing');
  for (const [kind, count] of already) lines.push(row(kind, count));
  lines.push('', 'Source entries that match nothing in the reference:');
  const unmatched = sortedEntries(report.unmatched);
  if (unmatched.length === 0) lines.push('  none');
  for (const [kind, count] of unmatched) lines.push(row(PLURAL[kind] ?? kind, count));
  lines.push('', 'Conflicts (the source contradicts the reference; not applied):');
  const conflicts = sortedEntries(report.conflicts);
  if (conflicts.length === 0) lines.push('  none');
  for (const [kind, { count, examples }] of conflicts) lines.push(`${row(kind, count)}   e.g. ${examples.join(', ')}`);
  const warnings = sortedEntries(report.warnings);
  if (warnings.length > 0) lines.push('', 'Applied, but worth a look:');
  for (const [kind, { count, examples }] of warnings) lines.push(`${row(kind, count)}   e.g. ${examples.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
