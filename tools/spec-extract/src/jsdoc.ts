/** Reads the JSDoc block that swagger-codegen writes above each API method. */

export interface DocParam {
  /** The JSDoc type inside the braces, e.g. `Array.<String>`. */
  type: string;
  /** `userId` for a positional parameter, `opts.pageSize` for an optional one. */
  name: string;
  description: string;
  /** The text of a trailing `(default to X)`, removed from `description`. */
  defaultText?: string;
}

export interface MethodDoc {
  summary: string;
  description: string;
  params: Map<string, DocParam>;
  deprecated: boolean;
  preview: boolean;
}

const PREVIEW_LINE = /^\S+ is a preview method and is subject to both breaking and non-breaking changes at any time without notice$/;
const DEFAULT_SUFFIX = /\s*\(default to (.*)\)$/;

/** `/** ... *\/` -> the content lines, without the leading ` * `. */
function commentLines(comment: string): string[] {
  return comment
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, '').replace(/\s+$/, ''));
}

/** Splits `{Object.<String, {String: Object}>} name desc` on the brace that closes the type. */
function splitTypedTag(text: string): { type: string; rest: string } | undefined {
  if (!text.startsWith('{')) return undefined;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return { type: text.slice(1, i), rest: text.slice(i + 1).trim() };
  }
  return undefined;
}

export function parseMethodDoc(comment: string): MethodDoc {
  const lines = commentLines(comment);
  while (lines.length > 0 && lines[0] === '') lines.shift();
  const firstTag = lines.findIndex((line) => line.startsWith('@') || PREVIEW_LINE.test(line));
  const head = firstTag === -1 ? lines : lines.slice(0, firstTag);
  const doc: MethodDoc = {
    summary: head[0] ?? '',
    description: head.slice(1).join('\n').trim(),
    params: new Map(),
    deprecated: false,
    preview: false,
  };
  let last: DocParam | undefined;
  for (const line of firstTag === -1 ? [] : lines.slice(firstTag)) {
    if (PREVIEW_LINE.test(line)) {
      doc.preview = true;
    } else if (line.startsWith('@deprecated')) {
      doc.deprecated = true;
    } else if (line.startsWith('@param ')) {
      const typed = splitTypedTag(line.slice('@param '.length).trim());
      if (!typed) throw new Error(`unreadable @param line: ${line}`);
      const [name = '', ...words] = typed.rest.split(' ');
      last = { type: typed.type, name, description: words.join(' ').trim() };
      doc.params.set(name, last);
    } else if (line.startsWith('@')) {
      last = undefined;
    } else if (last && line !== '') {
      last.description = `${last.description}\n${line}`.trim();
    }
  }
  for (const param of doc.params.values()) {
    const match = DEFAULT_SUFFIX.exec(param.description);
    if (match) {
      param.defaultText = match[1];
      param.description = param.description.slice(0, match.index).trim();
    }
  }
  return doc;
}
