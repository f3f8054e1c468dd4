// How sample results are printed, by the command line and by the test.

/** One line per sample (its output too when it failed, or with `verbose`). */
export function formatResult({ sample, status, message, ms }, verbose = false) {
  const where = `${sample.file}:${sample.line} [${sample.kind}]`;
  if (status === 'passed') return `ok     ${where} ${ms} ms${verbose && message.trim() ? `\n${indent(message)}` : ''}`;
  if (status === 'typecheck-only') return `typed  ${where} (not run: ${message})`;
  return `FAILED ${where}\n${indent(message)}`;
}

/** Counts by outcome and by file kind. */
export function formatSummary(results, ignored) {
  const count = (status) => results.filter((result) => result.status === status).length;
  const files = new Set(results.map((result) => result.sample.file)).size;
  const lines = [
    `${results.length} samples in ${files} Markdown files: ${count('passed')} type-checked and run, ` +
      `${count('typecheck-only')} type-checked only, ${count('failed')} failed; ${ignored.length} ignored`,
  ];
  for (const { file, line, reason } of ignored) lines.push(`  ignored ${file}:${line}: ${reason}`);
  return lines.join('\n');
}

const indent = (text) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => `       ${line}`)
    .join('\n');
