/**
 * The client every API class calls: the reference SDK's `ApiClient`, with its names and its
 * request semantics, as a thin facade over modules that each do one job:
 *
 *   auth/session.ts        token state, renewal, persistence      request/build.ts     callApi's arguments -> a request
 *   auth/token-endpoint.ts the `/oauth/token` request              response/shape.ts    a response -> body or error
 *   auth/grants.ts         server grants      } loaded on          pipeline/assemble.ts retry, hooks, auth, logging, transport
 *   auth/browser-flows.ts  browser logins     } first use          config/Configuration.ts settings, config file
 *
 * The login flows are imported when a login is called, so that a page which only sets a token
 * does not carry them; they get an `AuthHost` (the session and the few services they need), never
 * the client.
 */
import type { AuthHost, LoginCallOptions } from './auth/host.js';
import { computePKCECodeChallenge, generatePKCECodeVerifier } from './auth/pkce.js';
import { PopupStatusListeners, type AuthPopupStatusListener } from './auth/popup-status.js';
import { AuthSession, storagePrefix, type AuthData } from './auth/session.js';
import { requestToken } from './auth/token-endpoint.js';
import type { LoginOptions } from './auth/browser-flows.js';
import type { AuthPopupConfiguration } from './config/auth-popup.js';
import { Configuration, type GatewayConfiguration } from './config/Configuration.js';
import type { RetrySettings } from './config/settings.js';
import { GcsdkError } from './errors.js';
import { platform } from './platform/node.js';
import { assemblePipelines } from './pipeline/assemble.js';
import { asError, invalidRequest, isAnError } from './pipeline/failures.js';
import type { Authentication } from './pipeline/steps.js';
import type { PipelineRequest, RequestHooks, SendRequest } from './pipeline/types.js';
import { buildRequest } from './request/build.js';
import { asCeilingError, shapeResponse } from './response/shape.js';
import { AbstractHttpClient } from './transport/AbstractHttpClient.js';
import { VERSION } from './version.js';
import * as wire from './wire.js';

export type { AuthData, RenewalCredentials } from './auth/session.js';
export type { ExtendedResponse } from './response/shape.js';

/** Per-request settings beyond the reference's arguments. */
export interface RequestOptions {
  /** Milliseconds for each attempt (default: the client's `timeout`, 16000). */
  timeout?: number;
  /** Aborts the request, and any wait before a retry. */
  signal?: AbortSignal;
  /** The operation's name, for logs and hooks. */
  operation?: string;
}

const JSON_TYPE = 'application/json';

export class ApiClient {
  private static shared: ApiClient | undefined;

  /** The shared default client (created on first use), used by API classes built without a client. */
  static get instance(): ApiClient {
    return (ApiClient.shared ??= new ApiClient());
  }

  static set instance(client: ApiClient) {
    ApiClient.shared = client;
  }

  get instance(): ApiClient {
    return ApiClient.instance;
  }

  set instance(client: ApiClient) {
    ApiClient.instance = client;
  }

  readonly CollectionFormatEnum = Object.freeze({ CSV: ',', SSV: ' ', TSV: '\t', PIPES: '|', MULTI: 'multi' });
  useLegacyParameterFilter = false;
  defaultHeaders: Record<string, string> = {};
  /** Default milliseconds for each request attempt. */
  timeout = 16000;
  returnExtended = false;
  readonly config: Configuration;
  httpClient: AbstractHttpClient | undefined;
  proxyAgent: object | undefined;

  private readonly session: AuthSession;
  private readonly popupStatus = new PopupStatusListeners();
  private readonly auth: AuthHost;
  private readonly hooks: RequestHooks[] = [];
  private readonly send: SendRequest;

  constructor(options: { configPath?: string; readConfigFile?: boolean } = {}) {
    this.config = new Configuration(options);
    this.session = new AuthSession({
      refreshEnabled: () => this.config.refresh_access_token,
      waitMaxSeconds: () => this.config.refresh_token_wait_max,
      renew: async (credentials, refreshToken) => {
        const grants = await import('./auth/grants.js');
        if (credentials.grant === 'client_credentials')
          await grants.clientCredentials(this.auth, credentials.clientId, credentials.clientSecret);
        else await grants.refreshCodeAuthorization(this.auth, credentials.clientId, credentials.clientSecret, refreshToken);
      },
    });
    const { send, sendToken } = assemblePipelines({
      httpClient: () => this.getHttpClient(),
      retry: () => this.config.retry,
      logger: () => this.config.logger,
      authentications: () => this.session.authentications,
      lifecycle: this.session.lifecycle,
      hooks: () => this.hooks,
    });
    this.send = send;
    const endpoint = {
      loginUrl: () => this.config.getConfUrl('login', this.config.authUrl),
      send: sendToken,
      timeout: () => this.timeout,
      userAgent: USER_AGENT,
      maxRetryAfterSeconds: () => this.config.retry.max_retry_after_seconds,
    };
    this.auth = {
      session: this.session,
      popupStatus: this.popupStatus,
      requestToken: (form, authorization, options) => attempt(() => requestToken(endpoint, form, authorization, options)),
      buildAuthUrl: (path, query) => this.buildAuthUrl(path, query),
      testTokenAccess: () => this.testTokenAccess(),
      authPopupConfiguration: () => this.config.getAuthPopupConfiguration(),
    };
  }

  // ---- the session's state, under the reference's names -------------------------------------------

  get authentications(): Record<string, Authentication> {
    return this.session.authentications;
  }

  set authentications(authentications: Record<string, Authentication>) {
    this.session.authentications = authentications;
  }

  get authData(): AuthData {
    return this.session.authData;
  }

  set authData(authData: AuthData) {
    this.session.authData = authData;
  }

  /** The OAuth client id of the last login. */
  get clientId(): string | undefined {
    return this.session.clientId;
  }

  set clientId(clientId: string | undefined) {
    this.session.clientId = clientId;
  }

  /** Prefix of the browser storage keys (`<prefix>_auth_data`). */
  get settingsPrefix(): string {
    return this.session.settingsPrefix;
  }

  set settingsPrefix(prefix: string) {
    this.session.settingsPrefix = prefix;
  }

  get persistSettings(): boolean {
    return this.session.persistSettings;
  }

  set persistSettings(persist: boolean) {
    this.session.persistSettings = persist;
  }

  // ---- settings -------------------------------------------------------------------------------

  /** `true`: calls resolve with `{ status, statusText, headers, body, text, error }` instead of the body. */
  setReturnExtendedResponses(returnExtended: boolean): void {
    this.returnExtended = returnExtended;
  }

  /** A host name (`mypurecloud.ie`), a `PureCloudRegionHosts` value, or a region key (`eu_west_1`). */
  setEnvironment(environment?: string): void {
    this.config.setEnvironment(environment);
  }

  setGateway(gateway?: GatewayConfiguration | null): void {
    this.config.setGateway(gateway);
  }

  setDefaultHeaders(newHeaders: Record<string, string>): void {
    if (!newHeaders || typeof newHeaders !== 'object') throw new Error('default headers must be a map');
    wire.validateHeaders(newHeaders, 'setDefaultHeaders');
    this.defaultHeaders = newHeaders;
  }

  getDefaultHeaders(): Record<string, string> {
    return this.defaultHeaders;
  }

  setGenesysAppHeader(headerValue: string): void {
    if (!headerValue || typeof headerValue !== 'string') throw new Error('headerValue must be a non empty string');
    wire.validateHeader('Genesys-App', headerValue, 'setGenesysAppHeader');
    this.defaultHeaders = { ...this.defaultHeaders, 'Genesys-App': headerValue };
  }

  getGenesysAppHeader(): string | null {
    return this.defaultHeaders['Genesys-App'] ?? null;
  }

  setUseLegacyParameterFilter(useLegacyParameterFilter: boolean): void {
    this.useLegacyParameterFilter = useLegacyParameterFilter;
  }

  getUseLegacyParameterFilter(): boolean {
    return this.useLegacyParameterFilter;
  }

  /** Retry settings (also `[retry]` in the configuration file); `{ enabled: false }` turns retries off. */
  setRetryOptions(options: Partial<RetrySettings>): void {
    this.config.setRetryOptions(options);
  }

  /** Sends every request/response, as redacted text, to `debugLog` (e.g. `console.log`), at most `maxLines` lines each. */
  setDebugLog(debugLog: ((line: string) => void) | null, maxLines?: number): void {
    this.config.logger.setDebugLog(debugLog, maxLines);
  }

  /** Adds hooks around each request attempt; returns a function that removes them. */
  use(hooks: RequestHooks): () => void {
    this.hooks.push(hooks);
    return () => {
      const index = this.hooks.indexOf(hooks);
      if (index !== -1) this.hooks.splice(index, 1);
    };
  }

  /** Stops watching the configuration file. The client stays usable. */
  close(): void {
    this.config.close();
  }

  getAuthPopupConfiguration(): AuthPopupConfiguration {
    return this.config.getAuthPopupConfiguration();
  }

  setAuthPopupConfiguration(configuration: Partial<AuthPopupConfiguration>): void {
    this.config.setAuthPopupConfiguration(configuration);
  }

  updateAuthPopupConfiguration(configuration: Partial<AuthPopupConfiguration>): void {
    this.config.updateAuthPopupConfiguration(configuration);
  }

  /** Called with each status of a popup login (`INIT`, `AUTHENTICATED`, `AUTH_ERROR`, `TIMEOUT`, `ABORTED`, …), as in the reference. */
  get onAuthPopupStatus(): AuthPopupStatusListener | null {
    return this.popupStatus.onStatus;
  }

  set onAuthPopupStatus(listener: AuthPopupStatusListener | null) {
    this.popupStatus.onStatus = typeof listener === 'function' ? listener : null;
  }

  addAuthPopupStatusListener(listener: AuthPopupStatusListener): void {
    this.popupStatus.add(listener);
  }

  removeAuthPopupStatusListener(listener: AuthPopupStatusListener): void {
    this.popupStatus.remove(listener);
  }

  removeAllAuthPopupStatusListeners(): void {
    this.popupStatus.removeAll();
  }

  // ---- transport ------------------------------------------------------------------------------

  setHttpClient(httpClient: AbstractHttpClient): void {
    if (!(httpClient instanceof AbstractHttpClient))
      throw new Error('httpclient must be an instance of AbstractHttpClient. See DefaultHttpClient for a prototype');
    this.httpClient = httpClient;
  }

  /** The transport; by default axios (`DefaultHttpClient`, keep-alive) in Node and `fetch` in browsers. */
  getHttpClient(): AbstractHttpClient {
    this.httpClient ??= platform.defaultHttpClient(this.timeout, this.proxyAgent);
    return this.httpClient;
  }

  /** An agent for every request (e.g. hpagent's `HttpsProxyAgent` or `HttpProxyAgent`). */
  setProxyAgent(agent: object): void {
    this.proxyAgent = agent;
    const client = this.getHttpClient();
    if ((agent as { protocol?: unknown } | null)?.protocol === 'http:') client.setHttpAgent(agent);
    else client.setHttpsAgent(agent);
  }

  /** Client certificate from files (Node only). */
  setMTLSCertificates(certPath?: string, keyPath?: string, caPath?: string): void {
    if (platform.isBrowser) platform.createMtlsAgent({});
    this.useMtlsAgent({
      ...(certPath ? { cert: platform.readFile(certPath) } : {}),
      ...(keyPath ? { key: platform.readFile(keyPath) } : {}),
      ...(caPath ? { ca: platform.readFile(caPath) } : {}),
    });
  }

  /** Client certificate from PEM strings (Node only). */
  setMTLSContents(certContent?: string, keyContent?: string, caContent?: string): void {
    this.useMtlsAgent({
      ...(certContent ? { cert: certContent } : {}),
      ...(keyContent ? { key: keyContent } : {}),
      ...(caContent ? { ca: caContent } : {}),
    });
  }

  setPreHook(preHook: (config: Record<string, unknown>) => unknown): void {
    this.getHttpClient().setPreHook(preHook);
  }

  setPostHook(postHook: (response: Record<string, unknown>) => unknown): void {
    this.getHttpClient().setPostHook(postHook);
  }

  private useMtlsAgent(material: Parameters<typeof platform.createMtlsAgent>[0]): void {
    this.proxyAgent = platform.createMtlsAgent(material);
    this.getHttpClient().setHttpsAgent(this.proxyAgent);
  }

  // ---- logins and tokens -----------------------------------------------------------------
  // Every login takes a trailing `options`: `signal` aborts its token request, `timeout` bounds each attempt.
  // Each imports its flow on first use; whatever it throws, synchronously or not, rejects as an Error.

  /** Client credentials (Node only). The token is fetched again, once, when it nears expiry or meets a 401. */
  loginClientCredentialsGrant(clientId: string, clientSecret: string, options?: LoginCallOptions): Promise<AuthData> {
    return attempt(async () => (await import('./auth/grants.js')).clientCredentials(this.auth, clientId, clientSecret, options));
  }

  /** SAML2 bearer (Node only). */
  loginSaml2BearerGrant(
    clientId: string,
    clientSecret: string,
    orgName: string,
    assertion: string,
    options?: LoginCallOptions,
  ): Promise<AuthData> {
    return attempt(async () =>
      (await import('./auth/grants.js')).saml2Bearer(this.auth, clientId, clientSecret, orgName, assertion, options),
    );
  }

  /** Authorization code (Node only); the refresh token is then used on 401s. */
  loginCodeAuthorizationGrant(
    clientId: string,
    clientSecret: string,
    authCode: string,
    redirectUri: string,
    options?: LoginCallOptions,
  ): Promise<AuthData> {
    return attempt(async () =>
      (await import('./auth/grants.js')).codeAuthorization(this.auth, clientId, clientSecret, authCode, redirectUri, options),
    );
  }

  refreshCodeAuthorizationGrant(
    clientId: string,
    clientSecret: string,
    refreshToken: string,
    options?: LoginCallOptions,
  ): Promise<AuthData> {
    return attempt(async () =>
      (await import('./auth/grants.js')).refreshCodeAuthorization(this.auth, clientId, clientSecret, refreshToken, options),
    );
  }

  /** Exchanges a PKCE authorization code for a token (Node or browser). */
  authorizePKCEGrant(
    clientId: string,
    codeVerifier: string,
    authCode: string,
    redirectUri: string,
    options?: LoginCallOptions,
  ): Promise<AuthData> {
    return attempt(async () =>
      (await import('./auth/grants.js')).authorizePKCE(this.auth, clientId, codeVerifier, authCode, redirectUri, options),
    );
  }

  /** Browser: implicit grant (redirects to the login page, resolves on the page it returns to). */
  loginImplicitGrant(clientId: string, redirectUri: string, opts?: LoginOptions): Promise<AuthData> {
    return attempt(async () => (await import('./auth/browser-flows.js')).loginImplicit(this.auth, clientId, redirectUri, opts));
  }

  /** Browser: authorization code with PKCE; the SDK keeps a verifier it generates in sessionStorage. */
  loginPKCEGrant(clientId: string, redirectUri: string, opts?: LoginOptions, codeVerifier?: string): Promise<AuthData> {
    return attempt(async () => (await import('./auth/browser-flows.js')).loginPKCE(this.auth, clientId, redirectUri, opts, codeVerifier));
  }

  generatePKCECodeVerifier(nChar: number): string {
    return generatePKCECodeVerifier(nChar);
  }

  computePKCECodeChallenge(code: string): Promise<string> {
    return computePKCECodeChallenge(code);
  }

  /** Browser: keeps the token in localStorage under `<prefix>_auth_data` and reuses it on the next page load. */
  setPersistSettings(doPersist: boolean, prefix?: string): void {
    this.session.setPersistSettings(doPersist, prefix);
  }

  setStorageKey(storageKey: string): void {
    this.session.settingsPrefix = storagePrefix(storageKey);
    this.setAccessToken(this.session.oauth().accessToken);
  }

  /** Browser: forgets the token and goes to the login service's logout page. */
  logout(logoutRedirectUri?: string): void {
    this.setAuthData({ accessToken: undefined, state: undefined, tokenExpiryTime: undefined, tokenExpiryTimeString: undefined });
    const query: Record<string, string> = { client_id: this.clientId ?? '' };
    if (logoutRedirectUri) query['redirect_uri'] = logoutRedirectUri;
    const location = (globalThis as { window?: { location?: { replace(url: string): void } } }).window?.location;
    if (!location) throw new Error('logout redirects the page: it needs a browser');
    location.replace(this.buildAuthUrl('logout', query));
  }

  setAccessToken(token: string | null | undefined): void {
    this.setAuthData({ accessToken: token ?? undefined });
  }

  clearAccessToken(): void {
    this.clearAuthData();
  }

  setAuthData(authData: AuthData): void {
    this.session.setAuthData(authData);
  }

  clearAuthData(): void {
    this.session.clearAuthData();
  }

  /** @internal The reference's `_buildAuthUrl`. */
  buildAuthUrl(path: string, query?: Record<string, string>): string {
    const base = this.config.getConfUrl('login', this.config.authUrl);
    return query ? `${base}/${path}?${new URLSearchParams(query).toString()}` : `${base}/${path}`;
  }

  /** Loads a persisted token (with `setPersistSettings(true)`) and checks it with `/api/v2/tokens/me`: false when there is none or it is refused (and then forgotten). */
  async testTokenAccess(): Promise<boolean> {
    this.session.loadPersisted();
    if (!this.session.oauth().accessToken) return false;
    try {
      await this.callApi('/api/v2/tokens/me', 'GET', null, null, null, null, null, ['PureCloud OAuth'], [JSON_TYPE], [JSON_TYPE]);
      return true;
    } catch {
      this.setAuthData({ accessToken: undefined });
      return false;
    }
  }

  // ---- the reference's request helpers ---------------------------------------------------------

  paramToString(param: unknown): string {
    return wire.paramToString(param, this.useLegacyParameterFilter);
  }

  serialize(obj: Record<string, unknown> | null | undefined): Record<string, string> {
    return wire.serializeQuery(obj, this.useLegacyParameterFilter);
  }

  buildCollectionParam(param: unknown, collectionFormat: string): string | string[] | undefined {
    return wire.buildCollectionParam(param, collectionFormat, this.useLegacyParameterFilter);
  }

  buildUrl(path: string, pathParams: Record<string, unknown> | null | undefined): string {
    return wire.buildUrl(this.config.getConfUrl('api', this.config.basePath), path, pathParams, this.useLegacyParameterFilter);
  }

  addHeaders(existingHeaders: Record<string, string> | null | undefined, ...newHeaders: Record<string, string>[]): Record<string, string> {
    return Object.assign(existingHeaders ?? {}, ...newHeaders);
  }

  isJsonMime(contentType: string | null | undefined): boolean {
    return wire.isJsonMime(contentType);
  }

  jsonPreferredMime(contentTypes: readonly string[]): string | undefined {
    return wire.jsonPreferredMime(contentTypes);
  }

  isFileParam(param: unknown): boolean {
    return wire.isFileParam(param);
  }

  normalizeParams(params: Record<string, unknown> | null | undefined): Record<string, unknown> {
    return wire.normalizeParams(params, this.useLegacyParameterFilter);
  }

  // ---- calls ------------------------------------------------------------------------------------

  /**
   * Invokes an API operation (the reference's signature, plus `options`). Resolves with the body (or
   * the extended response); rejects with `ApiError`, `RateLimitError`, `NetworkError`,
   * `TimeoutError`, `AbortError` or `InvalidRequestError` — always an `Error`, never a plain object.
   */
  callApi(
    path: string,
    httpMethod: string,
    pathParams: Record<string, unknown> | null | undefined,
    queryParams: Record<string, unknown> | null | undefined,
    headerParams: Record<string, unknown> | null | undefined,
    formParams: Record<string, unknown> | null | undefined,
    bodyParam: unknown,
    authNames: readonly string[] | null | undefined,
    contentTypes: readonly string[] | null | undefined,
    accepts: readonly string[] | null | undefined,
    customHeaders?: Record<string, string> | null,
    options: RequestOptions = {},
  ): Promise<unknown> {
    // Captured here so that a failure's stack shows the caller, not only the event loop.
    const callSite = new Error();
    let request: PipelineRequest;
    try {
      const settings = {
        baseUrl: this.config.getConfUrl('api', this.config.basePath),
        defaultHeaders: this.defaultHeaders,
        useLegacyParameterFilter: this.useLegacyParameterFilter,
        timeout: this.timeout,
        userAgent: USER_AGENT,
      };
      request = buildRequest(settings, {
        path,
        httpMethod,
        pathParams,
        queryParams,
        headerParams,
        formParams,
        bodyParam,
        authNames,
        contentTypes,
        accepts,
        customHeaders,
        options,
      });
    } catch (error) {
      return Promise.reject(withCallSite(error instanceof GcsdkError ? error : invalidRequest(error, 'the request'), callSite));
    }
    return this.execute(request).catch(async (error: unknown) => {
      const failure = withCallSite(asError(error, 'The request pipeline'), callSite);
      for (const hook of this.hooks) {
        if (!hook.onError) continue;
        try {
          await hook.onError(failure, request);
        } catch (replacement) {
          throw asError(replacement, 'An onError hook');
        }
      }
      throw failure;
    });
  }

  private async execute(request: PipelineRequest): Promise<unknown> {
    const response = await this.send(request).catch((error: unknown) => {
      throw asCeilingError(request, error, this.config.retry.max_retry_after_seconds);
    });
    return shapeResponse(request, response, this.returnExtended);
  }
}

/** What Node sends as `User-Agent` unless the caller sets one (a browser sends its own). */
const USER_AGENT: string | undefined = platform.isBrowser ? undefined : `gcsdk/${VERSION} (node ${process.version})`;

/** Runs a login: whatever it throws, synchronously or not, rejects as an Error (a hostile argument's getter may throw anything). */
function attempt<T>(login: () => Promise<T>): Promise<T> {
  const asLoginError = (error: unknown): never => {
    throw isAnError(error) ? error : invalidRequest(error, 'the login arguments');
  };
  try {
    return login().catch(asLoginError);
  } catch (error) {
    return Promise.reject(error).catch(asLoginError);
  }
}

/** Appends the caller's frames to an error raised after an asynchronous hop. */
function withCallSite<E extends Error>(error: E, callSite: Error): E {
  const frames = callSite.stack?.split('\n').slice(1).join('\n');
  if (frames && error.stack && !error.stack.includes(frames)) error.stack = `${error.stack}\n    --- called from ---\n${frames}`;
  return error;
}
