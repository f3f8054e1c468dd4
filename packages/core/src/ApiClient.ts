/**
 * The client every API class calls: the reference SDK's `ApiClient`, with its names and its
 * request semantics, on a pipeline that adds retries, hooks and real errors.
 */
import { Configuration, type GatewayConfiguration } from './config/Configuration.js';
import type { AuthPopupConfiguration } from './config/auth-popup.js';
import { loginImplicit, loginPKCE, type LoginOptions } from './auth/browser-flows.js';
import * as grants from './auth/grants.js';
import type { LoginCallOptions } from './auth/grants.js';
import { TokenLifecycle } from './auth/lifecycle.js';
import { computePKCECodeChallenge, generatePKCECodeVerifier } from './auth/pkce.js';
import { AuthPopup, type AuthPopupStatusListener } from './auth/popup.js';
import type { RetrySettings } from './config/settings.js';
import { ApiError, GcsdkError, InvalidRequestError, RateLimitError } from './errors.js';
import { redactUrl } from './logging/redact.js';
import { platform } from './platform/node.js';
import { asError, describeThrown, invalidRequest, isAnError } from './pipeline/failures.js';
import { checkCallOptions } from './pipeline/options.js';
import { RetryCeilingExceeded, retryStep, serverWaitMs } from './pipeline/retry.js';
import { authStep, hooksStep, loggingStep, transportSender, type Authentication } from './pipeline/steps.js';
import { composePipeline, type PipelineRequest, type RequestHooks, type SendRequest } from './pipeline/types.js';
import { AbstractHttpClient } from './transport/AbstractHttpClient.js';
import type { HttpMethod, HttpResponse } from './transport/types.js';
import { VERSION } from './version.js';
import * as wire from './wire.js';

/** What a login leaves behind (the reference's `AuthData`). */
export interface AuthData {
  accessToken?: string | undefined;
  refreshToken?: string | undefined;
  state?: string | undefined;
  tokenExpiryTime?: number | undefined;
  tokenExpiryTimeString?: string | undefined;
  error?: string | undefined;
  error_description?: string | undefined;
}

/** Per-request settings beyond the reference's arguments. */
export interface RequestOptions {
  /** Milliseconds for each attempt (default: the client's `timeout`, 16000). */
  timeout?: number;
  /** Aborts the request, and any wait before a retry. */
  signal?: AbortSignal;
  /** The operation's name, for logs and hooks. */
  operation?: string;
}

/** The response shape of `setReturnExtendedResponses(true)`. */
export interface ExtendedResponse<T = unknown> {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: T;
  text: string | undefined;
  error: null;
}

const JSON_TYPE = 'application/json';

/** What the client may use to renew its token without the user. */
export type RenewalCredentials =
  { grant: 'refresh_token' | 'client_credentials'; clientId: string; clientSecret: string } | { grant: 'none'; clientId: string };

/** Renew a client-credentials token this long before it expires (at most a tenth of its lifetime). */
const EXPIRY_MARGIN_MS = 30_000;

function browserStorage(kind: 'localStorage' | 'sessionStorage'): Storage | undefined {
  try {
    const storage = (globalThis as Record<string, unknown>)[kind] as Storage | undefined;
    if (!storage) return undefined;
    storage.setItem('purecloud_local_storage_test', 'purecloud_local_storage_test');
    storage.removeItem('purecloud_local_storage_test');
    return storage;
  } catch {
    return undefined;
  }
}

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
  authentications: Record<string, Authentication> = {
    'Guest Chat JWT': { type: 'apiKey', in: 'header', name: 'Authorization' },
    'PureCloud OAuth': { type: 'oauth2' },
  };
  defaultHeaders: Record<string, string> = {};
  /** Default milliseconds for each request attempt. */
  timeout = 16000;
  authData: AuthData = {};
  returnExtended = false;
  readonly config: Configuration;
  httpClient: AbstractHttpClient | undefined;
  proxyAgent: object | undefined;

  /** The OAuth client id of the last login. */
  clientId: string | undefined;
  /** Prefix of the browser storage keys (`<prefix>_auth_data`). */
  settingsPrefix = 'purecloud';
  persistSettings = false;

  private readonly hooks: RequestHooks[] = [];
  private readonly send: SendRequest;
  private readonly sendToken: SendRequest;
  private credentials: RenewalCredentials | undefined;
  private tokenLifetimeMs: number | undefined;
  readonly tokenLifecycle: TokenLifecycle;

  constructor(options: { configPath?: string; readConfigFile?: boolean } = {}) {
    this.config = new Configuration(options);
    this.tokenLifecycle = new TokenLifecycle({
      currentToken: () => this.authentications['PureCloud OAuth']?.accessToken ?? undefined,
      refreshEnabled: () => this.config.refresh_access_token,
      canRenew: () => this.canRenew(),
      expiresSoon: () => this.expiresSoon(),
      renew: () => this.renewToken(),
      waitMaxSeconds: () => this.config.refresh_token_wait_max,
    });
    const transport = transportSender(() => this.getHttpClient());
    const retry = retryStep(() => this.config.retry);
    const logging = loggingStep(() => this.config.logger);
    const auth = authStep({ authentications: () => this.authentications, lifecycle: this.tokenLifecycle });
    this.send = composePipeline([retry, auth, hooksStep(() => this.hooks), logging], transport);
    // Token requests carry no bearer token and skip user hooks; they are retried and logged (redacted).
    this.sendToken = composePipeline([retry, logging], transport);
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

  /** @internal The login popup of this client (one at a time) and its status listeners. */
  readonly authPopup = new AuthPopup();

  /** Called with each status of a popup login (`INIT`, `AUTHENTICATED`, `AUTH_ERROR`, `TIMEOUT`, `ABORTED`, …), as in the reference. */
  get onAuthPopupStatus(): AuthPopupStatusListener | null {
    return this.authPopup.onStatus;
  }

  set onAuthPopupStatus(listener: AuthPopupStatusListener | null) {
    this.authPopup.onStatus = typeof listener === 'function' ? listener : null;
  }

  addAuthPopupStatusListener(listener: AuthPopupStatusListener): void {
    this.authPopup.addListener(listener);
  }

  removeAuthPopupStatusListener(listener: AuthPopupStatusListener): void {
    this.authPopup.removeListener(listener);
  }

  removeAllAuthPopupStatusListeners(): void {
    this.authPopup.removeAllListeners();
  }

  setAuthPopupConfiguration(configuration: Partial<AuthPopupConfiguration>): void {
    this.config.setAuthPopupConfiguration(configuration);
  }

  updateAuthPopupConfiguration(configuration: Partial<AuthPopupConfiguration>): void {
    this.config.updateAuthPopupConfiguration(configuration);
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

  /** Client credentials (Node only). The token is fetched again, once, when it nears expiry or meets a 401. */
  loginClientCredentialsGrant(clientId: string, clientSecret: string, options?: LoginCallOptions): Promise<AuthData> {
    return this.attempt(() => grants.clientCredentials(this, clientId, clientSecret, options));
  }

  /** SAML2 bearer (Node only). */
  loginSaml2BearerGrant(
    clientId: string,
    clientSecret: string,
    orgName: string,
    assertion: string,
    options?: LoginCallOptions,
  ): Promise<AuthData> {
    return this.attempt(() => grants.saml2Bearer(this, clientId, clientSecret, orgName, assertion, options));
  }

  /** Authorization code (Node only); the refresh token is then used on 401s. */
  loginCodeAuthorizationGrant(
    clientId: string,
    clientSecret: string,
    authCode: string,
    redirectUri: string,
    options?: LoginCallOptions,
  ): Promise<AuthData> {
    return this.attempt(() => grants.codeAuthorization(this, clientId, clientSecret, authCode, redirectUri, options));
  }

  refreshCodeAuthorizationGrant(
    clientId: string,
    clientSecret: string,
    refreshToken: string,
    options?: LoginCallOptions,
  ): Promise<AuthData> {
    return this.attempt(() => grants.refreshCodeAuthorization(this, clientId, clientSecret, refreshToken, options));
  }

  /** Exchanges a PKCE authorization code for a token (Node or browser). */
  authorizePKCEGrant(
    clientId: string,
    codeVerifier: string,
    authCode: string,
    redirectUri: string,
    options?: LoginCallOptions,
  ): Promise<AuthData> {
    return this.attempt(() => grants.authorizePKCE(this, clientId, codeVerifier, authCode, redirectUri, options));
  }

  /** Browser: implicit grant (redirects to the login page, resolves on the page it returns to). */
  loginImplicitGrant(clientId: string, redirectUri: string, opts?: LoginOptions): Promise<AuthData> {
    return this.attempt(() => loginImplicit(this, clientId, redirectUri, opts));
  }

  /** Browser: authorization code with PKCE; the SDK keeps a verifier it generates in sessionStorage. */
  loginPKCEGrant(clientId: string, redirectUri: string, opts?: LoginOptions, codeVerifier?: string): Promise<AuthData> {
    return this.attempt(() => loginPKCE(this, clientId, redirectUri, opts, codeVerifier));
  }

  generatePKCECodeVerifier(nChar: number): string {
    return generatePKCECodeVerifier(nChar);
  }

  computePKCECodeChallenge(code: string): Promise<string> {
    return computePKCECodeChallenge(code);
  }

  /** Browser: keeps the token in localStorage under `<prefix>_auth_data` and reuses it on the next page load. */
  setPersistSettings(doPersist: boolean, prefix?: string): void {
    this.persistSettings = doPersist;
    this.settingsPrefix = prefix ? prefix.replace(/\W+/g, '_') : 'purecloud';
  }

  setStorageKey(storageKey: string): void {
    this.settingsPrefix = storageKey ? storageKey.replace(/\W+/g, '_') : 'purecloud';
    this.setAccessToken(this.oauth().accessToken);
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
    const data = authData ?? {};
    this.authData.accessToken = data.accessToken;
    this.oauth().accessToken = data.accessToken;
    if (data.state) this.authData.state = data.state;
    if ('refreshToken' in data) this.authData.refreshToken = data.refreshToken;
    this.authData.error = data.error;
    this.authData.error_description = data.error_description;
    if (data.tokenExpiryTime) {
      this.authData.tokenExpiryTime = data.tokenExpiryTime;
      this.authData.tokenExpiryTimeString = data.tokenExpiryTimeString;
    }
    this.persist();
  }

  clearAuthData(): void {
    this.authData = {
      ...this.authData,
      accessToken: undefined,
      refreshToken: undefined,
      state: undefined,
      error: undefined,
      error_description: undefined,
      tokenExpiryTime: 0,
      tokenExpiryTimeString: undefined,
    };
    this.oauth().accessToken = undefined;
    this.credentials = undefined;
    this.persist();
  }

  /** @internal Sends a form to `/oauth/token`; resolves with the token response, rejects with an ApiError carrying the OAuth error. */
  requestToken(form: Record<string, string>, authorization?: string, options?: LoginCallOptions): Promise<Record<string, unknown>> {
    return this.attempt(() => this.sendTokenRequest(form, authorization, options));
  }

  private async sendTokenRequest(
    form: Record<string, string>,
    authorization: string | undefined,
    options: LoginCallOptions | undefined,
  ): Promise<Record<string, unknown>> {
    const { signal, timeout } = checkCallOptions(options, `the login (${form['grant_type']})`);
    const url = `${this.config.getConfUrl('login', this.config.authUrl)}/oauth/token`;
    const headers: Record<string, string> = {};
    if (authorization) headers['Authorization'] = authorization;
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    if (!platform.isBrowser) headers['User-Agent'] = `gcsdk/${VERSION} (node ${process.version})`;
    const request: PipelineRequest = {
      method: 'POST',
      url,
      query: {},
      headers,
      body: new URLSearchParams(form).toString(),
      timeout: timeout ?? this.timeout,
      signal,
      operation: 'oauth/token',
      authNames: [],
      attempt: 1,
    };
    const response = await this.sendToken(request).catch((error: unknown) => {
      throw error instanceof RetryCeilingExceeded ? this.ceilingError(request, error) : error;
    });
    // The message is the OAuth server's own (error_description, else error, else the status line); `error` is in `code`.
    if (response.status < 200 || response.status > 299) throw new ApiError(this.errorInit(request, response));
    const token = response.data as Record<string, unknown> | undefined;
    if (!token || typeof token['access_token'] !== 'string')
      throw new ApiError(this.errorInit(request, response), `Login failed (${form['grant_type']}): the token response has no access_token`);
    return token;
  }

  /** @internal Installs a token response and returns the AuthData (the same object, as the reference does). */
  installToken(token: Record<string, unknown>): AuthData {
    this.tokenLifetimeMs = typeof token['expires_in'] === 'number' ? token['expires_in'] * 1000 : undefined;
    this.setAuthData({
      accessToken: token['access_token'] as string,
      ...(typeof token['refresh_token'] === 'string' ? { refreshToken: token['refresh_token'] } : {}),
      ...grants.expiryOf(token['expires_in']),
    });
    return this.authData;
  }

  /** @internal */
  rememberCredentials(credentials: RenewalCredentials): void {
    this.clientId = credentials.clientId;
    this.credentials = credentials;
  }

  /** @internal The reference's `_buildAuthUrl`. */
  buildAuthUrl(path: string, query?: Record<string, string>): string {
    const base = this.config.getConfUrl('login', this.config.authUrl);
    return query ? `${base}/${path}?${new URLSearchParams(query).toString()}` : `${base}/${path}`;
  }

  /** @internal Loads a persisted token (if enabled) and checks it with `/api/v2/tokens/me`; false when there is none or it is refused. */
  async testTokenAccess(): Promise<boolean> {
    this.loadPersisted();
    if (!this.oauth().accessToken) return false;
    try {
      await this.callApi('/api/v2/tokens/me', 'GET', null, null, null, null, null, ['PureCloud OAuth'], [JSON_TYPE], [JSON_TYPE]);
      return true;
    } catch {
      this.setAuthData({ accessToken: undefined });
      return false;
    }
  }

  private canRenew(): boolean {
    const c = this.credentials;
    if (!c || c.grant === 'none') return false;
    if (typeof window !== 'undefined' && typeof (window as { document?: unknown }).document !== 'undefined') return false;
    return c.grant === 'client_credentials' || Boolean(this.authData.refreshToken);
  }

  private expiresSoon(): boolean {
    if (this.credentials?.grant !== 'client_credentials' || !this.authData.tokenExpiryTime) return false;
    const margin = Math.min(EXPIRY_MARGIN_MS, (this.tokenLifetimeMs ?? Infinity) / 10);
    return this.authData.tokenExpiryTime - Date.now() <= margin;
  }

  private async renewToken(): Promise<void> {
    const c = this.credentials;
    if (!c || c.grant === 'none') throw new Error('No credentials to renew the access token with');
    if (c.grant === 'client_credentials') await grants.clientCredentials(this, c.clientId, c.clientSecret);
    else await grants.refreshCodeAuthorization(this, c.clientId, c.clientSecret, this.authData.refreshToken ?? '');
  }

  /** Turns a synchronous throw into a rejection, as every login method returns a promise. */
  /** Runs a login: whatever it throws, synchronously or not, rejects as an Error (a hostile argument's getter may throw anything). */
  private attempt<T>(login: () => Promise<T>): Promise<T> {
    const asLoginError = (error: unknown): never => {
      throw isAnError(error) ? error : invalidRequest(error, 'the login arguments');
    };
    try {
      return login().catch(asLoginError);
    } catch (error) {
      return Promise.reject(error).catch(asLoginError);
    }
  }

  private persist(): void {
    if (!this.persistSettings) return;
    const storage = browserStorage('localStorage');
    if (!storage) return;
    const { state: _state, ...kept } = this.authData;
    storage.setItem(`${this.settingsPrefix}_auth_data`, JSON.stringify(kept));
  }

  private loadPersisted(): void {
    if (!this.persistSettings) return;
    const saved = browserStorage('localStorage')?.getItem(`${this.settingsPrefix}_auth_data`);
    if (!saved) return;
    try {
      const data = JSON.parse(saved) as AuthData;
      this.authData = { ...data, state: this.authData.state };
      this.oauth().accessToken = data.accessToken;
    } catch {
      // A corrupt entry is ignored: the user logs in again.
    }
  }

  private oauth(): Authentication {
    return (this.authentications['PureCloud OAuth'] ??= { type: 'oauth2' });
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
      request = this.buildRequest(
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
      );
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

  private buildRequest(
    ...[
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
      options = {},
    ]: Parameters<ApiClient['callApi']>
  ): PipelineRequest {
    const method = String(httpMethod ?? '').toUpperCase() as HttpMethod;
    if (!['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'].includes(method))
      throw new InvalidRequestError(`Unsupported HTTP method ${describeThrown(httpMethod)}`);
    if (typeof path !== 'string' || !path) throw new InvalidRequestError('The request path is missing');
    if (customHeaders !== undefined && customHeaders !== null && (typeof customHeaders !== 'object' || Array.isArray(customHeaders))) {
      throw new InvalidRequestError('Per-request headers must be a valid object');
    }
    const { signal, timeout } = checkCallOptions(options, 'callApi');
    const legacy = this.useLegacyParameterFilter;
    const url = wire.buildUrl(this.config.getConfUrl('api', this.config.basePath), path, pathParams, legacy);
    const query = wire.serializeQuery(queryParams, legacy);
    const headers = this.requestHeaders(headerParams, customHeaders, contentTypes, accepts);
    // The reference sends no body for '' (`else if (bodyParam)`); 0 and false, valid JSON bodies, are sent.
    let body: unknown = bodyParam === null || bodyParam === '' ? undefined : bodyParam;
    const contentType = wire.jsonPreferredMime(contentTypes ?? []);
    if (contentType === 'application/x-www-form-urlencoded') {
      body = new URLSearchParams(wire.normalizeParams(formParams, legacy) as Record<string, string>).toString();
    } else if (contentType === 'multipart/form-data') {
      const form = new FormData();
      for (const [key, value] of Object.entries(wire.normalizeParams(formParams, legacy))) form.set(key, value as string | Blob);
      body = form;
    } else {
      wire.assertJsonBody(body);
    }
    return {
      method,
      url,
      query,
      headers,
      body,
      timeout: timeout ?? this.timeout,
      signal,
      operation: options?.operation,
      authNames: authNames ?? [],
      attempt: 1,
    };
  }

  /**
   * The request's headers, one per name whatever the spelling (header names are case-insensitive),
   * with the reference's precedence, measured on its wire (test/header-precedence.test.ts):
   *
   *   header          lowest → highest                                                 when nobody sets it
   *   Authorization   token < default headers < header parameters < customHeaders      (no token: none)
   *   Content-Type    default headers < header parameters < customHeaders < the        application/json
   *                   operation's type (consumes) — the caller's value only without one
   *   Accept          default headers < header parameters < customHeaders < the        axios's default
   *                   operation's type (produces) — the caller's value only without one
   *   User-Agent      default headers < header parameters < customHeaders              ours: gcsdk/<v> (node <v>)
   *   Genesys-App,    default headers < header parameters < customHeaders              none
   *   any other
   *
   * The name is spelled as first given (the token's `Authorization` first), as axios sends it. Where
   * the reference depends on the spelling (it layers case-sensitive keys, then axios merges them:
   * `setDefaultHeaders({ authorization })` beats `customHeaders: { Authorization }`, a lower-case
   * `content-type` is ignored without a consumes type), we follow its same-spelling precedence.
   * The token itself is added per attempt by the auth step, under these headers.
   */
  private requestHeaders(
    headerParams: Record<string, unknown> | null | undefined,
    customHeaders: Record<string, string> | null | undefined,
    contentTypes: readonly string[] | null | undefined,
    accepts: readonly string[] | null | undefined,
  ): Record<string, string> {
    const legacy = this.useLegacyParameterFilter;
    wire.validateHeaders(this.defaultHeaders, 'the default headers');
    const parameters: Record<string, string> = {};
    for (const [name, value] of Object.entries(wire.normalizeParams(headerParams, legacy))) {
      const text = Array.isArray(value) ? value.map((v) => wire.paramToString(v, legacy)).join(',') : String(value);
      wire.validateHeader(name, text, 'the header parameters');
      parameters[name] = text; // spellings of one name are merged below
    }
    if (customHeaders) wire.validateHeaders(customHeaders, 'customHeaders');
    const headers = wire.mergeHeaders(this.defaultHeaders, parameters, customHeaders);
    const contentType = wire.jsonPreferredMime(contentTypes ?? []);
    if (contentType) wire.setHeader(headers, 'Content-Type', contentType);
    else if (wire.getHeader(headers, 'Content-Type') === undefined) wire.setHeader(headers, 'Content-Type', JSON_TYPE);
    const accept = wire.jsonPreferredMime(accepts ?? []);
    if (accept) wire.setHeader(headers, 'Accept', accept);
    // axios's defaults name these two, so the reference always spells them so, whoever set them.
    wire.respellHeader(headers, 'Content-Type');
    wire.respellHeader(headers, 'Accept');
    if (!platform.isBrowser && wire.getHeader(headers, 'User-Agent') === undefined) {
      headers['User-Agent'] = `gcsdk/${VERSION} (node ${process.version})`;
    }
    return headers;
  }

  private async execute(request: PipelineRequest): Promise<unknown> {
    let response: HttpResponse;
    try {
      response = await this.send(request);
    } catch (error) {
      throw error instanceof RetryCeilingExceeded ? this.ceilingError(request, error) : error;
    }
    if (response.status < 200 || response.status > 299) {
      if (response.status === 429) throw new RateLimitError(this.errorInit(request, response), serverWaitMs(response.headers));
      throw new ApiError(this.errorInit(request, response));
    }
    if (this.returnExtended) {
      const extended: ExtendedResponse = {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
        body: response.data,
        text: response.text,
        error: null,
      };
      return extended;
    }
    return response.data === '' ? undefined : response.data;
  }

  /** A wait the server asks for past the retry ceiling, as the RateLimitError the caller gets (calls and logins alike). */
  private ceilingError(request: PipelineRequest, error: RetryCeilingExceeded): RateLimitError {
    const seconds = Math.ceil(error.waitMs / 1000);
    return new RateLimitError(
      this.errorInit(request, error.response),
      error.waitMs,
      `${request.method} ${pathOf(request.url)} was rate limited (${error.response.status}): the server asks to wait ${seconds} s, more than the retry ceiling of ${this.config.retry.max_retry_after_seconds} s`,
    );
  }

  private errorInit(request: PipelineRequest, response: HttpResponse) {
    return {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
      body: response.data === '' ? undefined : response.data,
      text: response.text,
      method: request.method,
      url: redactUrl(wire.appendQuery(request.url, request.query)),
    };
  }
}

function pathOf(url: string): string {
  return url.replace(/^[a-z]+:\/\/[^/]+/i, '');
}

/** Appends the caller's frames to an error raised after an asynchronous hop. */
function withCallSite<E extends Error>(error: E, callSite: Error): E {
  const frames = callSite.stack?.split('\n').slice(1).join('\n');
  if (frames && error.stack && !error.stack.includes(frames)) error.stack = `${error.stack}\n    --- called from ---\n${frames}`;
  return error;
}
