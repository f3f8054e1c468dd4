/**
 * Analytics details jobs (conversations and users): submit, poll, page the results by cursor,
 * cancel. A job's state is computed from its submission time rather than moved on by timers, so a
 * closed server leaves nothing running: QUEUED for the first quarter of `durationMs`, PENDING for
 * the rest, then the configured outcome.
 */
import type { Handler, ResourceResult } from './resources.js';
import { hashSeed, rng, uuid } from './synth.js';

export type JobOutcome = 'FULFILLED' | 'FAILED' | 'EXPIRED';
export type JobState = 'QUEUED' | 'PENDING' | JobOutcome | 'CANCELLED';
export type JobKind = 'conversations' | 'users';

export interface JobSettings {
  /** From submission to the outcome, in milliseconds (default 2000). */
  durationMs: number;
  /** Items a fulfilled job has (default 250). */
  resultCount: number;
  /** How a job ends (default FULFILLED). */
  outcome: JobOutcome;
}

export interface JobInfo {
  jobId: string;
  kind: JobKind;
  state: JobState;
  /** Status requests (`GET …/jobs/{jobId}`) answered for this job. */
  polls: number;
  submissionDate: string;
  settings: JobSettings;
}

export const DEFAULT_JOB_SETTINGS: Readonly<JobSettings> = { durationMs: 2000, resultCount: 250, outcome: 'FULFILLED' };
export const JOB_OUTCOMES: readonly JobOutcome[] = ['FULFILLED', 'FAILED', 'EXPIRED'];
export const MAX_JOB_DURATION_MS = 24 * 3600 * 1000;
export const MAX_JOB_RESULTS = 1_000_000;
/** Jobs remembered; the oldest is forgotten past this (memory is not a test's subject). */
const MAX_JOBS = 1000;
const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 1000;
/** How long a finished job's results stay available, as the service says in `expirationDate`. */
const RESULTS_LIFETIME_MS = 24 * 3600 * 1000;
const TERMINAL: ReadonlySet<JobState> = new Set(['FULFILLED', 'FAILED', 'EXPIRED', 'CANCELLED']);

const KEYS = ['durationMs', 'resultCount', 'outcome'];

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 100 ? `${v.slice(0, 100)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  return Array.isArray(v) ? 'a list' : typeof v;
}

/**
 * Checks job settings (all optional) and returns the given ones; `where` prefixes the messages
 * (`startMockServer: jobs`, `POST /__mock/jobs`).
 */
export function checkJobSettings(value: unknown, where: string): Partial<JobSettings> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`${where} must be an object { durationMs?, resultCount?, outcome? }, got ${show(value)}`);
  const v = value as Record<string, unknown>;
  const unknown = Object.keys(v).filter((k) => !KEYS.includes(k));
  if (unknown.length) throw new Error(`${where}: unknown setting ${unknown[0]} (known: ${KEYS.join(', ')})`);
  const settings: Partial<JobSettings> = {};
  const whole = (key: 'durationMs' | 'resultCount', max: number) => {
    const n = v[key];
    if (n === undefined) return;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > max)
      throw new Error(`${where}.${key} must be a whole number from 0 to ${max}, got ${show(n)}`);
    settings[key] = n;
  };
  whole('durationMs', MAX_JOB_DURATION_MS);
  whole('resultCount', MAX_JOB_RESULTS);
  if (v['outcome'] !== undefined) {
    if (!JOB_OUTCOMES.includes(v['outcome'] as JobOutcome))
      throw new Error(`${where}.outcome must be one of ${JOB_OUTCOMES.join(', ')}, got ${show(v['outcome'])}`);
    settings.outcome = v['outcome'] as JobOutcome;
  }
  return settings;
}

interface Job {
  id: string;
  kind: JobKind;
  submittedAt: number;
  settings: JobSettings;
  polls: number;
  cancelledAt?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class Jobs {
  private settings: JobSettings = { ...DEFAULT_JOB_SETTINGS };
  private readonly jobs = new Map<string, Job>();
  private readonly ids: () => number;

  constructor(
    private readonly seed: number,
    private readonly now: () => number = Date.now,
  ) {
    this.ids = rng(hashSeed(seed, 'jobs'));
  }

  /** Changes the settings of jobs submitted from now on; returns the settings in force. */
  configure(settings: Partial<JobSettings>): JobSettings {
    this.settings = { ...this.settings, ...checkJobSettings(settings, 'jobs.configure') };
    return { ...this.settings };
  }

  /** Every job remembered, oldest first, with its state now. */
  list(): JobInfo[] {
    return [...this.jobs.values()].map((job) => ({
      jobId: job.id,
      kind: job.kind,
      state: this.stateOf(job),
      polls: job.polls,
      submissionDate: iso(job.submittedAt),
      settings: { ...job.settings },
    }));
  }

  submit(kind: JobKind): ResourceResult {
    const job: Job = { id: uuid(this.ids), kind, submittedAt: this.now(), settings: { ...this.settings }, polls: 0 };
    this.jobs.set(job.id, job);
    if (this.jobs.size > MAX_JOBS) this.jobs.delete(this.jobs.keys().next().value!);
    return { status: 202, body: { jobId: job.id } };
  }

  status(kind: JobKind, jobId: string): ResourceResult {
    const job = this.find(kind, jobId);
    if (!job) return notFound(jobId);
    job.polls++;
    const state = this.stateOf(job);
    const endedAt = this.endOf(job);
    return {
      status: 200,
      body: {
        state,
        ...(state === 'FAILED' ? { errorMessage: 'The query failed: the mock server was set to fail this job' } : {}),
        submissionDate: iso(job.submittedAt),
        ...(TERMINAL.has(state) ? { completionDate: iso(endedAt) } : {}),
        ...(state === 'FULFILLED' ? { expirationDate: iso(endedAt + RESULTS_LIFETIME_MS) } : {}),
      },
    };
  }

  results(kind: JobKind, jobId: string, query: URLSearchParams): ResourceResult {
    const job = this.find(kind, jobId);
    if (!job) return notFound(jobId);
    const state = this.stateOf(job);
    if (state !== 'FULFILLED')
      return badRequest(
        `Results of job ${jobId} are not available: the job is ${state}, and results are only available once it is FULFILLED`,
      );
    const sizeText = query.get('pageSize');
    const pageSize = sizeText === null ? DEFAULT_PAGE_SIZE : Number(sizeText);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE)
      return badRequest(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${JSON.stringify(sizeText)}`);
    const cursor = query.get('cursor');
    const start = cursor === null ? 0 : this.offsetOf(job, cursor);
    if (start === undefined) return badRequest(`The cursor is not one this job's results gave`);
    const end = Math.min(start + pageSize, job.settings.resultCount);
    const items = Array.from({ length: end - start }, (_, i) => this.item(job, start + i));
    return {
      status: 200,
      body: {
        [kind === 'conversations' ? 'conversations' : 'userDetails']: items,
        ...(end < job.settings.resultCount ? { cursor: this.cursorOf(job, end) } : {}),
        dataAvailabilityDate: iso(job.submittedAt),
      },
    };
  }

  cancel(kind: JobKind, jobId: string): ResourceResult {
    const job = this.find(kind, jobId);
    if (!job) return notFound(jobId);
    job.cancelledAt ??= this.now();
    return { status: 202 };
  }

  /** The REST handlers, by `METHOD template`, for resources.ts. */
  static handlers(): Record<string, Handler> {
    const handlers: Record<string, Handler> = {};
    for (const kind of ['conversations', 'users'] as const) {
      const base = `/api/v2/analytics/${kind}/details/jobs`;
      handlers[`POST ${base}`] = (s) => s.jobs.submit(kind);
      handlers[`GET ${base}/{jobId}`] = (s, r) => s.jobs.status(kind, r.params['jobId']!);
      handlers[`DELETE ${base}/{jobId}`] = (s, r) => s.jobs.cancel(kind, r.params['jobId']!);
      handlers[`GET ${base}/{jobId}/results`] = (s, r) => s.jobs.results(kind, r.params['jobId']!, r.query);
    }
    return handlers;
  }

  private find(kind: JobKind, jobId: string): Job | undefined {
    const job = this.jobs.get(jobId);
    return job?.kind === kind ? job : undefined;
  }

  private stateOf(job: Job): JobState {
    if (job.cancelledAt !== undefined) return 'CANCELLED';
    const elapsed = this.now() - job.submittedAt;
    if (elapsed >= job.settings.durationMs) return job.settings.outcome;
    return elapsed < job.settings.durationMs / 4 ? 'QUEUED' : 'PENDING';
  }

  private endOf(job: Job): number {
    return Math.min(job.cancelledAt ?? Infinity, job.submittedAt + job.settings.durationMs);
  }

  /** Opaque to clients; tied to the job so that another job's cursor is refused. */
  private cursorOf(job: Job, offset: number): string {
    return Buffer.from(`${job.id}:${offset}`).toString('base64url');
  }

  private offsetOf(job: Job, cursor: string): number | undefined {
    const [id, offsetText] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
    const offset = Number(offsetText);
    return id === job.id && Number.isInteger(offset) && offset > 0 && offset < job.settings.resultCount ? offset : undefined;
  }

  /** Result item `index` of a job: the same every time, distinct from every other item. */
  private item(job: Job, index: number): Record<string, unknown> {
    const random = rng(hashSeed(this.seed, `${job.id}/${index}`));
    const start = job.submittedAt - 86_400_000 + index * 60_000;
    const end = start + 30_000 + Math.floor(random() * 600_000);
    if (job.kind === 'users') {
      return {
        userId: uuid(random),
        primaryPresence: [{ startTime: iso(start), endTime: iso(end), systemPresence: random() < 0.5 ? 'AVAILABLE' : 'BUSY' }],
        routingStatus: [{ startTime: iso(start), endTime: iso(end), routingStatus: random() < 0.5 ? 'IDLE' : 'INTERACTING' }],
      };
    }
    return {
      conversationId: uuid(random),
      conversationStart: iso(start),
      conversationEnd: iso(end),
      originatingDirection: random() < 0.5 ? 'inbound' : 'outbound',
      divisionIds: ['00000000-0000-4000-a000-000000000d10'],
      participants: [
        { participantId: uuid(random), purpose: 'customer', participantName: `Customer ${index + 1}` },
        { participantId: uuid(random), purpose: 'agent', userId: uuid(random), participantName: `Agent ${(index % 7) + 1}` },
      ],
    };
  }
}

function notFound(jobId: string): ResourceResult {
  return { status: 404, body: { message: `Job ${jobId} not found`, code: 'not.found' } };
}

function badRequest(message: string): ResourceResult {
  return { status: 400, body: { message, code: 'bad.request' } };
}
