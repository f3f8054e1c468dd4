#!/usr/bin/env node
// Checks the code samples of Markdown files (all of the repository's when none are named): each is
// type-checked against the built packages and run against a mock server. Exit code 1 if any fails.
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkSamples } from '../src/check.mjs';
import { formatResult, formatSummary } from '../src/report.mjs';
import { fromRoot, markdownFiles } from '../src/markdown.mjs';

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { verbose: { type: 'boolean', short: 'v' }, help: { type: 'boolean', short: 'h' } },
  });
} catch (error) {
  process.stderr.write(`${error.message}\nusage: check.mjs [--verbose] [file.md …]\n`);
  process.exit(2);
}
const { positionals, values } = parsed;
if (values.help) {
  process.stdout.write('usage: check.mjs [--verbose] [file.md …]   (default: every Markdown file of the repository)\n');
  process.exit(0);
}
const unusable = positionals.filter((file) => !file.endsWith('.md') || !existsSync(file) || !statSync(file).isFile());
if (unusable.length) {
  process.stderr.write(`not a Markdown file: ${unusable.join(', ')}\n`);
  process.exit(2);
}
const files = positionals.length ? positionals.map(fromRoot) : markdownFiles();
const { results, ignored } = await checkSamples(files, {
  onResult: (result) => process.stdout.write(`${formatResult(result, values.verbose)}\n`),
});
process.stdout.write(`${formatSummary(results, ignored)}\n`);
process.exit(results.some((result) => result.status === 'failed') ? 1 : 0);
