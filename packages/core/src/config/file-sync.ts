/**
 * The configuration file kept in step with a Configuration (Node only; the browser platform has none):
 * read, interpreted key by key, applied below what code set, watched for changes, its problems reported
 * once while they last. Never throws from a read: it also runs from the watcher.
 */
import type { Logger } from '../logging/Logger.js';
import { fileStamp, readConfigFile, watchConfigFile, type FileStamp } from './config-file.js';
import { FileLogging } from './file-logging.js';
import { interpretSections, nextFileValues, type ConfigSections, type FileValues } from './settings.js';

/** What the file sync reads from and writes to its Configuration. */
export interface ConfigFileTarget {
  readonly logger: Logger;
  configPath: string;
  liveReloadIntervalMs: number;
  readonly live_reload_config: boolean;
  /** Puts the file's values in force, setting by setting, below what code set. */
  applyFileValues(values: FileValues, sections: ConfigSections | undefined): void;
}

/** Problems reported from one read at most; a file of garbage must not flood the log. */
const MAX_REPORTED_PROBLEMS = 20;

export class ConfigFileSync {
  /** The file's values in force, and the file they came from. */
  private values: FileValues = {};
  private valuesPath = '';
  /** The problems of the last read, so that each is reported once while it lasts. */
  private reported = new Set<string>();
  private stopWatching: (() => void) | undefined;
  private readonly logging: FileLogging;

  constructor(private readonly target: ConfigFileTarget) {
    this.logging = new FileLogging(target.logger);
  }

  /** Reads the file, then watches it if live reload is on, for changes since just before the read. */
  load(): void {
    const beforeRead = this.target.configPath ? fileStamp(this.target.configPath) : undefined;
    this.update();
    this.watch(beforeRead);
  }

  /** Reads and applies the file; a missing file means every default, a malformed or unreadable one is reported and changes nothing. */
  update(): void {
    const path = this.target.configPath;
    if (!path) return;
    try {
      this.readAndApply(path);
    } catch (error) {
      // Not expected; but a throw from the watcher would crash the process.
      this.report([`Configuration file ${path} not fully applied: ${(error as Error).message}`]);
    }
  }

  /** Uses another file (read at once); an empty path stops using one, and its settings go. */
  usePath(path: string | null | undefined): void {
    if (path && path !== this.target.configPath) {
      this.unwatch();
      this.target.configPath = path;
      this.load();
    } else if (!path && this.target.configPath) {
      this.unwatch();
      this.target.configPath = '';
      this.reported = new Set();
      this.apply({}, undefined, '');
    }
  }

  /** Live reload turned on or off. */
  watching(on: boolean): void {
    this.unwatch();
    if (on) this.watch(this.target.configPath ? fileStamp(this.target.configPath) : undefined);
  }

  unwatch(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  private readAndApply(path: string): void {
    let sections: ConfigSections | undefined;
    try {
      sections = readConfigFile(path);
    } catch (error) {
      this.report([`Configuration file not applied, previous settings kept: ${(error as Error).message}`]);
      return;
    }
    const file = interpretSections(sections ?? {});
    // A refused key keeps the value it had from this file; another file's values are not carried over.
    this.apply(nextFileValues(this.valuesPath === path ? this.values : {}, file), sections, path);
    this.report(file.problems.map((problem) => `Configuration file ${path}: ${problem}`));
  }

  private apply(next: FileValues, sections: ConfigSections | undefined, path: string): void {
    const before = this.values;
    this.values = next;
    this.valuesPath = path;
    this.logging.apply(before, next);
    this.target.logger.setLogger();
    this.target.applyFileValues(next, sections);
  }

  private watch(baseline: FileStamp | undefined): void {
    const { configPath, live_reload_config, liveReloadIntervalMs } = this.target;
    if (!live_reload_config || !configPath || this.stopWatching) return;
    this.stopWatching = watchConfigFile(configPath, () => this.update(), liveReloadIntervalMs, baseline);
  }

  /**
   * Reports the problems of a read that were not already reported for the read before it: a problem
   * is written once while it lasts, and a problem that is gone is not repeated.
   */
  private report(problems: string[]): void {
    const fresh = problems.filter((problem) => !this.reported.has(problem));
    this.reported = new Set(problems);
    const logger = this.target.logger;
    for (const problem of fresh.slice(0, MAX_REPORTED_PROBLEMS)) logger.logMessage('error', problem, { force: true });
    if (fresh.length > MAX_REPORTED_PROBLEMS) {
      const more = `Configuration file ${this.target.configPath}: … and ${fresh.length - MAX_REPORTED_PROBLEMS} more problems`;
      logger.logMessage('error', more, { force: true });
    }
  }
}
