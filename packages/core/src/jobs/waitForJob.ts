/**
 * Long-running jobs (analytics details jobs and the like): submit, poll the status with backoff until
 * the job ends, then read the results by cursor through paginate. See {@link waitForJob}.
 */
import { AbortError, GcsdkError } from '../errors.js';
import { paginate, type ItemOf, type PagedAsyncIterableIterator } from '../paginate.js';
import { envelopeOf, isObject, itemsOf } from '../paging/envelope.js';
import { onAbort } from '../pipeline/abort-listeners.js';
import { untilAborted } from '../pipeline/options.js';
import { JobFailedError, JobTimeoutError, type JobEndState } from './errors.js';

/** Where a job is: `QUEUED` and `PENDING` go on, the others are final. */
export type JobState = 'QUEUED' | 'PENDING' | 'FULFILLED' | 'FAILED' | 'CANCELLED' | 'EXPIRED';

export interface JobProgress {
  jobId: string;
  /** The state the status request just answered (a string the service may extend). */
  state: string;
  /** The status request's number, from 1. */
  attempt: number;
  /** Milliseconds since waitForJob was called. */
  elapsedMs: number;
}

export interface JobPollSettings {
  /** The wait after the first status request (default 1000 ms). */
  initialDelayMs?: number;
  /** The longest wait between two status requests (default 15000 ms). */
  maxDelayMs?: number;
  /** How much the wait grows after each status request (default 1.5; at least 1). */
  factor?: number;
}

/** What every way of waiting for a job takes. */
export interface JobWaitOptions {
  /** Aborts the wait and the pending request, and cancels the job. Also stops the results' iteration. */
  signal?: AbortSignal;
  /** Gives up (JobTimeoutError) and cancels the job when it has not ended after this many milliseconds. */
  timeoutMs?: number;
  /** Called after every status request. */
  onProgress?: (progress: JobProgress) => void;
  poll?: JobPollSettings;
}

export interface WaitForJobOptions<TStatus, TPage, TItem> extends JobWaitOptions {
  /** Submits the job and resolves with `{ jobId }`. Give this or `jobId`. */
  submit?: (signal: AbortSignal) => Promise<unknown>;
  /** The id of a job already submitted. Give this or `submit`. */
  jobId?: string;
  /** Resolves with the job's status (`{ state, errorMessage? }`). */
  status: (jobId: string, signal: AbortSignal) => Promise<TStatus>;
  /** Resolves with one page of results: the first with `cursor` undefined, then the page's `cursor`. */
  results: (jobId: string, cursor: string | undefined, signal: AbortSignal | undefined, pageSize?: number) => Promise<TPage>;
  /** Cancels the job (best effort) when the wait is aborted or times out. */
  cancel?: (jobId: string, signal: AbortSignal) => unknown;
  /** A page's items; by default its `entities`, `conversations`, `userDetails`, `results` or `data` array. */
  items?: (page: TPage) => readonly TItem[];
}

export interface JobResult<TStatus, TPage, TItem> {
  jobId: string;
  /** The final status (state FULFILLED). */
  status: TStatus;
  /** Every item of every page, fetched by cursor as they are consumed; `.byPage()` for whole pages. */
  results: PagedAsyncIterableIterator<TItem, TPage>;
}

const DEFAULT_POLL: Required<JobPollSettings> = { initialDelayMs: 1000, maxDelayMs: 15_000, factor: 1.5 };
const END_STATES: ReadonlySet<string> = new Set<JobEndState>(['FAILED', 'CANCELLED', 'EXPIRED']);
/** The longest timer setTimeout keeps (about 24.8 days); longer ones fire at once. */
const MAX_TIMER_MS = 2_147_483_647;
/** How long a cancel is waited for before the wait rejects anyway. */
const CANCEL_WAIT_MS = 10_000;
const PAGE = Symbol('page');

/**
 * Submits a job (or takes `jobId`), polls its status with backoff and jitter until it ends, and
 * resolves on FULFILLED with the final status and the results, iterable like paginate's. FAILED,
 * CANCELLED and EXPIRED reject with a {@link JobFailedError}; `timeoutMs` passing rejects with a
 * {@link JobTimeoutError}, `signal` aborting with an {@link AbortError}: both abort the pending
 * request and send the job's `cancel` first. Errors of `submit` and `status` (after the client's own
 * retries) pass through.
 *
 * @throws TypeError or RangeError (as a rejection, before any request) for a bad option, naming it.
 */
export async function waitForJob<TStatus, TPage, TItem = ItemOf<TPage>>(
  given: WaitForJobOptions<TStatus, TPage, TItem>,
): Promise<JobResult<TStatus, TPage, TItem>> {
  // A checked copy: the caller's object is read once, so a getter cannot change an option later.
  const { options, poll } = checkOptions<WaitForJobOptions<TStatus, TPage, TItem>>(given);
  const { signal, timeoutMs, onProgress } = options;
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  if (signal?.aborted) throw new AbortError('waitForJob was aborted before it started');

  // One controller for everything waitForJob itself sends: the caller's signal and the timeout abort it.
  const controller = new AbortController();
  let stoppedBy: 'abort' | 'timeout' | undefined;
  const stop = (why: 'abort' | 'timeout') => {
    stoppedBy ??= why;
    controller.abort();
  };
  const stopListening = signal ? onAbort(signal, () => stop('abort')) : () => undefined;
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => stop('timeout'), timeoutMs);

  let jobId = options.jobId;
  let state: string | undefined;
  try {
    if (jobId === undefined) jobId = jobIdOf(await untilStopped(() => options.submit!(controller.signal), controller.signal));
    for (let attempt = 1; ; attempt++) {
      const status = await untilStopped(() => options.status(jobId!, controller.signal), controller.signal);
      const current = statusOf(status, jobId);
      state = current.state;
      onProgress?.({ jobId, state, attempt, elapsedMs: elapsed() });
      if (state === 'FULFILLED') return { jobId, status, results: resultsOf(jobId, options) };
      if (END_STATES.has(state)) throw new JobFailedError({ jobId, state: state as JobEndState, errorMessage: current.errorMessage });
      await sleep(delayAfter(attempt, poll), controller.signal);
    }
  } catch (error) {
    if (stoppedBy === undefined) throw error;
    const elapsedMs = elapsed();
    const cancelSent = jobId !== undefined && options.cancel !== undefined;
    const cancelError = cancelSent ? await cancelQuietly(options.cancel!, jobId!) : undefined;
    if (stoppedBy === 'timeout')
      throw new JobTimeoutError({ jobId, state, elapsedMs, timeoutMs: timeoutMs!, cancelSent, cause: cancelError });
    const what =
      jobId === undefined ? 'before the job was submitted' : `while waiting for job ${jobId}${cancelSent ? '; a cancel was sent' : ''}`;
    throw new AbortError(`waitForJob was aborted ${what}`, cancelError === undefined ? undefined : { cause: cancelError });
  } finally {
    clearTimeout(timer);
    stopListening();
  }
}

/** The results of a fulfilled job: paginate over the cursor, items picked by `options.items`. */
function resultsOf<TStatus, TPage, TItem>(
  jobId: string,
  options: WaitForJobOptions<TStatus, TPage, TItem>,
): PagedAsyncIterableIterator<TItem, TPage> {
  const { signal, items: pick } = options;
  // paginate follows `cursor` and refuses repeats; it reads this normalised page, which keeps the original.
  async function jobResults(request: { cursor?: string; pageSize?: number }): Promise<unknown> {
    if (signal?.aborted) throw new AbortError(`Reading the results of job ${jobId} was aborted`);
    const page = await options.results(jobId, request.cursor, signal, request.pageSize);
    if (!isObject(page)) return page;
    const envelope = envelopeOf(page);
    const items: unknown = pick ? pick(page) : itemsOf(envelope);
    if (!Array.isArray(items)) throw new TypeError(`waitForJob: items(page) must return an array, got ${kindOf(items)}`);
    const cursor = envelope['cursor'];
    return { entities: items, ...(typeof cursor === 'string' && cursor !== '' ? { cursor } : {}), [PAGE]: page };
  }
  const iterator = paginate(jobResults, [{}]) as unknown as PagedAsyncIterableIterator<TItem, TPage>;
  const byPage = iterator.byPage.bind(iterator);
  iterator.byPage = (settings) => originalPages(byPage(settings) as AsyncIterable<unknown>) as AsyncIterableIterator<TPage>;
  return iterator;
}

async function* originalPages(pages: AsyncIterable<unknown>): AsyncGenerator<unknown, void, undefined> {
  for await (const page of pages) yield (page as { [PAGE]: unknown })[PAGE];
}

function jobIdOf(submitted: unknown): string {
  const jobId = isObject(submitted) ? envelopeOf(submitted)['jobId'] : undefined;
  if (typeof jobId !== 'string' || jobId === '')
    throw new GcsdkError(`waitForJob: submit resolved with ${kindOf(submitted)} without a jobId, not a submitted job`);
  return jobId;
}

function statusOf(status: unknown, jobId: string): { state: string; errorMessage: string | undefined } {
  const envelope = isObject(status) ? envelopeOf(status) : undefined;
  const state = envelope?.['state'];
  if (typeof state !== 'string' || state === '')
    throw new GcsdkError(`waitForJob: the status of job ${jobId} has no state (status resolved with ${kindOf(status)})`);
  const errorMessage = envelope?.['errorMessage'];
  return { state, errorMessage: typeof errorMessage === 'string' && errorMessage !== '' ? errorMessage : undefined };
}

/** Exponential backoff with jitter: between half and all of the step's delay, never below initialDelayMs. */
function delayAfter(attempt: number, poll: Required<JobPollSettings>): number {
  const step = Math.min(poll.maxDelayMs, poll.initialDelayMs * poll.factor ** (attempt - 1));
  return Math.max(poll.initialDelayMs, Math.round(step * (0.5 + Math.random() / 2)));
}

/** Settles with `start()`, or rejects as soon as `signal` aborts (a callback that ignores the signal cannot hold the wait). */
function untilStopped<T>(start: () => Promise<T> | T, signal: AbortSignal): Promise<T> {
  return untilAborted(Promise.resolve().then(start), signal, () => 'waitForJob: the request');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(new AbortError('waitForJob: the wait was aborted'));
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stopWaiting();
      resolve();
    }, ms);
    const stopWaiting = onAbort(signal, () => {
      clearTimeout(timer);
      reject(new AbortError('waitForJob: the wait was aborted'));
    });
  });
}

/** Sends the cancel and waits (at most CANCEL_WAIT_MS) for it; returns its error instead of throwing it. */
async function cancelQuietly(cancel: (jobId: string, signal: AbortSignal) => unknown, jobId: string): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), CANCEL_WAIT_MS);
  try {
    await untilStopped(() => cancel(jobId, controller.signal), controller.signal);
    return undefined;
  } catch (error) {
    return error ?? new Error(`The cancel of job ${jobId} failed`);
  } finally {
    clearTimeout(timer);
  }
}

const OPTION_KEYS = ['submit', 'jobId', 'status', 'results', 'cancel', 'items', 'signal', 'timeoutMs', 'onProgress', 'poll'] as const;

/**
 * The named properties of `value`, copied; a property that cannot be read (a throwing getter or
 * proxy) is a TypeError naming it rather than the caller's own thrown value. For the presets too.
 */
export function readOptions(value: unknown, keys: readonly string[], where: string): Record<string, unknown> {
  if (!isObject(value)) throw new TypeError(`${where}: options must be an object, got ${kindOf(value)}`);
  const copy: Record<string, unknown> = {};
  for (const key of keys) {
    try {
      copy[key] = value[key];
    } catch {
      throw new TypeError(`${where}: options.${key} could not be read`);
    }
  }
  return copy;
}

function checkOptions<T>(given: unknown): { options: T; poll: Required<JobPollSettings> } {
  const o = readOptions(given, OPTION_KEYS, 'waitForJob');
  if (o['submit'] === undefined && o['jobId'] === undefined)
    throw new TypeError('waitForJob: give submit (a function that submits the job) or jobId (the id of a submitted job)');
  if (o['submit'] !== undefined && o['jobId'] !== undefined) throw new TypeError('waitForJob: give submit or jobId, not both');
  if (o['jobId'] !== undefined && (typeof o['jobId'] !== 'string' || o['jobId'] === ''))
    throw new TypeError(`waitForJob: jobId must be a non-empty string, got ${kindOf(o['jobId'])}`);
  for (const name of ['submit', 'status', 'results', 'cancel', 'items', 'onProgress']) {
    const required = name === 'status' || name === 'results';
    if ((required || o[name] !== undefined) && typeof o[name] !== 'function')
      throw new TypeError(`waitForJob: ${name} must be a function, got ${kindOf(o[name])}`);
  }
  const signal = o['signal'];
  if (signal !== undefined && !isAbortSignal(signal))
    throw new TypeError(`waitForJob: signal must be an AbortSignal, got ${kindOf(signal)}`);
  if (o['timeoutMs'] !== undefined) checkMs('timeoutMs', o['timeoutMs'], 1);
  const pollGiven = o['poll'] ?? {};
  if (!isObject(pollGiven)) throw new TypeError(`waitForJob: poll must be an object, got ${kindOf(pollGiven)}`);
  const pollRead = readOptions(pollGiven, ['initialDelayMs', 'maxDelayMs', 'factor'], 'waitForJob: poll');
  const poll = { ...DEFAULT_POLL, ...definedOnly(pollRead) } as Required<JobPollSettings>;
  checkMs('poll.initialDelayMs', poll.initialDelayMs, 0);
  checkMs('poll.maxDelayMs', poll.maxDelayMs, poll.initialDelayMs);
  if (typeof poll.factor !== 'number' || !Number.isFinite(poll.factor) || poll.factor < 1)
    throw new RangeError(`waitForJob: poll.factor must be a number of at least 1, got ${kindOf(poll.factor)}`);
  return { options: o as T, poll };
}

function isAbortSignal(value: unknown): boolean {
  try {
    return isObject(value) && typeof value['aborted'] === 'boolean' && typeof value['addEventListener'] === 'function';
  } catch {
    return false;
  }
}

function checkMs(name: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > MAX_TIMER_MS)
    throw new RangeError(`waitForJob: ${name} must be a number of milliseconds from ${min} to ${MAX_TIMER_MS}, got ${kindOf(value)}`);
}

function definedOnly(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** A value's kind for messages; a number's or boolean's value, never a string's (it could be a secret). */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (typeof value === 'object') return 'an object';
  return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
}
