/**
 * The client's settings, with the reference SDK's names: environment and gateway URLs, token
 * refresh settings, logging, and (new) retries; read from the configuration file in Node and
 * reloaded when it changes. Each ApiClient owns one.
 *
 * Each setting has a default, may be set by the file, and may be set in code. Code wins, except for
 * logging (see file-logging.ts): where requests go, how tokens are renewed and how calls are retried
 * are the program's decisions, which an edit of a file must not silently undo. A key the file no
 * longer has goes back to its default (unless code set it); a key with a refused value is reported
 * and keeps the value it had.
 */
import { Logger } from '../logging/Logger.js';
import { platform } from '../platform/node.js';
import { authPopupDefaults, mergeAuthPopupConfiguration, type AuthPopupConfiguration } from './auth-popup.js';
import { normaliseEnvironment } from './environment.js';
import type { ConfigFileSync } from './file-sync.js';
import { DEFAULT_RETRY_SETTINGS, type ConfigSections, type FileValues, type RetrySettings } from './settings.js';

export interface GatewayConfiguration {
  host: string;
  protocol?: string | undefined;
  port?: number | undefined;
  path_params_login?: string | undefined;
  path_params_api?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
}

interface ResolvedGateway {
  host: string;
  protocol: string;
  port: number;
  path_params_login: string;
  path_params_api: string;
  username?: string;
  password?: string;
}

const DEFAULT_ENVIRONMENT = 'mypurecloud.com';
const RETRY_KEYS = Object.keys(DEFAULT_RETRY_SETTINGS) as (keyof RetrySettings)[];

export class Configuration {
  configPath: string;
  /** `[general] host` of the file, as written there; undefined when the file has none. */
  host: string | undefined;
  environment = DEFAULT_ENVIRONMENT;
  basePath = `https://api.${DEFAULT_ENVIRONMENT}`;
  authUrl = `https://login.${DEFAULT_ENVIRONMENT}`;
  gateway: ResolvedGateway | undefined;
  /** The last configuration file read, in the reference's shape (`config._sections`); undefined without one. */
  config: { _sections: ConfigSections } | undefined;
  readonly logger: Logger;
  /** The retry settings in force: `setRetryOptions` over `[retry]` over the defaults. */
  retry: RetrySettings = { ...DEFAULT_RETRY_SETTINGS };
  authPopupConfiguration: AuthPopupConfiguration = authPopupDefaults();
  /** Polling interval of the live reload, in milliseconds. */
  liveReloadIntervalMs = 2000;

  private _refresh_access_token = true;
  private _refresh_token_wait_max = 10;
  private _live_reload_config = true;
  /** The file's values in force. */
  private fileValues: FileValues = {};
  /** The configuration file kept in step (Node only). */
  private readonly file: ConfigFileSync | undefined;
  /** What code set, which the file does not change. */
  private readonly setInCode = {
    environment: false,
    gateway: false,
    refresh_access_token: false,
    refresh_token_wait_max: false,
    live_reload_config: false,
  };
  private codeRetry: Partial<RetrySettings> = {};

  constructor(options: { configPath?: string; readConfigFile?: boolean } = {}) {
    this.logger = new Logger(platform.isBrowser ? {} : { appendToFile: platform.appendToFile });
    this.configPath = options.configPath ?? platform.defaultConfigPath();
    this.file = platform.configFileSync(this);
    this.setEnvironment();
    if (options.readConfigFile !== false) this.liveLoadConfig();
  }

  /** Whether a token is renewed when it expires. Set in code, it is no longer taken from the file. */
  get refresh_access_token(): boolean {
    return this._refresh_access_token;
  }

  set refresh_access_token(value: boolean) {
    this._refresh_access_token = value;
    this.setInCode.refresh_access_token = true;
  }

  /** Seconds a call waits for a token refresh started by another call. Set in code, it is no longer taken from the file. */
  get refresh_token_wait_max(): number {
    return this._refresh_token_wait_max;
  }

  set refresh_token_wait_max(value: number) {
    this._refresh_token_wait_max = value;
    this.setInCode.refresh_token_wait_max = true;
  }

  get live_reload_config(): boolean {
    return this._live_reload_config;
  }

  /** Turns watching the file on or off. Set in code, it is no longer taken from the file. */
  set live_reload_config(value: boolean) {
    if (value === null || value === undefined) return;
    this.setInCode.live_reload_config = true;
    this.useLiveReload(value === true);
  }

  /** Reads the configuration file, then watches it if live reload is on. */
  liveLoadConfig(): void {
    this.file?.load();
  }

  /** Uses another configuration file (read at once); an empty path stops using one, and its settings go. */
  setConfigPath(path: string | null | undefined): void {
    this.file?.usePath(path);
  }

  /**
   * Reads and applies the file, key by key; a missing file means every default. A malformed or
   * unreadable file is reported once and changes nothing. Never throws: it also runs from the watcher.
   */
  updateConfigFromFile(): void {
    this.file?.update();
  }

  /** Stops watching the configuration file; the client stays usable. */
  close(): void {
    this.file?.unwatch();
    this.logger.close();
  }

  /**
   * A host name (`mypurecloud.ie`), a URL of one, a `PureCloudRegionHosts` value or a region key. Set,
   * it wins over the file's `[general] host`; `setEnvironment()` without one hands it back to the file.
   */
  setEnvironment(env?: string): void {
    if (!env) {
      this.setInCode.environment = false;
      this.useEnvironment(normaliseEnvironment(this.host) ?? DEFAULT_ENVIRONMENT);
      return;
    }
    const environment = normaliseEnvironment(env);
    if (environment === undefined) {
      throw new Error(
        `Invalid environment ${JSON.stringify(env)}: expected a host name such as "mypurecloud.ie" or a PureCloudRegionHosts value`,
      );
    }
    this.setInCode.environment = true;
    this.useEnvironment(environment);
  }

  /** The gateway that requests go through instead of the environment's hosts; `setGateway()` removes it. Either wins over the file. */
  setGateway(gateway?: GatewayConfiguration | null): void {
    this.gateway = resolveGateway(gateway);
    this.setInCode.gateway = true;
  }

  /** The base URL for `login` or `api` requests: the gateway's when one is set, else `regionUrl`. */
  getConfUrl(pathType: 'login' | 'api', regionUrl: string): string {
    const gateway = this.gateway;
    if (!gateway?.host) return regionUrl;
    let url = `${gateway.protocol}://${gateway.host}`;
    if (gateway.port > -1) url += `:${gateway.port}`;
    const path = pathType === 'login' ? gateway.path_params_login : gateway.path_params_api;
    if (path) url += path.startsWith('/') ? path : `/${path}`;
    return url;
  }

  getAuthPopupConfiguration(): AuthPopupConfiguration {
    return this.authPopupConfiguration;
  }

  setAuthPopupConfiguration(configuration: Partial<AuthPopupConfiguration>): void {
    this.authPopupConfiguration = mergeAuthPopupConfiguration(authPopupDefaults(), configuration);
  }

  updateAuthPopupConfiguration(configuration: Partial<AuthPopupConfiguration>): void {
    this.authPopupConfiguration = mergeAuthPopupConfiguration(this.authPopupConfiguration, configuration);
  }

  /**
   * Changes retry settings in code; unspecified ones keep their value. `{ enabled: false }` turns
   * retries off. A key set here wins over the file's `[retry]`.
   */
  setRetryOptions(options: Partial<RetrySettings>): void {
    const given: Partial<Record<keyof RetrySettings, unknown>> = {};
    for (const [key, value] of Object.entries(options) as [keyof RetrySettings, unknown][]) {
      if (value === undefined) continue;
      if (key === 'enabled') {
        if (typeof value !== 'boolean') throw new TypeError(`retry option "enabled" must be a boolean, got ${JSON.stringify(value)}`);
      } else if (RETRY_KEYS.includes(key)) {
        // Whole numbers, as the file's [retry] keys: `max_retries: 2.5` would otherwise mean 3 retries.
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
          throw new TypeError(`retry option "${String(key)}" must be a non-negative whole number, got ${JSON.stringify(value)}`);
      } else {
        throw new TypeError(`Unknown retry option "${String(key)}"; known: ${RETRY_KEYS.join(', ')}`);
      }
      given[key] = value;
    }
    this.codeRetry = { ...this.codeRetry, ...(given as Partial<RetrySettings>) };
    this.useRetry();
  }

  // -------------------------------------------------------------------------------------------

  /** @internal The configuration file's values, put in force setting by setting below what code set (by file-sync.ts). */
  applyFileValues(next: FileValues, sections: ConfigSections | undefined): void {
    this.config = sections ? { _sections: sections } : undefined;
    this.fileValues = next;
    if (!this.setInCode.refresh_access_token) this._refresh_access_token = next['reauthentication.refresh_access_token'] ?? true;
    if (!this.setInCode.refresh_token_wait_max) this._refresh_token_wait_max = next['reauthentication.refresh_token_wait_max'] ?? 10;
    this.host = next['general.host'];
    if (!this.setInCode.environment) this.useEnvironment(normaliseEnvironment(this.host) ?? DEFAULT_ENVIRONMENT);
    if (!this.setInCode.gateway) this.gateway = gatewayFrom(next);
    this.useRetry();
    if (!this.setInCode.live_reload_config) this.useLiveReload(next['general.live_reload_config'] ?? true);
  }

  private useEnvironment(environment: string): void {
    this.environment = environment;
    this.basePath = `https://api.${environment}`;
    this.authUrl = `https://login.${environment}`;
  }

  private useRetry(): void {
    const file: Partial<Record<keyof RetrySettings, unknown>> = {};
    for (const key of RETRY_KEYS) {
      const value = this.fileValues[`retry.${key}`];
      if (value !== undefined) file[key] = value;
    }
    this.retry = { ...DEFAULT_RETRY_SETTINGS, ...(file as Partial<RetrySettings>), ...this.codeRetry };
  }

  private useLiveReload(on: boolean): void {
    if (on === this._live_reload_config) return;
    this._live_reload_config = on;
    this.file?.watching(on);
  }
}

/** The file's gateway: on when the file gives a host, with the reference's defaults for the other keys. */
function gatewayFrom(values: FileValues): ResolvedGateway | undefined {
  const host = values['gateway.host'];
  if (host === undefined) return undefined;
  return resolveGateway({
    host,
    protocol: values['gateway.protocol'],
    port: values['gateway.port'],
    path_params_login: values['gateway.path_params_login'],
    path_params_api: values['gateway.path_params_api'],
    username: values['gateway.username'],
    password: values['gateway.password'],
  });
}

function resolveGateway(gateway: GatewayConfiguration | null | undefined): ResolvedGateway | undefined {
  if (!gateway) return undefined;
  const port = typeof gateway.port === 'number' ? gateway.port : gateway.port ? Number(gateway.port) : -1;
  if (!Number.isInteger(port) || port < -1 || port > 65535)
    throw new Error(`Invalid gateway port ${JSON.stringify(gateway.port)}: expected an integer from 0 to 65535`);
  const resolved: ResolvedGateway = {
    host: gateway.host || '',
    protocol: gateway.protocol || 'https',
    port: port > 0 ? port : -1,
    path_params_login: (gateway.path_params_login || '').replace(/\/+$/, ''),
    path_params_api: (gateway.path_params_api || '').replace(/\/+$/, ''),
  };
  if (gateway.username) resolved.username = gateway.username;
  if (gateway.password) resolved.password = gateway.password;
  return resolved;
}
