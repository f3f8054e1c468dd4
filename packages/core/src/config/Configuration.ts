/**
 * The client's settings, with the reference SDK's names: environment and gateway URLs, token
 * refresh settings, logging, and (new) retries; read from the configuration file in Node and
 * reloaded when it changes. Each ApiClient owns one.
 */
import { Logger } from '../logging/Logger.js';
import { platform } from '../platform/node.js';
import { PureCloudRegionHosts } from '../regions.js';
import { DEFAULT_RETRY_SETTINGS, interpretSections, type ConfigSections, type FileSettings, type RetrySettings } from './settings.js';
import { authPopupDefaults, mergeAuthPopupConfiguration, type AuthPopupConfiguration } from './auth-popup.js';

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

export class Configuration {
  configPath: string;
  refresh_access_token = true;
  /** Seconds a call waits for a token refresh started by another call. */
  refresh_token_wait_max = 10;
  host: string | undefined;
  environment = 'mypurecloud.com';
  basePath = 'https://api.mypurecloud.com';
  authUrl = 'https://login.mypurecloud.com';
  gateway: ResolvedGateway | undefined;
  /** The last configuration file read, in the reference's shape (`config._sections`). */
  config: { _sections: ConfigSections } | undefined;
  readonly logger: Logger;
  retry: RetrySettings = { ...DEFAULT_RETRY_SETTINGS };
  authPopupConfiguration: AuthPopupConfiguration = authPopupDefaults();
  /** Polling interval of the live reload, in milliseconds. */
  liveReloadIntervalMs = 2000;

  private _live_reload_config = true;
  private stopWatching: (() => void) | undefined;
  private lastProblem: string | undefined;
  /** What code set, which a configuration file must not silently undo on reload. */
  private readonly setInCode = { environment: false, gateway: false };

  constructor(options: { configPath?: string; readConfigFile?: boolean } = {}) {
    this.logger = new Logger(platform.isBrowser ? {} : { appendToFile: platform.appendToFile });
    this.configPath = options.configPath ?? platform.defaultConfigPath();
    this.setEnvironment();
    if (options.readConfigFile !== false) this.liveLoadConfig();
  }

  get live_reload_config(): boolean {
    return this._live_reload_config;
  }

  set live_reload_config(value: boolean) {
    if (value === null || value === undefined || value === this._live_reload_config) return;
    this._live_reload_config = value === true;
    this.unwatch();
    if (this._live_reload_config) this.watch();
  }

  /** Reads the configuration file, then watches it if live reload is on. */
  liveLoadConfig(): void {
    if (platform.isBrowser) return;
    this.updateConfigFromFile();
    this.watch();
  }

  /** Uses another configuration file (read at once); an empty path stops using one. */
  setConfigPath(path: string | null | undefined): void {
    if (platform.isBrowser) return;
    if (path && path !== this.configPath) {
      this.unwatch();
      this.configPath = path;
      this.liveLoadConfig();
    } else if (!path && this.configPath) {
      this.unwatch();
      this.configPath = '';
    }
  }

  /** Reads and applies the file. A malformed or unreadable file is logged once and changes nothing. */
  updateConfigFromFile(): void {
    if (!this.configPath) return;
    let sections: ConfigSections | undefined;
    try {
      sections = platform.readConfigFile(this.configPath);
    } catch (error) {
      this.report(`Configuration file not applied, previous settings kept: ${(error as Error).message}`);
      return;
    }
    if (!sections) return;
    const { settings, problems } = interpretSections(sections);
    this.lastProblem = undefined;
    for (const problem of problems) this.logger.logMessage('error', `Configuration file ${this.configPath}: ${problem}`, { force: true });
    // A value the client refuses (a host that is not a host name) is reported, never thrown: this also
    // runs from the file watcher, where a throw would crash the process.
    const previous = { environment: this.environment, basePath: this.basePath, authUrl: this.authUrl, gateway: this.gateway };
    try {
      this.applySettings(settings);
      this.config = { _sections: sections };
    } catch (error) {
      Object.assign(this, previous);
      this.report(`Configuration file not fully applied: ${(error as Error).message}`);
    }
  }

  /** Stops watching the configuration file; the client stays usable. */
  close(): void {
    this.unwatch();
    this.logger.close();
  }

  setEnvironment(env?: string): void {
    if (env) this.setInCode.environment = true;
    let environment = env || this.host || 'mypurecloud.com';
    if (Object.prototype.hasOwnProperty.call(PureCloudRegionHosts, environment)) {
      environment = PureCloudRegionHosts[environment as keyof typeof PureCloudRegionHosts];
    }
    environment = environment.trim().replace(/\/+$/, '');
    if (environment.startsWith('https://')) environment = environment.substring(8);
    if (environment.startsWith('http://')) environment = environment.substring(7);
    if (environment.startsWith('api.')) environment = environment.substring(4);
    if (!/^[A-Za-z0-9.-]+(:\d+)?$/.test(environment)) {
      throw new Error(
        `Invalid environment ${JSON.stringify(env ?? environment)}: expected a host name such as "mypurecloud.ie" or a PureCloudRegionHosts value`,
      );
    }
    this.environment = environment;
    this.basePath = `https://api.${environment}`;
    this.authUrl = `https://login.${environment}`;
  }

  /** The gateway that requests go through instead of the environment's hosts; `setGateway()` removes it. */
  setGateway(gateway?: GatewayConfiguration | null): void {
    this.setInCode.gateway = true;
    this.gateway = resolveGateway(gateway);
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

  /** Changes retry settings in code; unspecified ones keep their value. `{ enabled: false }` turns retries off. */
  setRetryOptions(options: Partial<RetrySettings>): void {
    const next = { ...this.retry };
    for (const [key, value] of Object.entries(options) as [keyof RetrySettings, unknown][]) {
      if (value === undefined) continue;
      if (key === 'enabled') {
        if (typeof value !== 'boolean') throw new TypeError(`retry option "enabled" must be a boolean, got ${JSON.stringify(value)}`);
        next.enabled = value;
      } else if (key in DEFAULT_RETRY_SETTINGS) {
        if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
          throw new TypeError(`retry option "${String(key)}" must be a non-negative number, got ${JSON.stringify(value)}`);
        next[key] = value;
      } else {
        throw new TypeError(`Unknown retry option "${String(key)}"; known: ${Object.keys(DEFAULT_RETRY_SETTINGS).join(', ')}`);
      }
    }
    this.retry = next;
  }

  private applySettings(settings: FileSettings): void {
    const logging = settings.logging;
    const logger = this.logger;
    if (logging.log_level !== undefined) logger.log_level = logging.log_level;
    if (logging.log_format !== undefined) logger.log_format = logging.log_format;
    if (logging.log_to_console !== undefined) logger.log_to_console = logging.log_to_console;
    if (logging.log_file_path !== undefined) logger.log_file_path = logging.log_file_path;
    if (logging.log_request_body !== undefined) logger.log_request_body = logging.log_request_body;
    if (logging.log_response_body !== undefined) logger.log_response_body = logging.log_response_body;
    const reauth = settings.reauthentication;
    if (reauth.refresh_access_token !== undefined) this.refresh_access_token = reauth.refresh_access_token;
    if (reauth.refresh_token_wait_max !== undefined) this.refresh_token_wait_max = reauth.refresh_token_wait_max;
    if (settings.general.host !== undefined) this.host = settings.general.host;
    this.retry = { ...this.retry, ...settings.retry };
    if (settings.gateway) this.gateway = resolveGateway(settings.gateway);
    else if (!this.setInCode.gateway) this.gateway = undefined;
    if (!this.setInCode.environment) this.setEnvironment();
    logger.setLogger();
    if (settings.general.live_reload_config !== undefined) this.live_reload_config = settings.general.live_reload_config;
  }

  private watch(): void {
    if (platform.isBrowser || !this._live_reload_config || !this.configPath || this.stopWatching) return;
    this.stopWatching = platform.watchConfigFile(this.configPath, () => this.updateConfigFromFile(), this.liveReloadIntervalMs);
  }

  private unwatch(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
  }

  /** One message per distinct problem, so a broken file polled every few seconds is not logged forever. */
  private report(message: string): void {
    if (message === this.lastProblem) return;
    this.lastProblem = message;
    this.logger.logMessage('error', message, { force: true });
  }
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
