// @gcsdk/core — the runtime of gcsdk. Browser-safe: Node-only parts live behind `platform/node.ts`,
// which the browser build swaps for `platform/browser.ts`.
export { ApiClient, type AuthData, type ExtendedResponse, type RenewalCredentials, type RequestOptions } from './ApiClient.js';
export type { LoginOptions } from './auth/browser-flows.js';
export { AuthPopupError, LoginError } from './auth/errors.js';
export type { AuthPopupStatus, AuthPopupStatusListener } from './auth/popup-status.js';
export { computePKCECodeChallenge, generatePKCECodeVerifier } from './auth/pkce.js';
export { Configuration, type GatewayConfiguration } from './config/Configuration.js';
export type { AuthPopupConfiguration } from './config/auth-popup.js';
export { DEFAULT_RETRY_SETTINGS, type RetrySettings } from './config/settings.js';
export {
  AbortError,
  ApiError,
  ConfigFileError,
  GcsdkError,
  InvalidRequestError,
  isApiError,
  MissingParameterError,
  NetworkError,
  RateLimitError,
  TimeoutError,
} from './errors.js';
export {
  waitForConversationDetailsJob,
  waitForUserDetailsJob,
  type ConversationDetailsJobsApi,
  type DetailsJobOptions,
  type UserDetailsJobsApi,
} from './jobs/analytics.js';
export { JobFailedError, JobTimeoutError, type JobEndState } from './jobs/errors.js';
export {
  waitForJob,
  type JobPollSettings,
  type JobProgress,
  type JobResult,
  type JobState,
  type JobWaitOptions,
  type WaitForJobOptions,
} from './jobs/waitForJob.js';
export { Logger, LogFormat, LogLevel } from './logging/Logger.js';
// What a generated method takes and sends (invoke and the operation tables are in @gcsdk/core/internal).
export type { OperationDescriptor, OperationOpts, ParamLocation, ParamSpec } from './operation.js';
export {
  paginate,
  PaginationError,
  type ItemOf,
  type PagedAsyncIterableIterator,
  type PaginateOptions,
  type PaginationProblem,
} from './paginate.js';
export type { PipelineRequest, RequestHooks } from './pipeline/types.js';
export { PureCloudRegionHosts, type PureCloudRegion } from './regions.js';
export { AbstractHttpClient } from './transport/AbstractHttpClient.js';
export { DefaultHttpClient } from './transport/DefaultHttpClient.js';
export { FetchHttpClient } from './transport/FetchHttpClient.js';
export { HttpRequestOptions } from './transport/HttpRequestOptions.js';
// Node only: the browser build puts NodeHttpClient.browser.ts, which refuses to be made, in its place.
export { NodeHttpClient } from './transport/NodeHttpClient.js';
export type { HttpMethod, HttpResponse } from './transport/types.js';
export { VERSION } from './version.js';
export type { CollectionFormat } from './wire.js';
