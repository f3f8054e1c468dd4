/**
 * What a configuration file means: its sections (as parsed from INI or JSON) checked and turned
 * into typed settings. Browser-safe: no file access here. Invalid values and unknown keys are
 * reported, never fatal; an invalid value is left out, so the setting keeps its current value.
 */
export type ConfigSections = Record<string, Record<string, unknown>>;

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

export interface GatewaySettings {
  host: string;
  protocol?: string;
  port?: number;
  path_params_login?: string;
  path_params_api?: string;
  username?: string;
  password?: string;
}

export type LogLevelSetting = 'none' | 'error' | 'debug' | 'trace';
export type LogFormatSetting = 'json' | 'text';

export interface FileSettings {
  logging: {
    log_level?: LogLevelSetting;
    log_format?: LogFormatSetting;
    log_to_console?: boolean;
    log_file_path?: string;
    log_request_body?: boolean;
    log_response_body?: boolean;
  };
  /** `refresh_token_wait_max` is in seconds. */
  reauthentication: { refresh_access_token?: boolean; refresh_token_wait_max?: number };
  general: { live_reload_config?: boolean; host?: string };
  /** Present only when `[gateway]` gives a host, as the reference reads it. */
  gateway?: GatewaySettings;
  retry: Partial<RetrySettings>;
}

type Kind = 'boolean' | 'integer' | 'port' | 'string' | 'level' | 'format';

/** Every key the file may hold, by section, with its kind. Names are exact and lower-case, as in the reference. */
const SCHEMA: Readonly<Record<string, Readonly<Record<string, Kind>>>> = {
  logging: {
    log_level: 'level',
    log_format: 'format',
    log_to_console: 'boolean',
    log_file_path: 'string',
    log_request_body: 'boolean',
    log_response_body: 'boolean',
  },
  reauthentication: { refresh_access_token: 'boolean', refresh_token_wait_max: 'integer' },
  general: { live_reload_config: 'boolean', host: 'string' },
  gateway: {
    host: 'string',
    protocol: 'string',
    port: 'port',
    path_params_login: 'string',
    path_params_api: 'string',
    username: 'string',
    password: 'string',
  },
  retry: {
    enabled: 'boolean',
    max_retries: 'integer',
    base_delay_ms: 'integer',
    max_delay_ms: 'integer',
    max_elapsed_ms: 'integer',
    max_retry_after_seconds: 'integer',
  },
};

const KIND_TEXT: Record<Kind, string> = {
  boolean: 'true or false',
  integer: 'a non-negative integer',
  port: 'a port number (0 to 65535)',
  string: 'a string',
  level: 'none, error, debug or trace',
  format: 'json or text',
};

const SECRET_NAME = /passw(?:or)?d|passphrase|secret|token|credential|username|api[_-]?key|private[_-]?key/i;

/** Known keys whose values are flags or numbers (`refresh_token_wait_max`), never secrets. */
const NOT_SECRET = new Set(
  Object.values(SCHEMA).flatMap((keys) =>
    Object.entries(keys)
      .filter(([, kind]) => kind !== 'string')
      .map(([key]) => key),
  ),
);

/** True for a key whose value must never appear in a message (password, secret, token…). */
export function isSecretKey(key: string): boolean {
  return SECRET_NAME.test(key) && !NOT_SECRET.has(key);
}

function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

function isSection(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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
  }
}

/** A value as a message shows it: secrets masked, objects not spelled out, long text cut. */
function shown(key: string, raw: unknown): string {
  if (isSecretKey(key)) return '***';
  if (Array.isArray(raw)) return '[…]';
  if (typeof raw === 'object' && raw !== null) return '{…}';
  const text = JSON.stringify(raw) ?? String(raw);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

/** Checks and types one section's entries into `into`; returns the problems found. */
function interpretSection(
  section: string,
  schema: Readonly<Record<string, Kind>>,
  entries: unknown,
  into: Record<string, unknown>,
): string[] {
  if (!isSection(entries)) return [`[${section}] is not a section of settings; ignored`];
  const problems: string[] = [];
  for (const [key, raw] of Object.entries(entries)) {
    const kind = own(schema, key);
    if (!kind) {
      problems.push(`unknown key "${key}" in [${section}] (known: ${Object.keys(schema).join(', ')})`);
      continue;
    }
    const value = convert(kind, raw);
    if (value === undefined) problems.push(`[${section}] ${key} = ${shown(key, raw)} is not ${KIND_TEXT[kind]}; ignored`);
    else into[key] = value;
  }
  return problems;
}

/** Checks and types the sections; returns the settings and every problem found. */
export function interpretSections(sections: ConfigSections): { settings: FileSettings; problems: string[] } {
  const problems: string[] = [];
  const values: Record<string, Record<string, unknown>> = { logging: {}, reauthentication: {}, general: {}, gateway: {}, retry: {} };
  for (const [section, entries] of Object.entries(sections)) {
    const schema = own(SCHEMA, section);
    if (schema) problems.push(...interpretSection(section, schema, entries, values[section]!));
    else problems.push(`unknown section [${section}] (known: ${Object.keys(SCHEMA).join(', ')})`);
  }
  const gateway = values['gateway']!;
  const hasHost = typeof gateway['host'] === 'string' && gateway['host'] !== '';
  // The reference ignores a gateway without a host; say so, since the other keys were probably meant.
  if (!hasHost && isSection(own(sections, 'gateway'))) problems.push('[gateway] has no host; the section is ignored');
  const settings: FileSettings = {
    logging: values['logging']!,
    reauthentication: values['reauthentication']!,
    general: values['general']!,
    retry: values['retry']!,
    ...(hasHost ? { gateway: gateway as unknown as GatewaySettings } : {}),
  };
  return { settings, problems };
}
