/**
 * The file's [logging] keys on the client's logger. Logging is the operator's to tune while the
 * program runs (what the reference's live reload is for), so, key by key:
 * - a key the file adds or edits wins, whatever code set before;
 * - a reload that leaves the key as it was keeps what is in force, also a value code set;
 * - a key removed from the file goes back to its default, unless code changed it since the file set it.
 * Code's changes are the logger's values that differ from what this last put there.
 */
import type { Logger } from '../logging/Logger.js';
import type { FileValues } from './settings.js';

const KEYS = ['log_level', 'log_format', 'log_to_console', 'log_file_path', 'log_request_body', 'log_response_body'] as const;
type LoggerKey = (typeof KEYS)[number];
type LoggerValues = Record<LoggerKey, unknown>;

function snapshot(logger: Logger): LoggerValues {
  return Object.fromEntries(KEYS.map((key) => [key, logger[key]])) as LoggerValues;
}

export class FileLogging {
  /** The logger's values before any file: the defaults a removed key goes back to. */
  private readonly defaults: LoggerValues;
  /** What this last wrote (or found, at the start) for each key. */
  private readonly applied: LoggerValues;

  constructor(private readonly logger: Logger) {
    this.defaults = snapshot(logger);
    this.applied = snapshot(logger);
  }

  /** Applies the keys that differ between the values in force before and after a read. */
  apply(before: FileValues, next: FileValues): void {
    const logger = this.logger as unknown as LoggerValues;
    for (const key of KEYS) {
      const was = before[`logging.${key}`];
      const now = next[`logging.${key}`];
      if (was === now) continue;
      if (now === undefined && logger[key] !== this.applied[key]) continue;
      const value = now ?? this.defaults[key];
      logger[key] = value;
      this.applied[key] = value;
    }
  }
}
