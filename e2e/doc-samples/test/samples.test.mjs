// Every code sample of the repository's Markdown, type-checked against the built packages and run
// against the mock server (see README.md in this folder for the conventions).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkSamples } from '../src/check.mjs';
import { markdownFiles } from '../src/markdown.mjs';
import { formatResult, formatSummary } from '../src/report.mjs';

test('every code sample in the Markdown type-checks and runs against the mock server', { timeout: 600_000 }, async () => {
  const files = markdownFiles();
  const started = performance.now();
  const { results, ignored } = await checkSamples(files);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${formatSummary(results, ignored)}\n(${seconds} s)`);
  for (const result of results.filter((r) => r.status === 'typecheck-only')) console.log(formatResult(result));

  const failed = results.filter((result) => result.status === 'failed');
  assert.equal(failed.length, 0, `failed samples:\n${failed.map((result) => formatResult(result)).join('\n')}`);

  // The extraction found what it must: every README the generator writes has its example call, and
  // each guide of docs/ with code shows it running.
  const ran = new Set(results.filter((r) => r.status === 'passed').map((r) => r.sample.file));
  const generated = files.filter((file) => /^packages\/api-[^/]+\/README\.md$/.test(file));
  assert.ok(generated.length > 0);
  for (const file of [...generated, 'README.md', 'packages/core/README.md']) assert.ok(ran.has(file), `no sample of ${file} ran`);
});
