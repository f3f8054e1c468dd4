// The link check: every relative link of the Markdown goes to a file or folder that exists, and
// every #anchor to a heading (or an explicit anchor) of its target, as GitHub would render them.
// Web links cannot be followed offline: they are only checked to be well-formed URLs.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { linksAndAnchors, repoRoot } from './markdown.mjs';

/** `{ problems: [{ file, line, href, problem }], checked, external }` for the given Markdown files. */
export function checkLinks(files) {
  // Each file is parsed once, whether it is read for its links, as a target for its anchors, or both.
  const parsedFiles = new Map();
  const parsed = (file) => {
    if (!parsedFiles.has(file)) parsedFiles.set(file, linksAndAnchors(file));
    return parsedFiles.get(file);
  };
  const anchors = (file) => parsed(file).anchors;
  const problems = [];
  let checked = 0;
  let external = 0;
  for (const file of files) {
    for (const { href, line } of parsed(file).links) {
      checked++;
      const problem = (text) => problems.push({ file, line, href, problem: text });
      if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
        external++;
        if (/^https?:/i.test(href) && !URL.canParse(href)) problem('not a well-formed URL');
        else if (!/^(https?|mailto):/i.test(href)) problem('a scheme other than http, https or mailto');
        continue;
      }
      const [pathPart, anchor] = splitHref(href);
      const target = pathPart ? relative(repoRoot, join(repoRoot, dirname(file), decodeURIComponent(pathPart))) : file;
      if (target.startsWith('..')) {
        problem('points outside the repository');
        continue;
      }
      if (!existsSync(join(repoRoot, target))) {
        problem(`${target} does not exist`);
        continue;
      }
      if (anchor === undefined || !target.endsWith('.md') || statSync(join(repoRoot, target)).isDirectory()) continue;
      if (!anchors(target).has(decodeURIComponent(anchor))) problem(`${target} has no heading with the anchor #${anchor}`);
    }
  }
  return { problems, checked, external };
}

function splitHref(href) {
  const hash = href.indexOf('#');
  const path = (hash === -1 ? href : href.slice(0, hash)).replace(/\?.*$/, '');
  return [path, hash === -1 ? undefined : href.slice(hash + 1)];
}
