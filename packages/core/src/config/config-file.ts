/**
 * Reading the configuration file (Node only): INI, or JSON when the text starts with `{`.
 * INI is checked line by line before `ini` parses it, so that a malformed file is an error naming
 * the line rather than silently half-read, and every value arrives as a string, as the reference
 * SDK's `configparser` gives it.
 */
import { readFileSync, statSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import { parse } from 'ini';
import { ConfigFileError } from '../errors.js';
import { isSecretKey, type ConfigSections } from './settings.js';

const LINE_BREAK = /\r\n|\n|\r/;
const COMMENT = /^\s*(?:[;#]|$)/;
const SECTION = /^\s*\[\s*([^\]]*?)\s*\]\s*(?:[;#].*)?$/;
/** `key = value` or, as `configparser` also reads, `key: value`; the first `=` or `:` separates. */
const ENTRY = /^\s*([^=:]*?)\s*([=:])\s*(.*)$/;
/** Names `ini` passes through unchanged: no quotes, comment or escape characters, brackets or `=`. */
const NAME = /^[\p{L}\p{N}_.-](?:[\p{L}\p{N}_. -]*[\p{L}\p{N}_.-])?$/u;

function where(path: string, line?: number): string {
  return line === undefined ? `config file ${path}` : `config file ${path}, line ${line}`;
}

function isName(name: string): boolean {
  return NAME.test(name) && name !== '__proto__';
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

/**
 * Checks every line and rewrites it in the one form `ini` reads exactly: `[name]` at the start of
 * the line (dots escaped, which `ini` would otherwise split into nested sections) and `key = value`.
 */
function normaliseIni(text: string, path: string): string {
  let inSection = false;
  return text
    .split(LINE_BREAK)
    .map((line, index) => {
      if (COMMENT.test(line)) return '';
      const section = SECTION.exec(line);
      if (section && isName(section[1]!)) {
        inSection = true;
        return `[${section[1]!.replace(/\./g, '\\.')}]`;
      }
      const entry = section ? null : ENTRY.exec(line);
      if (!entry || !isName(entry[1]!)) {
        throw new ConfigFileError(`${where(path, index + 1)}: expected "key = value" or "[section]", found ${showLine(line)}`, path);
      }
      if (!inSection) throw new ConfigFileError(`${where(path, index + 1)}: ${showLine(line)} comes before any [section] header`, path);
      return `${entry[1]} = ${entry[3]}`;
    })
    .join('\n');
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
  for (const [name, section] of Object.entries(parsed)) {
    if (typeof section !== 'object' || section === null || Array.isArray(section)) {
      throw new ConfigFileError(`${where(path)}: section "${name}" must be an object of settings`, path);
    }
  }
  return parsed as ConfigSections;
}

/** Parses the text of a configuration file. Throws ConfigFileError naming the file and what is wrong. */
export function parseConfigText(text: string, path: string): ConfigSections {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) return {};
  if (body.trimStart().startsWith('{')) return parseJson(body, path);
  return asText(parse(normaliseIni(body, path)));
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
  const text = attempt(path, () => readFileSync(path, 'utf8'));
  return text === undefined ? undefined : parseConfigText(text, path);
}

/**
 * Polls the file; calls onChange when it appears, disappears or changes (mtime, size, or a new inode
 * from an editor's save-by-rename). Not persistent: it never keeps the process or a test run alive.
 * The returned function stops this watch only, leaving any other listener on the same path.
 */
export function watchConfigFile(path: string, onChange: () => void, intervalMs: number): () => void {
  const listener = (current: Stats, previous: Stats): void => {
    if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size || current.ino !== previous.ino) onChange();
  };
  watchFile(path, { persistent: false, interval: intervalMs }, listener);
  return () => unwatchFile(path, listener);
}
