import { GcsdkError } from '../errors.js';

/** The states a job ends in without results. */
export type JobEndState = 'FAILED' | 'CANCELLED' | 'EXPIRED';

/** The job ended without results: FAILED, CANCELLED (by someone else) or EXPIRED. */
export class JobFailedError extends GcsdkError {
  static readonly brand = 'JobFailedError';
  readonly jobId: string;
  readonly state: JobEndState;
  /** The service's `errorMessage` for the job, where it gave one. */
  readonly errorMessage: string | undefined;

  constructor(init: { jobId: string; state: JobEndState; errorMessage?: string | undefined }) {
    super(`Job ${init.jobId} ended ${init.state}${init.errorMessage ? `: ${init.errorMessage}` : ''}`);
    this.jobId = init.jobId;
    this.state = init.state;
    this.errorMessage = init.errorMessage;
  }
}

/**
 * The job did not finish within `timeoutMs`. waitForJob asked the service to cancel it; when that
 * failed, the cancel's error is the `cause`.
 */
export class JobTimeoutError extends GcsdkError {
  static readonly brand = 'JobTimeoutError';
  /** The job's id; undefined when the submission itself did not answer in time. */
  readonly jobId: string | undefined;
  /** The state last seen (undefined before the first status). */
  readonly state: string | undefined;
  readonly elapsedMs: number;

  constructor(init: {
    jobId: string | undefined;
    state: string | undefined;
    elapsedMs: number;
    timeoutMs: number;
    cancelSent: boolean;
    cause?: unknown;
  }) {
    const job = init.jobId === undefined ? 'The job submission' : `Job ${init.jobId}`;
    const seen = init.state === undefined ? '' : ` (last seen ${init.state})`;
    super(
      `${job} did not finish within ${init.timeoutMs} ms${seen}${init.cancelSent ? '; a cancel was sent' : ''}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.jobId = init.jobId;
    this.state = init.state;
    this.elapsedMs = init.elapsedMs;
  }
}
