/**
 * Reading the configuration file (Node only): INI, or JSON when the text starts with `{`.
 * INI is checked line by line before `ini` parses it, so that a malformed file is an error naming
 * the line rather than silently half-read, and every value arrives as a string, as the reference
 * SDK's `configparser` gives it. What does not stop the file being used (a key given twice, a
 * reserved name) is noted on the result (`PARSE_NOTES`) and reported with the other problems.
 */
import { readFileSync, statSync } from 'node:fs';
import { parse } from 'ini';
import { ConfigFileError } from '../errors.js';
import { isSecretKey, PARSE_NOTES, type ConfigSections } from './settings.js';

const LINE_BREAK = /\r\n|\n|\r/;
const COMMENT = /^\s*(?:[;#]|$)/;
const SECTION = /^\s*\[\s*([^\]]*?)\s*\]\s*(?:[;#].*)?$/;
/** `key = value` or, as `configparser` also reads, `key: value`; the first `=` or `:` separates. */
const ENTRY = /^\s*([^=:]*?)\s*([=:])\s*(.*)$/;
/** Names `ini` passes through unchanged: no quotes, comment or escape characters, brackets or `=`. */
const NAME = /^[\p{L}\p{N}_.-](?:[\p{L}\p{N}_. -]*[\p{L}\p{N}_.-])?$/u;
/** A name `ini` would drop without a word (it guards against prototype pollution): reported and skipped instead. */
const RESERVED = '__proto__';
/** Larger than any real configuration file; read on every change, so a huge one is refused unread. */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

function where(path: string, line?: number): string {
  return line === undefined ? `config file ${path}` : `config file ${path}, line ${line}`;
}

function isName(name: string): boolean {
  return NAME.test(name);
}

/** A line as an error message quotes it: trimmed, cut, and with the value of a secret-looking key masked. */
function showLine(line: string): string {
  let text = line.trim();
  const entry = ENTRY.exec(text);
  const first = text.split(/\s/)[0]!;
  if (entry && isSecretKey(entry[1]!)) text = `${entry[1]} ${entry[2]} ***`;
  else if (!entry && isSecretKey(text)) text = isSecretKey(first) ? `${first} ***` : '***';
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 59)}…` : text);
}

/** Which lines set each key of each section, to report a key given twice. */
class KeyLines {
  private readonly lines = new Map<string, { section: string; key: string; lines: number[] }>();

  add(section: string, key: string, line: number): void {
    const id = JSON.stringify([section, key]);
    const entry = this.lines.get(id) ?? { section, key, lines: [] };
    entry.lines.push(line);
    this.lines.set(id, entry);
  }

  /** `ini` keeps the last of repeated keys, as `configparser` does: say which one is used. */
  notes(): string[] {
    return [...this.lines.values()]
      .filter((entry) => entry.lines.length > 1)
      .map(({ section, key, lines }) => {
        const last = lines[lines.length - 1]!;
        return `[${section}] ${key} is set on lines ${lines.slice(0, -1).join(', ')} and ${last}; line ${last} is used`;
      });
  }
}

/**
 * Checks every line and rewrites it in the one form `ini` reads exactly: `[name]` at the start of
 * the line (dots escaped, which `ini` would otherwise split into nested sections) and `key = value`.
 * Lines of a reserved section or key are dropped, with a note.
 */
function normaliseIni(text: string, path: string, notes: string[]): string {
  let section: string | undefined;
  const keyLines = new KeyLines();
  const output = text.split(LINE_BREAK).map((line, index) => {
    const number = index + 1;
    if (COMMENT.test(line)) return '';
    const header = SECTION.exec(line);
    if (header && isName(header[1]!)) {
      section = header[1]!;
      if (section === RESERVED) notes.push(`line ${number}: [${RESERVED}] is a reserved name; the section is ignored`);
      return section === RESERVED ? '' : `[${section.replace(/\./g, '\\.')}]`;
    }
    const entry = header ? null : ENTRY.exec(line);
    if (!entry || !isName(entry[1]!)) {
      throw new ConfigFileError(`${where(path, number)}: expected "key = value" or "[section]", found ${showLine(line)}`, path);
    }
    if (section === undefined)
      throw new ConfigFileError(`${where(path, number)}: ${showLine(line)} comes before any [section] header`, path);
    if (section === RESERVED) return '';
    if (entry[1] === RESERVED) {
      notes.push(`line ${number}: [${section}] "${RESERVED}" is a reserved name; ignored`);
      return '';
    }
    keyLines.add(section, entry[1]!, number);
    return `${entry[1]} = ${entry[3]}`;
  });
  notes.push(...keyLines.notes());
  return output.join('\n');
}

/** `ini` turns `true`, `false` and `null` into JSON values; the reference gives every INI value as text. */
function asText(parsed: Record<string, unknown>): ConfigSections {
  const sections: ConfigSections = {};
  for (const [name, entries] of Object.entries(parsed)) {
    const section: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
      section[key] = typeof value === 'string' ? value : String(value);
    }
    sections[name] = section;
  }
  return sections;
}

function lineAndColumn(text: string, offset: number): string {
  const lines = text.slice(0, offset).split(LINE_BREAK);
  return `line ${lines.length}, column ${lines[lines.length - 1]!.length + 1}`;
}

/** Where JSON.parse failed: V8 gives a position, or quotes the ten characters before and after the bad token. */
function jsonOffset(message: string, text: string): number | undefined {
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  const quoted = /\.\.\."([\s\S]*)"(?:\.\.\.)? is not valid JSON$/.exec(message);
  const index = quoted ? text.indexOf(quoted[1]!) : -1;
  return index === -1 ? undefined : index + 10;
}

/** The parser's verdict without the text it quotes (`…"…" is not valid JSON`) or a letter it names: either may be a password's. */
function jsonVerdict(message: string): string {
  return message
    .replace(/, (?:\.\.\.)?"[\s\S]*$/, '')
    .replace(/^Unexpected token (?:'[\p{L}\p{N}]'|[\p{L}\p{N}](?= ))/u, 'Unexpected token');
}

function parseJson(text: string, path: string): ConfigSections {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = jsonOffset(message, text);
    const location = offset === undefined ? where(path) : `${where(path)}, ${lineAndColumn(text, offset)}`;
    throw new ConfigFileError(`${location}: not valid JSON: ${jsonVerdict(message)}`, path, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigFileError(
      `${where(path)}: expected a JSON object of sections, found ${Array.isArray(parsed) ? 'an array' : typeof parsed}`,
      path,
    );
  }
  return parsed as ConfigSections;
}

/**
 * Parses the text of a configuration file. Throws ConfigFileError naming the file and what is wrong.
 * A section that is not an object of settings is left for `interpretSections` to report, so that the
 * other sections still apply.
 */
export function parseConfigText(text: string, path: string): ConfigSections {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) return {};
  if (body.trimStart().startsWith('{')) return parseJson(body, path);
  const notes: string[] = [];
  const sections = asText(parse(normaliseIni(body, path, notes)));
  if (notes.length > 0) Object.defineProperty(sections, PARSE_NOTES, { value: notes, enumerable: false });
  return sections;
}

/** Runs a file operation: undefined when the file is missing, ConfigFileError for any other failure. */
function attempt<T>(path: string, operation: () => T): T | undefined {
  try {
    return operation();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') return undefined;
    throw new ConfigFileError(`${where(path)} cannot be read (${code ?? (error as Error).message})`, path, { cause: error });
  }
}

/** The file's sections; undefined when there is no file. Throws ConfigFileError when unreadable or malformed. */
export function readConfigFile(path: string): ConfigSections | undefined {
  const stats = attempt(path, () => statSync(path, { throwIfNoEntry: false }));
  if (!stats) return undefined;
  // Reading a FIFO would block (forever, without a writer); a device or directory is no config file either.
  if (!stats.isFile())
    throw new ConfigFileError(`${where(path)} cannot be read: ${stats.isDirectory() ? 'it is a directory' : 'not a regular file'}`, path);
  if (stats.size > MAX_CONFIG_FILE_BYTES) {
    throw new ConfigFileError(
      `${where(path)} is ${stats.size} bytes, more than the ${MAX_CONFIG_FILE_BYTES} (1 MiB) a configuration file may have`,
      path,
    );
  }
  const text = attempt(path, () => readFileSync(path, 'utf8'));
  return text === undefined ? undefined : parseConfigText(text, path);
}

/** What a poll compares: a change of any of these is a change of the file; undefined is "no file". */
export interface FileStamp {
  mtimeMs: number;
  size: number;
  ino: number;
}

/** The file's stamp now, or undefined when there is no file (or it cannot be looked at). */
export function fileStamp(path: string): FileStamp | undefined {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats && { mtimeMs: stats.mtimeMs, size: stats.size, ino: stats.ino };
  } catch {
    return undefined;
  }
}

const sameStamp = (a: FileStamp | undefined, b: FileStamp | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino);

/**
 * Polls the file; calls onChange when it appears, disappears or changes (mtime, size, or a new inode
 * from an editor's save-by-rename) compared with `baseline`, the stamp taken before the file was
 * last read. (fs.watchFile takes its own first stamp later, in the background, so an edit made
 * between the read and that stamp was never seen.) Not persistent: it never keeps the process or a
 * test run alive. The returned function stops this watch only.
 */
export function watchConfigFile(path: string, onChange: () => void, intervalMs: number, baseline: FileStamp | undefined): () => void {
  let last = baseline;
  const timer = setInterval(() => {
    const now = fileStamp(path);
    if (sameStamp(now, last)) return;
    last = now;
    onChange();
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
