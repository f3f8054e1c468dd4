/**
 * Request/response logging with the reference SDK's surface (`config.logger.log_level = ...;
 * setLogger()`), without winston: lines go to injected sinks (console, append-to-file), so this
 * file stays browser-safe. Everything written is redacted first (see redact.ts).
 */
import { redactBody, redactHeaders, redactUrl, scrubText } from './redact.js';

export const LogLevel = Object.freeze({ LNone: 'none', LError: 'error', LDebug: 'debug', LTrace: 'trace' } as const);
export type LogLevelName = (typeof LogLevel)[keyof typeof LogLevel];

export const LogFormat = Object.freeze({ JSON: 'json', TEXT: 'text' } as const);
export type LogFormatName = (typeof LogFormat)[keyof typeof LogFormat];

/** The levels an entry is written at (`none` is only a setting). */
export type LogEntryLevel = Exclude<LogLevelName, 'none'>;

export interface LoggerSinks {
  /** One formatted line, without a newline. Default: `console.log`. */
  console?: (line: string) => void;
  /** The SDK's own problems (a bad configuration file, an unwritable log file). Default: the console sink if given, else `console.error` (stderr, never stdout). */
  problems?: (line: string) => void;
  /** Appends text (line + '\n') to the file at path. Without it, file logging reports one error and is skipped. */
  appendToFile?: (path: string, text: string) => void;
}

/** What the JSON format writes as `message` for a request/response. */
export interface LogEntry {
  level: LogEntryLevel;
  date: string;
  method: string;
  url: string;
  correlationId: string;
  statusCode: number | undefined;
  requestHeaders?: Record<string, string>;
  responseHeaders?: Record<string, string>;
  requestBody?: unknown;
  responseBody?: unknown;
}

export interface LogMessageOptions {
  /** Write even when the log level is off (e.g. a malformed configuration file must not go unnoticed). */
  force?: boolean;
}

type DebugLog = (line: string) => void;

const logLevelEnum = Object.freeze({ level: LogLevel });
const logFormatEnum = Object.freeze({ formats: LogFormat });

export class Logger {
  log_level: LogLevelName = LogLevel.LNone;
  log_format: LogFormatName = LogFormat.TEXT;
  log_to_console = true;
  log_file_path: string | undefined;
  log_response_body = false;
  log_request_body = false;

  private readonly consoleSink: (line: string) => void;
  private readonly problemSink: (line: string) => void;
  private readonly appendToFile: ((path: string, text: string) => void) | undefined;
  private debugLog: DebugLog | undefined;
  private debugLogMaxLines = 0;
  /** File problems are reported once (until the next setLogger), not on every request. */
  private fileProblemReported = false;

  constructor(sinks: LoggerSinks = {}) {
    // Looked up on each call, so that a console.log replaced later (or spied on in tests) is used.
    this.consoleSink = sinks.console ?? ((line) => console.log(line));
    this.problemSink = sinks.problems ?? sinks.console ?? ((line) => console.error(line));
    this.appendToFile = sinks.appendToFile;
  }

  get logLevelEnum(): { level: typeof LogLevel } {
    return logLevelEnum;
  }

  get logFormatEnum(): { formats: typeof LogFormat } {
    return logFormatEnum;
  }

  /** Applies the current settings. Settings are read on every call anyway; this normalises them and re-arms the file error report. */
  setLogger(): void {
    this.log_level = this.getLogLevel(this.log_level);
    this.log_format = this.getLogFormat(this.log_format);
    this.fileProblemReported = false;
  }

  /** Whether log(level, ...) would write anywhere. Cheap: callers check it before building arguments. */
  isEnabled(level: LogEntryLevel): boolean {
    return this.writesAt(level) || this.debugLogTakes(level);
  }

  log(
    level: LogEntryLevel,
    statusCode: number | undefined,
    method: string,
    url: string,
    requestHeaders?: Record<string, unknown>,
    responseHeaders?: Record<string, unknown>,
    requestBody?: unknown,
    responseBody?: unknown,
  ): void {
    if (!this.isEnabled(level)) return;
    const args = [statusCode, method, url, requestHeaders, responseHeaders, requestBody, responseBody] as const;
    try {
      let text: string | undefined;
      if (this.writesAt(level)) {
        const content = this.formatLog(level, ...args);
        this.write(level, content);
        if (typeof content === 'string') text = content;
      }
      if (this.debugLog && this.debugLogTakes(level)) this.sendToDebugLog(level, text ?? formatText(this.buildEntry(level, ...args)));
    } catch (error) {
      // Logging must never break the request it describes; say so instead (redacted: the message may quote the URL).
      const reason = error instanceof Error ? error.message : String(error);
      this.writeProblem(this.formatLine(LogLevel.LError, scrubText(`gcsdk logger: could not log ${method} ${redactUrl(url)}: ${reason}`)));
    }
  }

  /** 1 when an entry at `level` passes the configured log_level, -1 otherwise (as the reference). */
  calculateLogLevel(level: LogLevelName): 1 | -1 {
    switch (this.log_level) {
      case LogLevel.LError:
        return level === LogLevel.LError ? 1 : -1;
      case LogLevel.LDebug:
        return level === LogLevel.LTrace ? -1 : 1;
      case LogLevel.LTrace:
        return 1;
      default:
        return -1;
    }
  }

  /** The entry as the configured format has it: the reference's TEXT block, or the JSON object. */
  formatLog(
    level: LogEntryLevel,
    statusCode: number | undefined,
    method: string,
    url: string,
    requestHeaders?: Record<string, unknown>,
    responseHeaders?: Record<string, unknown>,
    requestBody?: unknown,
    responseBody?: unknown,
  ): string | LogEntry {
    const parts = this.buildEntry(level, statusCode, method, url, requestHeaders, responseHeaders, requestBody, responseBody);
    return this.log_format === LogFormat.JSON ? toJsonEntry(parts) : formatText(parts);
  }

  /** A free-text line (not a request/response), redacted like everything else. */
  logMessage(level: LogEntryLevel, message: string, options?: LogMessageOptions): void {
    const force = options?.force === true;
    if (!force && !this.writesAt(level)) return;
    const text = scrubText(message);
    if (!force) return this.write(level, text);
    // Forced: a problem of the SDK, for stderr (and the log file), never stdout where the program's output goes.
    const line = this.formatLine(level, text);
    if (this.log_file_path) this.writeFile(this.log_file_path, line);
    this.writeProblem(line);
  }

  /**
   * The old reference SDK's debug hook: each request/response is also given to `debugLog` as
   * redacted TEXT, cut to `maxLines` lines (0 or omitted: whole entries), whatever log_level is.
   * One entry per exchange: the `trace` and `error` calls; each `debug` call repeats a `trace`
   * call with less detail. Bodies follow log_request_body / log_response_body. `null` turns it off.
   */
  setDebugLog(debugLog: DebugLog | null, maxLines?: number): void {
    this.debugLog = debugLog ?? undefined;
    this.debugLogMaxLines = maxLines !== undefined && maxLines > 0 ? Math.floor(maxLines) : 0;
  }

  /** Nothing to release (sinks are plain calls); kept for the Configuration's lifecycle. The logger stays usable. */
  close(): void {}

  getLogLevel(level?: string): LogLevelName {
    switch (level?.trim().toLowerCase()) {
      case 'error':
        return LogLevel.LError;
      case 'debug':
        return LogLevel.LDebug;
      case 'trace':
        return LogLevel.LTrace;
      default:
        return LogLevel.LNone;
    }
  }

  getLogFormat(format?: string): LogFormatName {
    return format?.trim().toLowerCase() === 'json' ? LogFormat.JSON : LogFormat.TEXT;
  }

  // -------------------------------------------------------------------------------------------

  private writesAt(level: LogLevelName): boolean {
    return this.calculateLogLevel(level) > 0 && this.hasDestination();
  }

  private debugLogTakes(level: LogEntryLevel): boolean {
    return this.debugLog !== undefined && level !== LogLevel.LDebug;
  }

  private hasDestination(): boolean {
    return this.log_to_console || Boolean(this.log_file_path);
  }

  /** Redacts everything once; both formats are built from the result. */
  private buildEntry(
    level: LogEntryLevel,
    statusCode: number | undefined,
    method: string,
    url: string,
    requestHeaders?: Record<string, unknown>,
    responseHeaders?: Record<string, unknown>,
    requestBody?: unknown,
    responseBody?: unknown,
  ): EntryParts {
    const reqHeaders = redactHeaders(requestHeaders);
    const resHeaders = redactHeaders(responseHeaders);
    return {
      entry: { level, date: new Date().toISOString(), method, url: displayUrl(url), correlationId: correlationId(resHeaders), statusCode },
      requestHeaders: reqHeaders,
      responseHeaders: resHeaders,
      // Bodies can hold PII: copied (and redacted) only when asked for.
      requestBody: this.log_request_body && requestBody ? redactBody(requestBody) : undefined,
      responseBody: this.log_response_body && responseBody ? redactBody(responseBody) : undefined,
    };
  }

  private write(level: LogEntryLevel, content: string | LogEntry): void {
    const line = this.formatLine(level, content);
    if (this.log_to_console) this.writeConsole(line);
    if (this.log_file_path) this.writeFile(this.log_file_path, line);
  }

  /** As winston's formats: simple (`LEVEL: message`) for TEXT, json (`{"level","message"}`) for JSON. */
  private formatLine(level: LogEntryLevel, content: string | LogEntry): string {
    if (this.log_format === LogFormat.JSON) return safeStringify({ level, message: content });
    return `${level.toUpperCase()}: ${typeof content === 'string' ? content : safeStringify(content)}`;
  }

  /** Logging must never break a request: sink failures are swallowed (file failures reported once). */
  private writeConsole(line: string): void {
    try {
      this.consoleSink(line);
    } catch {
      // Nowhere left to report to.
    }
  }

  private writeProblem(line: string): void {
    try {
      this.problemSink(line);
    } catch {
      // Nowhere left to report to.
    }
  }

  private writeFile(path: string, line: string): void {
    if (!this.appendToFile) {
      this.reportFileProblem(`log_file_path is set to "${path}" but this platform cannot write files; file logging is skipped`);
      return;
    }
    try {
      this.appendToFile(path, `${line}\n`);
    } catch (error) {
      this.reportFileProblem(`cannot write to log file "${path}": ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private reportFileProblem(problem: string): void {
    if (this.fileProblemReported) return;
    this.fileProblemReported = true;
    this.writeProblem(this.formatLine(LogLevel.LError, `gcsdk logger: ${problem}`));
  }

  private sendToDebugLog(level: LogEntryLevel, text: string): void {
    try {
      this.debugLog?.(truncateLines(`${level.toUpperCase()}: ${text}`, this.debugLogMaxLines));
    } catch {
      // A failing user hook must not fail the request being logged.
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting helpers (module-private)

/** A redacted entry: the JSON fields without the optional ones, which are kept apart for the TEXT block. */
interface EntryParts {
  entry: LogEntry;
  requestHeaders: Record<string, string> | undefined;
  responseHeaders: Record<string, string> | undefined;
  requestBody: unknown;
  responseBody: unknown;
}

function toJsonEntry({ entry, requestHeaders, responseHeaders, requestBody, responseBody }: EntryParts): LogEntry {
  const result: LogEntry = { ...entry };
  if (requestHeaders) result.requestHeaders = requestHeaders;
  if (responseHeaders) result.responseHeaders = responseHeaders;
  if (requestBody !== undefined) result.requestBody = requestBody;
  if (responseBody !== undefined) result.responseBody = responseBody;
  return result;
}

/** The reference's TEXT block, byte for byte (including the space after `=== REQUEST ===`). */
function formatText({ entry, requestHeaders, responseHeaders, requestBody, responseBody }: EntryParts): string {
  const request =
    formatValue('URL', entry.url) +
    formatValue('Method', entry.method) +
    formatValue('Headers', formatHeaders(requestHeaders)) +
    formatValue('Body', formatBody(requestBody));
  const response =
    formatValue('Status', entry.statusCode) +
    formatValue('Headers', formatHeaders(responseHeaders)) +
    formatValue('CorrelationId', entry.correlationId) +
    formatValue('Body', formatBody(responseBody));
  return [entry.date, '=== REQUEST === ', request, '=== RESPONSE ===', response].join('\n');
}

function formatValue(key: string, value: unknown): string {
  if (!value || value === '{}') return '';
  return `${key}: ${String(value)}\n`;
}

function formatHeaders(headers: Record<string, string> | undefined): string {
  if (!headers) return '';
  return Object.entries(headers)
    .map(([name, value]) => `\n\t${name}: ${value}`)
    .join('');
}

function formatBody(body: unknown): string {
  return body === undefined ? '' : (safeStringify(body, 2) ?? '');
}

function correlationId(headers: Record<string, string> | undefined): string {
  if (!headers) return '';
  const name = Object.keys(headers).find((key) => key.toLowerCase() === 'inin-correlation-id');
  return (name && headers[name]) || '';
}

/** Redacted, then decoded for reading as the reference does; malformed escapes are left as they are. */
function displayUrl(url: string): string {
  return scrubText(safeDecodeURIComponent(redactUrl(url)));
}

function safeDecodeURIComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Decode each run of escapes on its own, keeping the runs that are not valid UTF-8.
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

function truncateLines(text: string, maxLines: number): string {
  if (maxLines <= 0) return text;
  const lines = text.split('\n');
  if (lines.length <= maxLines) return text;
  return `${lines.slice(0, maxLines).join('\n')}\n... (${lines.length - maxLines} more lines truncated)`;
}

function safeStringify(value: unknown, indent?: number): string {
  try {
    return JSON.stringify(value, null, indent);
  } catch {
    return String(value);
  }
}
