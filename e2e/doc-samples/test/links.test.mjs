// Links in the Markdown: relative ones reach a file, anchors reach a heading.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLinks } from '../src/links.mjs';
import { fromRoot, linksAndAnchors, markdownFiles, repoRoot } from '../src/markdown.mjs';

test('every relative link and anchor in the Markdown resolves', () => {
  const files = markdownFiles();
  const { problems, checked, external } = checkLinks(files);
  console.log(`${checked} links in ${files.length} Markdown files (${external} to the web, checked for form only)`);
  assert.deepEqual(
    problems.map((p) => `${p.file}:${p.line}: ${p.href}: ${p.problem}`),
    [],
  );
  assert.ok(checked > external, 'relative links were found');
});

test('the README links every guide in docs/ and the examples index', () => {
  const linked = new Set(linksAndAnchors('README.md').links.map(({ href }) => href.replace(/#.*$/, '')));
  const guides = markdownFiles().filter((file) => /^docs\/[^/]+\.md$/.test(file) && file !== 'docs/DESIGN.md');
  assert.ok(guides.length >= 14, `guides found: ${guides.join(', ')}`);
  const missing = [...guides, 'examples/README.md'].filter((file) => !linked.has(file));
  assert.deepEqual(missing, [], 'guides the README does not link');
});

test('a missing file, a missing anchor and a malformed URL are reported with their lines', () => {
  // Inside the repository, so that links relative to it resolve as the real ones do.
  mkdirSync(join(repoRoot, 'node_modules/.cache'), { recursive: true });
  const folder = mkdtempSync(join(repoRoot, 'node_modules/.cache/gcsdk-links-'));
  try {
    writeFileSync(
      join(folder, 'a.md'),
      [
        '# Title',
        '',
        '## Second `part`',
        '',
        '[ok](#second-part) [ok too](b.md#the-end) [folder](.)',
        '',
        '[gone](missing.md) [no anchor](b.md#nowhere)',
        '',
        '| table | [bad url](https://exa%mple.com) |',
        '| ----- | --- |',
        '| cell  | [self](#title-1) |',
      ].join('\n'),
    );
    writeFileSync(join(folder, 'b.md'), '# The end\n');
    const file = fromRoot(join(folder, 'a.md'));
    const { problems } = checkLinks([file]);
    assert.deepEqual(
      problems.map((p) => [p.line, p.href]),
      [
        [7, 'missing.md'],
        [7, 'b.md#nowhere'],
        [9, 'https://exa%25mple.com'],
        [11, '#title-1'],
      ],
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
