/**
 * What a configuration file means: its sections (as parsed from INI or JSON) checked key by key and
 * turned into typed values. Browser-safe: no file access here. Each key stands on its own: a bad
 * value is reported and left out (the caller keeps that key's previous value), an empty value or a
 * JSON `null` means the key is not set, and every other key is still read.
 */
import { isHostName, normaliseEnvironment } from './environment.js';

export type ConfigSections = Record<string, Record<string, unknown>>;

/**
 * Findings of the parser that do not stop the file being applied (a duplicated key, a reserved name),
 * kept on the parsed sections under this symbol (not enumerable) and reported with the other problems.
 */
export const PARSE_NOTES: unique symbol = Symbol('gcsdk.configParseNotes');

export interface RetrySettings {
  /** Retries on or off. */
  enabled: boolean;
  /** Re-sends after the first attempt. */
  max_retries: number;
  /** First backoff ceiling; doubles each retry (full jitter below it). */
  base_delay_ms: number;
  /** Largest backoff ceiling. */
  max_delay_ms: number;
  /** No retry starts after this much time since the first attempt. */
  max_elapsed_ms: number;
  /** A server wait longer than this fails at once with a RateLimitError. */
  max_retry_after_seconds: number;
}

/** Frozen: every client copies it, so no client can change another's defaults. */
export const DEFAULT_RETRY_SETTINGS: Readonly<RetrySettings> = Object.freeze({
  enabled: true,
  max_retries: 3,
  base_delay_ms: 500,
  max_delay_ms: 30_000,
  max_elapsed_ms: 300_000,
  max_retry_after_seconds: 180,
});

export type LogLevelSetting = 'none' | 'error' | 'debug' | 'trace';
export type LogFormatSetting = 'json' | 'text';

/** Every key the file may hold, as `section.key`, with the type of its value. */
export interface FileValueTypes {
  'logging.log_level': LogLevelSetting;
  'logging.log_format': LogFormatSetting;
  'logging.log_to_console': boolean;
  'logging.log_file_path': string;
  'logging.log_request_body': boolean;
  'logging.log_response_body': boolean;
  'reauthentication.refresh_access_token': boolean;
  /** Seconds. */
  'reauthentication.refresh_token_wait_max': number;
  'general.live_reload_config': boolean;
  'general.host': string;
  'gateway.host': string;
  'gateway.protocol': string;
  'gateway.port': number;
  'gateway.path_params_login': string;
  'gateway.path_params_api': string;
  'gateway.username': string;
  'gateway.password': string;
  'retry.enabled': boolean;
  'retry.max_retries': number;
  'retry.base_delay_ms': number;
  'retry.max_delay_ms': number;
  'retry.max_elapsed_ms': number;
  'retry.max_retry_after_seconds': number;
}

export type SettingKey = keyof FileValueTypes;

/** The keys a file sets, with their checked values; a key not set is absent. */
export type FileValues = { readonly [K in SettingKey]?: FileValueTypes[K] };

type Kind = 'boolean' | 'integer' | 'port' | 'string' | 'level' | 'format' | 'environment' | 'host' | 'protocol' | 'path';

/** Names are exact and lower-case, as in the reference. */
const SCHEMA: Readonly<Record<SettingKey, Kind>> = {
  'logging.log_level': 'level',
  'logging.log_format': 'format',
  'logging.log_to_console': 'boolean',
  'logging.log_file_path': 'string',
  'logging.log_request_body': 'boolean',
  'logging.log_response_body': 'boolean',
  'reauthentication.refresh_access_token': 'boolean',
  'reauthentication.refresh_token_wait_max': 'integer',
  'general.live_reload_config': 'boolean',
  'general.host': 'environment',
  'gateway.host': 'host',
  'gateway.protocol': 'protocol',
  'gateway.port': 'port',
  'gateway.path_params_login': 'path',
  'gateway.path_params_api': 'path',
  'gateway.username': 'string',
  'gateway.password': 'string',
  'retry.enabled': 'boolean',
  'retry.max_retries': 'integer',
  'retry.base_delay_ms': 'integer',
  'retry.max_delay_ms': 'integer',
  'retry.max_elapsed_ms': 'integer',
  'retry.max_retry_after_seconds': 'integer',
};

export const SETTING_KEYS = Object.keys(SCHEMA) as SettingKey[];

/** Section name -> its key names, in schema order. */
const SECTIONS: ReadonlyMap<string, readonly string[]> = SETTING_KEYS.reduce((map, setting) => {
  const [section, key] = setting.split('.') as [string, string];
  map.set(section, [...(map.get(section) ?? []), key]);
  return map;
}, new Map<string, string[]>());

const KIND_TEXT: Record<Kind, string> = {
  boolean: 'true or false',
  integer: 'a non-negative integer',
  port: 'a port number (0 to 65535)',
  string: 'a string',
  level: 'none, error, debug or trace',
  format: 'json or text',
  environment: 'a host name (such as mypurecloud.ie, or a region such as eu_west_1)',
  host: 'a host name or IP address, with no protocol or path',
  protocol: 'http or https',
  path: 'a URL path (no spaces, ? or #)',
};

const SECRET_NAME = /passw(?:or)?d|passphrase|secret|token|credential|username|api[_-]?key|private[_-]?key/i;

/** Known keys whose values are flags or numbers (`refresh_token_wait_max`), never secrets. */
const NOT_SECRET = new Set(
  SETTING_KEYS.filter((setting) => !['string', 'path', 'host', 'environment'].includes(SCHEMA[setting])).map(
    (setting) => setting.split('.')[1]!,
  ),
);

/** True for a key whose value must never appear in a message (password, secret, token…). */
export function isSecretKey(key: string): boolean {
  return SECRET_NAME.test(key) && !NOT_SECRET.has(key);
}

function isSection(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const PATH = /^[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;

/** Converts one raw value, or returns undefined when it does not fit the kind. */
function convert(kind: Kind, raw: unknown): unknown {
  const text = typeof raw === 'string' ? raw.trim() : undefined;
  switch (kind) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      return text !== undefined && /^(true|false)$/i.test(text) ? text.toLowerCase() === 'true' : undefined;
    case 'integer':
    case 'port': {
      const value = typeof raw === 'number' ? raw : text !== undefined && /^\d+$/.test(text) ? Number(text) : NaN;
      const max = kind === 'port' ? 65_535 : Number.MAX_SAFE_INTEGER;
      return Number.isSafeInteger(value) && value >= 0 && value <= max ? value : undefined;
    }
    case 'string':
      return text;
    case 'level':
      return text !== undefined && /^(none|error|debug|trace)$/i.test(text) ? text.toLowerCase() : undefined;
    case 'format':
      return text !== undefined && /^(json|text)$/i.test(text) ? text.toLowerCase() : undefined;
    case 'environment':
      return text !== undefined && normaliseEnvironment(text) !== undefined ? text : undefined;
    case 'host':
      return text !== undefined && isHostName(text) ? text : undefined;
    case 'protocol':
      return text !== undefined && /^https?$/i.test(text) ? text.toLowerCase() : undefined;
    case 'path':
      return text !== undefined && PATH.test(text) ? text : undefined;
  }
}

/** A value as a message shows it: secrets masked, objects not spelled out, long text cut. */
function shown(key: string, raw: unknown): string {
  if (isSecretKey(key)) return '***';
  if (Array.isArray(raw)) return '[…]';
  if (typeof raw === 'object' && raw !== null) return '{…}';
  return cut(JSON.stringify(raw) ?? String(raw));
}

function cut(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A name from the file as a message shows it: cut, and quoted with escapes when it holds odd characters. */
function shownName(name: string): string {
  const quoted = JSON.stringify(name);
  return cut(/^[\w.-]*$/.test(name) ? name : quoted.slice(1, -1), 40);
}

/** Why a key is unknown, and what was probably meant: the same name in another case, or another section. */
function unknownKey(section: string, key: string, keys: readonly string[]): string {
  const base = `unknown key "${shownName(key)}" in [${section}]`;
  const sameName = keys.find((known) => known.toLowerCase() === key.toLowerCase());
  if (sameName) return `${base}; did you mean "${sameName}"?`;
  const homes = [...SECTIONS].filter(([, names]) => names.includes(key)).map(([name]) => `[${name}]`);
  if (homes.length > 0) return `${base}; it belongs in ${homes.join(' or ')}`;
  return `${base} (known: ${keys.join(', ')})`;
}

function unknownSection(section: string): string {
  const base = `unknown section [${shownName(section)}]`;
  const sameName = [...SECTIONS.keys()].find((known) => known.toLowerCase() === section.toLowerCase());
  return sameName ? `${base}; did you mean [${sameName}]?` : `${base} (known: ${[...SECTIONS.keys()].join(', ')})`;
}

/** An empty value, or JSON null, means the key is not set: its default applies. */
function isUnset(raw: unknown): boolean {
  return raw === null || (typeof raw === 'string' && raw.trim() === '');
}

export interface InterpretedFile {
  /** The keys set with a usable value. */
  values: FileValues;
  /** The keys set with a value that was refused (reported in `problems`). */
  rejected: SettingKey[];
  /** Each problem found, without the file name: the caller adds it. */
  problems: string[];
}

/** Checks and types the sections key by key; returns the values, the refused keys and every problem. */
export function interpretSections(sections: ConfigSections): InterpretedFile {
  const problems: string[] = [...((sections as { [PARSE_NOTES]?: string[] })[PARSE_NOTES] ?? [])];
  const values: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const rejected: SettingKey[] = [];
  for (const [section, entries] of Object.entries(sections)) {
    const keys = SECTIONS.get(section);
    if (!keys) {
      problems.push(unknownSection(section));
      continue;
    }
    if (!isSection(entries)) {
      problems.push(`[${section}] is not a section of settings; ignored`);
      continue;
    }
    for (const [key, raw] of Object.entries(entries)) {
      if (!keys.includes(key)) {
        problems.push(unknownKey(section, key, keys));
        continue;
      }
      if (isUnset(raw)) continue;
      const setting = `${section}.${key}` as SettingKey;
      const value = convert(SCHEMA[setting], raw);
      if (value !== undefined) values[setting] = value;
      else {
        rejected.push(setting);
        problems.push(`[${section}] ${key} = ${shown(key, raw)} is not ${KIND_TEXT[SCHEMA[setting]]}; ignored`);
      }
    }
  }
  // The reference ignores a gateway without a host; say so, since its other keys were probably meant.
  const gatewayKeys = SETTING_KEYS.filter((setting) => setting.startsWith('gateway.') && setting !== 'gateway.host');
  const hostGiven = 'gateway.host' in values || rejected.includes('gateway.host');
  if (!hostGiven && gatewayKeys.some((setting) => setting in values || rejected.includes(setting)))
    problems.push('[gateway] has no host; its other keys are ignored');
  return { values: values as FileValues, rejected, problems };
}

/**
 * The values in force after reading a file: what it sets, and for each key it sets with a refused
 * value, the value that key had before (absent if it had none). A key the file no longer has is absent.
 */
export function nextFileValues(previous: FileValues, file: InterpretedFile): FileValues {
  const next: Record<string, unknown> = { ...file.values };
  for (const setting of file.rejected) if (previous[setting] !== undefined) next[setting] = previous[setting];
  return next as FileValues;
}
