// The reference SDK's README example, taken from its README at test time: how a Node.js user of
// purecloud-platform-client-v2 obtains the module, logs in (the first example of its "Usage" section,
// client credentials) and makes a request (the Node.js example of "Making Requests").
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../scripts/lib/workspace-packages.mjs';

export const REFERENCE = 'purecloud-platform-client-v2';
export const REFERENCE_README = join(ROOT, 'node_modules', REFERENCE, 'README.md');
export const REQUIRE_LINE = `const platformClient = require('${REFERENCE}');`;

/** The ```javascript blocks of a Markdown text, each with the headings above it. */
function javascriptBlocks(markdown) {
  const blocks = [];
  const headings = [];
  let block;
  for (const line of markdown.split('\n')) {
    if (block && line.trim() === '```') {
      blocks.push({ headings: [...headings], code: block.join('\n') });
      block = undefined;
    } else if (block) block.push(line);
    else if (line.trim() === '```javascript') block = [];
    else if (/^#{1,6} /.test(line)) headings.push(line.trim());
  }
  return blocks;
}

/** The example as the README gives it: three of its blocks, unchanged, one after the other. */
export function readmeExample(markdown = readFileSync(REFERENCE_README, 'utf8')) {
  const blocks = javascriptBlocks(markdown);
  const pick = (what, test) => {
    const found = blocks.find(test);
    if (!found) throw new Error(`the reference README has no ${what}`);
    return found.code;
  };
  return [
    pick('require block', (b) => b.code.includes(REQUIRE_LINE)),
    pick('first example under "# Usage"', (b) => b.headings.includes('# Usage')),
    pick('"## Making Requests" example', (b) => b.headings.includes('## Making Requests')),
  ].join('\n\n');
}

/**
 * The example made to run against the mock server: after the require line, the credentials it leaves
 * to the reader and the reference's documented gateway setting. With `packageName`, the require line
 * names that package instead. Nothing else changes.
 */
export function runnableExample(example, { port, packageName = REFERENCE }) {
  const setup = [
    `const clientId = 'demo-client';`,
    `const clientSecret = 'demo-secret';`,
    `platformClient.ApiClient.instance.setGateway({ host: '127.0.0.1', protocol: 'http', port: ${port} });`,
  ];
  const lines = example.split('\n');
  const at = lines.indexOf(REQUIRE_LINE);
  if (at === -1) throw new Error(`the example has no line ${REQUIRE_LINE}`);
  lines.splice(at, 1, REQUIRE_LINE.replace(REFERENCE, packageName), ...setup);
  return `${lines.join('\n')}\n`;
}

/** Lines of `a` that are not in `b`, in order: a small line diff for examples without repeated lines. */
export function linesOnlyIn(a, b) {
  const other = new Set(b.split('\n'));
  return a.split('\n').filter((line) => !other.has(line));
}
