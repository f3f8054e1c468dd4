/**
 * Reading the configuration file (Node only): INI, parsed with `ini` after a line check so that a
 * malformed file is an error rather than silently half-read, or JSON when the text starts with `{`.
 */
import { readFileSync, unwatchFile, watchFile, type Stats } from 'node:fs';
import { parse } from 'ini';
import { ConfigFileError } from '../errors.js';
import type { ConfigSections } from './settings.js';

const SECTION = /^\s*\[[^\]]+\]\s*$/;
const COMMENT = /^\s*[;#]/;
const ENTRY = /^\s*[^=\s[][^=]*=.*$/;
const SECRET_KEY = /password|secret|token|username/i;

/** Shows a line in an error message, hiding the value of a secret-looking key. */
function showLine(line: string): string {
  const eq = line.indexOf('=');
  const shown = eq !== -1 && SECRET_KEY.test(line.slice(0, eq)) ? `${line.slice(0, eq + 1)} ***` : line;
  return JSON.stringify(shown.trim().length > 60 ? `${shown.trim().slice(0, 57)}...` : shown.trim());
}

function checkIni(text: string, path: string): void {
  let inSection = false;
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim() || COMMENT.test(line)) return;
    if (SECTION.test(line)) {
      inSection = true;
      return;
    }
    const where = `Configuration file ${path}, line ${index + 1}`;
    if (!ENTRY.test(line)) throw new ConfigFileError(`${where}: expected "key = value" or "[section]", found ${showLine(line)}`, path);
    if (!inSection) throw new ConfigFileError(`${where}: ${showLine(line)} comes before any [section] header`, path);
  });
}

/** Parses the text of a configuration file. Throws ConfigFileError naming the file and what is wrong. */
export function parseConfigText(text: string, path: string): ConfigSections {
  const body = text.replace(/^\uFEFF/, '');
  if (!body.trim()) return {};
  if (body.trimStart().startsWith('{')) return parseJson(body, path);
  checkIni(body, path);
  const parsed = parse(body) as Record<string, unknown>;
  const sections: ConfigSections = {};
  for (const [name, value] of Object.entries(parsed)) {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) sections[name] = value as Record<string, unknown>;
  }
  return sections;
}

function parseJson(text: string, path: string): ConfigSections {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ConfigFileError(`Configuration file ${path} is not valid JSON: ${(error as Error).message}`, path, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new ConfigFileError(`Configuration file ${path}: expected a JSON object of sections`, path);
  for (const [name, section] of Object.entries(parsed)) {
    if (typeof section !== 'object' || section === null || Array.isArray(section)) {
      throw new ConfigFileError(`Configuration file ${path}: section "${name}" must be an object of settings`, path);
    }
  }
  return parsed as ConfigSections;
}

/** The file's sections; undefined when there is no file. Throws ConfigFileError when unreadable or malformed. */
export function readConfigFile(path: string): ConfigSections | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') return undefined;
    throw new ConfigFileError(`Configuration file ${path} cannot be read (${code ?? (error as Error).message})`, path, { cause: error });
  }
  return parseConfigText(text, path);
}

/** Polls the file; calls onChange when it appears, disappears or changes. Never keeps the process alive. */
export function watchConfigFile(path: string, onChange: () => void, intervalMs: number): () => void {
  const listener = (current: Stats, previous: Stats) => {
    if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size || current.ino !== previous.ino) onChange();
  };
  watchFile(path, { persistent: false, interval: intervalMs }, listener);
  return () => unwatchFile(path, listener);
}
