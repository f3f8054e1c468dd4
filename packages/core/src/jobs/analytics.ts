/**
 * waitForJob presets for the analytics details jobs. They take any object with the methods named
 * below (the generated AnalyticsApi, the reference SDK's AnalyticsApi, a test double), so that the
 * core does not depend on an api package.
 */
import type { ItemOf } from '../paginate.js';
import { readOptions, waitForJob, type JobResult, type JobWaitOptions } from './waitForJob.js';

const PRESET_KEYS = ['signal', 'timeoutMs', 'onProgress', 'poll', 'pageSize'];

interface ResultsOpts {
  signal?: AbortSignal;
  cursor?: string;
  pageSize?: number;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- a body and opts of the api's own types: the reference SDK's option
   types share no property with `{ signal }` (TypeScript refuses such "weak" types), the generated ones take it */
export interface ConversationDetailsJobsApi {
  postAnalyticsConversationsDetailsJobs(body: any, opts?: any): Promise<unknown>;
  getAnalyticsConversationsDetailsJob(jobId: string, opts?: any): Promise<unknown>;
  getAnalyticsConversationsDetailsJobResults(jobId: string, opts?: any): Promise<unknown>;
  deleteAnalyticsConversationsDetailsJob(jobId: string, opts?: any): Promise<unknown>;
}

export interface UserDetailsJobsApi {
  postAnalyticsUsersDetailsJobs(body: any, opts?: any): Promise<unknown>;
  getAnalyticsUsersDetailsJob(jobId: string, opts?: any): Promise<unknown>;
  getAnalyticsUsersDetailsJobResults(jobId: string, opts?: any): Promise<unknown>;
  deleteAnalyticsUsersDetailsJob(jobId: string, opts?: any): Promise<unknown>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface DetailsJobOptions extends JobWaitOptions {
  /** Results per page (the service's default when not given; at most 1000). `byPage({ maxPageSize })` overrides it. */
  pageSize?: number;
}

type Resolved<F> = F extends (...args: never[]) => Promise<infer R> ? R : never;
type DetailsJobResult<Status, Page> = JobResult<Resolved<Status>, Resolved<Page>, ItemOf<Resolved<Page>>>;

/**
 * Submits an analytics conversation details job with `body`, waits for it, and gives its
 * conversations: `for await (const conversation of job.results)`. See waitForJob for the options and errors.
 */
export async function waitForConversationDetailsJob<Api extends ConversationDetailsJobsApi>(
  analyticsApi: Api,
  body: Parameters<Api['postAnalyticsConversationsDetailsJobs']>[0],
  options: DetailsJobOptions = {},
): Promise<DetailsJobResult<Api['getAnalyticsConversationsDetailsJob'], Api['getAnalyticsConversationsDetailsJobResults']>> {
  const api = checkApi(analyticsApi, 'waitForConversationDetailsJob', [
    'postAnalyticsConversationsDetailsJobs',
    'getAnalyticsConversationsDetailsJob',
    'getAnalyticsConversationsDetailsJobResults',
    'deleteAnalyticsConversationsDetailsJob',
  ]);
  const { pageSize, ...waitOptions } = checkPresetOptions(options, 'waitForConversationDetailsJob');
  return (await waitForJob({
    ...waitOptions,
    submit: (signal) => api.postAnalyticsConversationsDetailsJobs(body, { signal }),
    status: (jobId, signal) => api.getAnalyticsConversationsDetailsJob(jobId, { signal }),
    results: (jobId, cursor, signal, size) =>
      api.getAnalyticsConversationsDetailsJobResults(jobId, resultsOpts(cursor, signal, size ?? pageSize)),
    cancel: (jobId, signal) => api.deleteAnalyticsConversationsDetailsJob(jobId, { signal }),
  })) as never;
}

/**
 * Submits an analytics user details job with `body`, waits for it, and gives its user details:
 * `for await (const user of job.results)`. See waitForJob for the options and errors.
 */
export async function waitForUserDetailsJob<Api extends UserDetailsJobsApi>(
  analyticsApi: Api,
  body: Parameters<Api['postAnalyticsUsersDetailsJobs']>[0],
  options: DetailsJobOptions = {},
): Promise<DetailsJobResult<Api['getAnalyticsUsersDetailsJob'], Api['getAnalyticsUsersDetailsJobResults']>> {
  const api = checkApi(analyticsApi, 'waitForUserDetailsJob', [
    'postAnalyticsUsersDetailsJobs',
    'getAnalyticsUsersDetailsJob',
    'getAnalyticsUsersDetailsJobResults',
    'deleteAnalyticsUsersDetailsJob',
  ]);
  const { pageSize, ...waitOptions } = checkPresetOptions(options, 'waitForUserDetailsJob');
  return (await waitForJob({
    ...waitOptions,
    submit: (signal) => api.postAnalyticsUsersDetailsJobs(body, { signal }),
    status: (jobId, signal) => api.getAnalyticsUsersDetailsJob(jobId, { signal }),
    results: (jobId, cursor, signal, size) => api.getAnalyticsUsersDetailsJobResults(jobId, resultsOpts(cursor, signal, size ?? pageSize)),
    cancel: (jobId, signal) => api.deleteAnalyticsUsersDetailsJob(jobId, { signal }),
  })) as never;
}

/** Only the options given: the reference SDK sends `cursor=undefined` for an undefined one. */
function resultsOpts(cursor: string | undefined, signal: AbortSignal | undefined, pageSize: number | undefined): ResultsOpts {
  return { ...(cursor !== undefined ? { cursor } : {}), ...(pageSize !== undefined ? { pageSize } : {}), ...(signal ? { signal } : {}) };
}

function checkApi<Api>(api: Api, preset: string, methods: readonly string[]): Api {
  const missing = methods.find((name) => !isMethod(api, name));
  if (missing !== undefined) throw new TypeError(`${preset}: analyticsApi must be an AnalyticsApi (it has no ${missing} method)`);
  return api;
}

function isMethod(api: unknown, name: string): boolean {
  try {
    return typeof (api as Record<string, unknown> | null | undefined)?.[name] === 'function';
  } catch {
    return false;
  }
}

/** The options, read once (see readOptions), with `pageSize` checked. */
function checkPresetOptions(options: unknown, preset: string): DetailsJobOptions {
  const checked = readOptions(options, PRESET_KEYS, preset) as DetailsJobOptions;
  const { pageSize } = checked;
  if (pageSize !== undefined && (typeof pageSize !== 'number' || !Number.isInteger(pageSize) || pageSize < 1))
    throw new RangeError(
      `${preset}: pageSize must be a positive whole number, got ${typeof pageSize === 'number' ? pageSize : typeof pageSize}`,
    );
  return checked;
}
