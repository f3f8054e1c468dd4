// The checker itself: a broken sample of each kind fails with its Markdown line, so the sample test
// cannot pass by finding or running nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkSamples } from '../src/check.mjs';
import { collectSamples, renderSample } from '../src/samples.mjs';
import { fromRoot } from '../src/markdown.mjs';

const folder = mkdtempSync(join(tmpdir(), 'gcsdk-doc-samples-fixture-'));
test.after(() => rmSync(folder, { recursive: true, force: true }));

/** A Markdown file in a temp folder, by its path relative to the repository as the checker takes it. */
const markdown = (name, text) => {
  const path = join(folder, name);
  writeFileSync(path, text);
  return fromRoot(path);
};
const fence = (lang, code, directive = '') => `${directive ? `${directive}\n\n` : ''}\`\`\`${lang}\n${code}\n\`\`\`\n\n`;

test('each kind of broken sample fails, naming its Markdown line; good ones pass', { timeout: 120_000 }, async () => {
  const file = markdown(
    'broken.md',
    '# Broken samples\n\n' +
      fence('ts', "import { UsersApi } from '@gcsdk/api-users';\n\nawait new UsersApi(client).getUserz(userId);") + // line 6: no such method
      fence('ts', "const me = await usersApi.getUsersMe();\nif (me.id) throw new Error('thrown by the sample');") + // runs, throws
      fence('ts', "import { createServer } from 'node:http';\n\ncreateServer().listen(0, '127.0.0.1');") + // leaves a server open
      fence('ini', '[logging]\nlog_level = loud') + // a bad value
      fence('ts', 'const name: string = me.name ?? "";\nconsole.log(name.length);') + // passes
      fence('ts', 'console.log(window.location.href);', '<!-- sample: typecheck-only — reads the page URL -->') +
      fence('js', "const { ApiClient } = require('@gcsdk/core');\nconsole.log(typeof ApiClient.instance.callApi);") +
      fence('ts', 'console.log(me.name.toUpperCase());'), // strict: name is optional
  );
  const { results } = await checkSamples([file]);
  const byLine = Object.fromEntries(results.map((r) => [r.sample.line, r]));
  assert.equal(results.length, 8);
  assert.equal(byLine[4].status, 'failed');
  assert.match(byLine[4].message, new RegExp(`${file}:6: TS2551: Property 'getUserz' does not exist`));
  assert.equal(byLine[10].status, 'failed');
  assert.match(byLine[10].message, /Error: thrown by the sample/);
  assert.equal(byLine[15].status, 'failed');
  assert.match(byLine[15].message, /left the process running \(open: .*TCPServerWrap/);
  assert.equal(byLine[21].status, 'failed');
  assert.match(byLine[21].message, /log_level/);
  assert.equal(byLine[26].status, 'passed');
  assert.equal(byLine[33].status, 'typecheck-only');
  assert.equal(byLine[33].message, 'reads the page URL');
  assert.equal(byLine[37].status, 'passed', byLine[37].message);
  assert.equal(byLine[42].status, 'failed');
  assert.match(byLine[42].message, /TS18048: 'me.name' is possibly 'undefined'/);
});

test('a continued sample runs with the blocks before it; directives need their reason', () => {
  const file = markdown(
    'continue.md',
    fence('ts', 'const total = 1;') + fence('ts', 'console.log(total + 1);', '<!-- sample: continue -->'),
  );
  const { samples } = collectSamples([file]);
  assert.deepEqual(
    samples.map((s) => s.parts.map((p) => p.code.trim())),
    [['const total = 1;'], ['const total = 1;', 'console.log(total + 1);']],
  );
  const noReason = markdown('no-reason.md', fence('ts', 'window.alert(1);', '<!-- sample: typecheck-only -->'));
  assert.throws(() => collectSamples([noReason]), /needs a reason/);
  const unknown = markdown('unknown.md', fence('ts', '1;', '<!-- sample: skip -->'));
  assert.throws(() => collectSamples([unknown]), /unknown sample directive/);
  const exporting = markdown('export.md', fence('ts', 'export const x = 1;'));
  assert.throws(() => renderSample(collectSamples([exporting]).samples[0]), /a sample cannot export/);
});
