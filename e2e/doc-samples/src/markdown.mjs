// Reads the repository's Markdown with a real parser (markdown-it): the fenced code blocks with
// their directives, the links, and the anchors GitHub gives the headings.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import GithubSlugger from 'github-slugger';

export const repoRoot = resolve(import.meta.dirname, '../../..');

const parser = new MarkdownIt({ html: true });

/** Languages whose blocks are checked, and how. */
export const CHECKED_LANGUAGES = {
  ts: 'ts',
  typescript: 'ts',
  js: 'cjs',
  javascript: 'cjs',
  cjs: 'cjs',
  mjs: 'mjs',
  ini: 'ini',
};

const DIRECTIVE = /^<!--\s*sample:\s*(typecheck-only|continue|ignore)\b\s*(?:[—–-]+\s*)?([\s\S]*?)\s*-->\s*$/;

/**
 * The Markdown files of the repository that git knows (tracked, or new and not ignored), minus
 * changelogs and changesets, whose text is written by tools. Paths are relative to the root.
 */
export function markdownFiles() {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', '*.md'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return listed
    .split('\0')
    .filter(Boolean)
    .filter((file) => !file.startsWith('.changeset/') && !/(^|\/)CHANGELOG\.md$/.test(file))
    .sort();
}

/** Relative path, for a file given on the command line from anywhere. */
export const fromRoot = (file) => relative(repoRoot, resolve(file));

/**
 * The fenced code blocks of one Markdown file, in order: `{ file, line, lang, kind, code, directive,
 * reason }`. `line` is the 1-based line of the first code line; `kind` is how it is checked
 * (`ts`, `cjs`, `mjs`, `ini`) or undefined for a language that is not checked. A directive is the
 * HTML comment right above the fence (Prettier puts a blank line between them).
 */
export function codeBlocks(file) {
  const tokens = parser.parse(readFileSync(join(repoRoot, file), 'utf8'), {});
  const blocks = [];
  tokens.forEach((token, index) => {
    if (token.type !== 'fence') return;
    const lang = token.info.trim().split(/\s+/)[0].toLowerCase();
    const previous = tokens[index - 1];
    let directive;
    let reason = '';
    if (previous?.type === 'html_block') {
      const match = DIRECTIVE.exec(previous.content.trim());
      if (match) [, directive, reason] = match;
      else if (/^<!--\s*sample\b/.test(previous.content.trim()))
        throw new Error(`${file}:${previous.map[0] + 1}: unknown sample directive ${previous.content.trim()}`);
    }
    blocks.push({ file, line: token.map[0] + 2, lang, kind: CHECKED_LANGUAGES[lang], code: token.content, directive, reason });
  });
  return blocks;
}

/** The text of an inline token, as GitHub uses it for a heading's anchor: markup dropped, code kept. */
const inlineText = (token) =>
  (token.children ?? []).map((child) => (child.type === 'text' || child.type === 'code_inline' ? child.content : '')).join('');

/**
 * One Markdown file's links (`{ href, line }`, from links and images, also inside tables and lists)
 * and the set of its heading anchors, slugged as GitHub does (repeated headings get -1, -2, …).
 */
export function linksAndAnchors(file) {
  const tokens = parser.parse(readFileSync(join(repoRoot, file), 'utf8'), {});
  const slugger = new GithubSlugger();
  const anchors = new Set();
  const links = [];
  let line = 1; // inline tokens in tables carry no position: the nearest block's line
  tokens.forEach((token, index) => {
    if (token.map) line = token.map[0] + 1;
    if (token.type === 'heading_open') anchors.add(slugger.slug(inlineText(tokens[index + 1])));
    if (token.type === 'html_block' || token.type === 'inline') {
      for (const match of token.content.matchAll(/<a\s[^>]*(?:name|id)="([^"]+)"/g)) anchors.add(match[1]);
    }
    if (token.type !== 'inline') return;
    for (const child of token.children ?? []) {
      if (child.type === 'link_open') links.push({ href: child.attrGet('href'), line });
      if (child.type === 'image') links.push({ href: child.attrGet('src'), line });
    }
  });
  return { links, anchors };
}
