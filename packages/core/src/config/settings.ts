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
  reauthentication: { refresh_access_token?: boolean; refresh_token_wait_max?: number };
  general: { live_reload_config?: boolean; host?: string };
  /** Present only when `[gateway]` gives a host, as the reference reads it. */
  gateway?: GatewaySettings;
  retry: Partial<RetrySettings>;
}

type Kind = 'boolean' | 'integer' | 'string' | 'level' | 'format';

/** Every key the file may hold, by section, with its kind. */
const SCHEMA: Record<string, Record<string, Kind>> = {
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
    port: 'integer',
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

const SECRET_KEYS = new Set(['password', 'username']);
const KIND_TEXT: Record<Kind, string> = {
  boolean: 'true or false',
  integer: 'a non-negative integer',
  string: 'a string',
  level: 'none, error, debug or trace',
  format: 'json or text',
};

/** Converts one raw value, or returns undefined when it does not fit the kind. */
function convert(kind: Kind, raw: unknown): unknown {
  const text = typeof raw === 'string' ? raw.trim() : undefined;
  switch (kind) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (text !== undefined && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
      return undefined;
    case 'integer':
      if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return raw;
      if (text !== undefined && /^\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
      return undefined;
    case 'string':
      return typeof raw === 'string' ? raw.trim() : undefined;
    case 'level':
      return text !== undefined && /^(none|error|debug|trace)$/i.test(text) ? text.toLowerCase() : undefined;
    case 'format':
      return text !== undefined && /^(json|text)$/i.test(text) ? text.toLowerCase() : undefined;
  }
}

function shown(key: string, raw: unknown): string {
  return SECRET_KEYS.has(key) ? '***' : JSON.stringify(raw);
}

/** Checks and types the sections; returns the settings and every problem found. */
export function interpretSections(sections: ConfigSections): { settings: FileSettings; problems: string[] } {
  const problems: string[] = [];
  const values: Record<string, Record<string, unknown>> = { logging: {}, reauthentication: {}, general: {}, gateway: {}, retry: {} };
  for (const [section, entries] of Object.entries(sections)) {
    const schema = SCHEMA[section];
    if (!schema) {
      problems.push(`unknown section [${section}] (known: ${Object.keys(SCHEMA).join(', ')})`);
      continue;
    }
    for (const [key, raw] of Object.entries(entries ?? {})) {
      const kind = schema[key];
      if (!kind) {
        problems.push(`unknown key "${key}" in [${section}]`);
        continue;
      }
      const value = convert(kind, raw);
      if (value === undefined) problems.push(`[${section}] ${key} = ${shown(key, raw)} is not ${KIND_TEXT[kind]}; ignored`);
      else values[section]![key] = value;
    }
  }
  const gateway = values['gateway']!;
  const settings: FileSettings = {
    logging: values['logging']!,
    reauthentication: values['reauthentication']!,
    general: values['general']!,
    retry: values['retry']!,
    ...(typeof gateway['host'] === 'string' && gateway['host'] ? { gateway: gateway as unknown as GatewaySettings } : {}),
  };
  return { settings, problems };
}
