#!/usr/bin/env node
// Checks the code samples of Markdown files (all of the repository's when none are named): each is
// type-checked against the built packages and run against a mock server. Exit code 1 if any fails.
import { parseArgs } from 'node:util';
import { checkSamples } from '../src/check.mjs';
import { formatResult, formatSummary } from '../src/report.mjs';
import { fromRoot, markdownFiles } from '../src/markdown.mjs';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { verbose: { type: 'boolean', short: 'v' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  process.stdout.write('usage: check.mjs [--verbose] [file.md …]   (default: every Markdown file of the repository)\n');
  process.exit(0);
}
const files = positionals.length ? positionals.map(fromRoot) : markdownFiles();
const { results, ignored } = await checkSamples(files, {
  onResult: (result) => process.stdout.write(`${formatResult(result, values.verbose)}\n`),
});
process.stdout.write(`${formatSummary(results, ignored)}\n`);
process.exit(results.some((result) => result.status === 'failed') ? 1 : 0);
