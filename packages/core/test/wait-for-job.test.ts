/** waitForJob and its analytics presets, with fake submit/status/results/cancel functions and tiny poll delays. */
import {
  AbortError,
  GcsdkError,
  JobFailedError,
  JobTimeoutError,
  PaginationError,
  waitForConversationDetailsJob,
  waitForJob,
  waitForUserDetailsJob,
  type JobProgress,
  type UserDetailsJobsApi,
  type WaitForJobOptions,
} from '../src/index.js';
import type * as Reference from 'purecloud-platform-client-v2';

interface Status {
  state: string;
  errorMessage?: string;
}
interface Page {
  conversations?: { conversationId: string }[];
  cursor?: string;
}

const FAST = { initialDelayMs: 1, maxDelayMs: 2, factor: 1.5 };

/** Three pages of conversations, c1..c5, linked by cursor. */
const PAGES: Record<string, Page> = {
  first: { conversations: [{ conversationId: 'c1' }, { conversationId: 'c2' }], cursor: 'p2' },
  p2: { conversations: [{ conversationId: 'c3' }, { conversationId: 'c4' }], cursor: 'p3' },
  p3: { conversations: [{ conversationId: 'c5' }] },
};

/** A fake job: the status answers `states` in turn (the last one from then on). */
function fakeJob(states: (string | Status)[]) {
  let polls = 0;
  const calls = {
    submit: jest.fn(async (_signal: AbortSignal) => ({ jobId: 'job-1' })),
    status: jest.fn(async (_jobId: string, _signal: AbortSignal): Promise<Status> => {
      const next = states[Math.min(polls++, states.length - 1)]!;
      return typeof next === 'string' ? { state: next } : next;
    }),
    results: jest.fn(
      async (_jobId: string, cursor: string | undefined, _signal: AbortSignal | undefined, _size?: number) => PAGES[cursor ?? 'first']!,
    ),
    cancel: jest.fn(async (_jobId: string, _signal: AbortSignal) => undefined),
  };
  return calls;
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of iterable) all.push(item);
  return all;
}

describe('a job that is FULFILLED', () => {
  it('resolves with the job id, the final status and every item of every page, by cursor', async () => {
    const fake = fakeJob(['QUEUED', 'PENDING', 'FULFILLED']);
    const job = await waitForJob({ ...fake, poll: FAST });
    expect(job.jobId).toBe('job-1');
    expect(job.status).toEqual({ state: 'FULFILLED' });
    expect(fake.status).toHaveBeenCalledTimes(3);
    expect(fake.status.mock.calls.map((c) => c[0])).toEqual(['job-1', 'job-1', 'job-1']);
    expect((await collect(job.results)).map((c) => c.conversationId)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(fake.results.mock.calls.map((c) => [c[0], c[1]])).toEqual([
      ['job-1', undefined],
      ['job-1', 'p2'],
      ['job-1', 'p3'],
    ]);
    expect(fake.cancel).not.toHaveBeenCalled();
  });

  it('gives the pages as the service sent them with byPage, and passes maxPageSize as the page size', async () => {
    const fake = fakeJob(['FULFILLED']);
    const job = await waitForJob({ ...fake, poll: FAST });
    expect(await collect(job.results.byPage({ maxPageSize: 2 }))).toEqual([PAGES['first'], PAGES['p2'], PAGES['p3']]);
    expect(fake.results.mock.calls.map((c) => c[3])).toEqual([2, 2, 2]);
  });

  it('reports progress after every status request, states in order', async () => {
    const fake = fakeJob(['QUEUED', 'QUEUED', 'PENDING', 'FULFILLED']);
    const progress: JobProgress[] = [];
    await waitForJob({ ...fake, poll: FAST, onProgress: (p) => progress.push(p) });
    expect(progress.map(({ jobId, state, attempt }) => ({ jobId, state, attempt }))).toEqual([
      { jobId: 'job-1', state: 'QUEUED', attempt: 1 },
      { jobId: 'job-1', state: 'QUEUED', attempt: 2 },
      { jobId: 'job-1', state: 'PENDING', attempt: 3 },
      { jobId: 'job-1', state: 'FULFILLED', attempt: 4 },
    ]);
    const elapsed = progress.map((p) => p.elapsedMs);
    expect(elapsed).toEqual([...elapsed].sort((a, b) => a - b));
    expect(elapsed[0]).toBeGreaterThanOrEqual(0);
  });

  it('waits for a job already submitted when given its jobId', async () => {
    const { status, results } = fakeJob(['FULFILLED']);
    const job = await waitForJob({ jobId: 'existing', status, results, poll: FAST });
    expect(job.jobId).toBe('existing');
    expect(status.mock.calls[0]![0]).toBe('existing');
  });

  it('picks the items with options.items', async () => {
    const { status } = fakeJob(['FULFILLED']);
    const pages: Record<string, { rows: number[]; cursor?: string }> = { first: { rows: [1, 2], cursor: 'b' }, b: { rows: [3] } };
    const job = await waitForJob({
      jobId: 'j',
      status,
      results: async (_id, cursor) => pages[cursor ?? 'first']!,
      items: (page) => page.rows,
    });
    const items: number[] = await collect(job.results);
    expect(items).toEqual([1, 2, 3]);
  });

  it('rejects with a PaginationError when the service hands back the same cursor again', async () => {
    const { status } = fakeJob(['FULFILLED']);
    let n = 0;
    const job = await waitForJob({
      jobId: 'j',
      status,
      results: async () => ({ conversations: [{ conversationId: `c${n++}` }], cursor: 'same' }),
    });
    await expect(collect(job.results)).rejects.toBeInstanceOf(PaginationError);
  });

  it('backs off from initialDelayMs to maxDelayMs, with jitter of at most half a step', async () => {
    const delays: number[] = [];
    const realSetTimeout = global.setTimeout;
    const spy = jest.spyOn(global, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      return realSetTimeout(fn, 0);
    }) as typeof setTimeout);
    const random = jest.spyOn(Math, 'random');
    try {
      random.mockReturnValue(0.999999);
      await waitForJob({
        ...fakeJob(['PENDING', 'PENDING', 'PENDING', 'PENDING', 'PENDING', 'FULFILLED']),
        poll: { initialDelayMs: 100, maxDelayMs: 400, factor: 2 },
      });
      expect(delays).toEqual([100, 200, 400, 400, 400]);
      delays.length = 0;
      random.mockReturnValue(0);
      await waitForJob({
        ...fakeJob(['PENDING', 'PENDING', 'PENDING', 'FULFILLED']),
        poll: { initialDelayMs: 100, maxDelayMs: 400, factor: 2 },
      });
      expect(delays).toEqual([100, 100, 200]);
    } finally {
      spy.mockRestore();
      random.mockRestore();
    }
  });
});

describe('a job that ends without results', () => {
  it.each(['FAILED', 'CANCELLED', 'EXPIRED'])('rejects with a JobFailedError when it ends %s', async (state) => {
    const fake = fakeJob(['QUEUED', { state, ...(state === 'FAILED' ? { errorMessage: 'Query too large' } : {}) }]);
    const error = (await waitForJob({ ...fake, poll: FAST }).catch((e: unknown) => e)) as JobFailedError;
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toBeInstanceOf(GcsdkError);
    expect(error).toMatchObject({ name: 'JobFailedError', jobId: 'job-1', state });
    expect(error.message).toContain('job-1');
    expect(error.message).toContain(state);
    expect(error.errorMessage).toBe(state === 'FAILED' ? 'Query too large' : undefined);
    if (state === 'FAILED') expect(error.message).toContain('Query too large');
    expect(fake.results).not.toHaveBeenCalled();
    expect(fake.cancel).not.toHaveBeenCalled();
  });

  it("passes the status request's own error through, without cancelling", async () => {
    const fake = fakeJob(['PENDING']);
    const failure = new Error('403 Forbidden');
    fake.status.mockRejectedValueOnce(failure);
    await expect(waitForJob({ ...fake, poll: FAST })).rejects.toBe(failure);
    expect(fake.cancel).not.toHaveBeenCalled();
  });

  it('rejects with a clear error when the status has no state or submit gives no jobId', async () => {
    const fake = fakeJob(['PENDING']);
    fake.status.mockResolvedValueOnce({} as Status);
    await expect(waitForJob({ ...fake, poll: FAST })).rejects.toThrow('waitForJob: the status of job job-1 has no state');
    fake.submit.mockResolvedValueOnce({} as { jobId: string });
    await expect(waitForJob({ ...fake, poll: FAST })).rejects.toThrow('waitForJob: submit resolved with an object without a jobId');
  });
});

describe('timeoutMs', () => {
  it('rejects with a JobTimeoutError naming the last state, aborts the pending request and cancels the job', async () => {
    const fake = fakeJob(['PENDING']);
    const error = (await waitForJob({ ...fake, timeoutMs: 30, poll: FAST }).catch((e: unknown) => e)) as JobTimeoutError;
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect(error).toMatchObject({ jobId: 'job-1', state: 'PENDING' });
    expect(error.elapsedMs).toBeGreaterThanOrEqual(29);
    expect(error.message).toMatch(/Job job-1 did not finish within 30 ms \(last seen PENDING\)/);
    expect(error.cause).toBeUndefined();
    expect(fake.cancel).toHaveBeenCalledTimes(1);
    expect(fake.cancel.mock.calls[0]![0]).toBe('job-1');
    expect(fake.status.mock.calls.at(-1)![1].aborted).toBe(true);
  });

  it('keeps a failing cancel as the cause, never throwing it instead', async () => {
    const fake = fakeJob(['QUEUED']);
    fake.cancel.mockRejectedValue(new Error('cancel refused'));
    const error = (await waitForJob({ ...fake, timeoutMs: 20, poll: FAST }).catch((e: unknown) => e)) as JobTimeoutError;
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect((error.cause as Error).message).toBe('cancel refused');
  });

  it('says no cancel was sent when there is no cancel function', async () => {
    const { submit, status, results } = fakeJob(['PENDING']);
    const error = (await waitForJob({ submit, status, results, timeoutMs: 20, poll: FAST }).catch((e: unknown) => e)) as JobTimeoutError;
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect(error.message).toBe(`Job job-1 did not finish within 20 ms (last seen PENDING)`);
  });

  it('stops a status request that never answers', async () => {
    const fake = fakeJob(['PENDING']);
    fake.status.mockImplementation(() => new Promise<Status>(() => undefined));
    await expect(waitForJob({ ...fake, timeoutMs: 20 })).rejects.toBeInstanceOf(JobTimeoutError);
    expect(fake.cancel).toHaveBeenCalledWith('job-1', expect.anything());
  });
});

describe('signal', () => {
  it('aborts the pending status request, cancels the job and polls no more', async () => {
    const fake = fakeJob(['PENDING']);
    let secondStarted!: () => void;
    const second = new Promise<void>((resolve) => (secondStarted = resolve));
    // The second status request answers only when its signal aborts, as the client's requests do.
    fake.status.mockImplementation(async (_jobId, signal) => {
      if (fake.status.mock.calls.length === 1) return { state: 'PENDING' };
      secondStarted();
      return new Promise<Status>((_resolve, reject) => signal.addEventListener('abort', () => reject(new AbortError('aborted'))));
    });
    const controller = new AbortController();
    const waiting = waitForJob({ ...fake, signal: controller.signal, poll: FAST });
    await second;
    controller.abort();
    const error = (await waiting.catch((e: unknown) => e)) as AbortError;
    expect(error).toBeInstanceOf(AbortError);
    expect(error.message).toBe('waitForJob was aborted while waiting for job job-1; a cancel was sent');
    expect(fake.status).toHaveBeenCalledTimes(2);
    expect(fake.status.mock.calls[1]![1].aborted).toBe(true);
    expect(fake.cancel).toHaveBeenCalledTimes(1);
    const polls = fake.status.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.status.mock.calls.length).toBe(polls);
  });

  it('sends nothing when the signal is already aborted', async () => {
    const fake = fakeJob(['FULFILLED']);
    const controller = new AbortController();
    controller.abort();
    await expect(waitForJob({ ...fake, signal: controller.signal })).rejects.toBeInstanceOf(AbortError);
    expect(fake.submit).not.toHaveBeenCalled();
    expect(fake.status).not.toHaveBeenCalled();
  });

  it('stops the iteration of the results', async () => {
    const fake = fakeJob(['FULFILLED']);
    const controller = new AbortController();
    const job = await waitForJob({ ...fake, signal: controller.signal });
    const seen: string[] = [];
    const reading = (async () => {
      for await (const conversation of job.results) {
        seen.push(conversation.conversationId);
        if (seen.length === 2) controller.abort();
      }
    })();
    await expect(reading).rejects.toBeInstanceOf(AbortError);
    expect(seen).toEqual(['c1', 'c2']);
    expect(fake.results).toHaveBeenCalledTimes(1);
    expect(fake.results.mock.calls[0]![2]).toBe(controller.signal);
  });
});

describe('bad arguments', () => {
  const { submit, status, results } = fakeJob(['FULFILLED']);
  const cases: [string, unknown, RegExp][] = [
    ['no options', undefined, /options must be an object, got undefined/],
    ['neither submit nor jobId', { status, results }, /give submit .* or jobId/],
    ['both submit and jobId', { submit, jobId: 'j', status, results }, /submit or jobId, not both/],
    ['an empty jobId', { jobId: '', status, results }, /jobId must be a non-empty string/],
    ['a status that is not a function', { submit, status: 'get', results }, /status must be a function, got a string/],
    ['no results', { submit, status }, /results must be a function, got undefined/],
    ['a cancel that is not a function', { submit, status, results, cancel: {} }, /cancel must be a function/],
    ['a negative timeout', { submit, status, results, timeoutMs: -1 }, /timeoutMs must be a number of milliseconds from 1/],
    ['a timeout that is not a number', { submit, status, results, timeoutMs: '10' }, /timeoutMs must be .* got a string/],
    ['a signal that is not a signal', { submit, status, results, signal: {} }, /signal must be an AbortSignal/],
    ['maxDelayMs below initialDelayMs', { submit, status, results, poll: { initialDelayMs: 10, maxDelayMs: 5 } }, /poll.maxDelayMs/],
    ['a factor below 1', { submit, status, results, poll: { factor: 0.5 } }, /poll.factor must be a number of at least 1, got number 0.5/],
  ];
  it.each(cases)('rejects %s with an error naming it, before any request', async (_what, options, message) => {
    await expect(waitForJob(options as WaitForJobOptions<Status, Page, unknown>)).rejects.toThrow(message);
    expect(submit).not.toHaveBeenCalled();
    expect(status).not.toHaveBeenCalled();
  });
});

describe('the analytics presets', () => {
  function fakeAnalyticsApi() {
    const fake = fakeJob(['PENDING', 'FULFILLED']);
    return {
      fake,
      api: {
        postAnalyticsConversationsDetailsJobs: jest.fn((_body: { interval: string }, opts?: { signal?: AbortSignal }) =>
          fake.submit(opts!.signal!),
        ),
        getAnalyticsConversationsDetailsJob: jest.fn((jobId: string, opts?: { signal?: AbortSignal }) => fake.status(jobId, opts!.signal!)),
        getAnalyticsConversationsDetailsJobResults: jest.fn(
          async (jobId: string, opts?: { cursor?: string; pageSize?: number; signal?: AbortSignal }) =>
            fake.results(jobId, opts?.cursor, opts?.signal, opts?.pageSize),
        ),
        deleteAnalyticsConversationsDetailsJob: jest.fn((jobId: string, opts?: { signal?: AbortSignal }) =>
          fake.cancel(jobId, opts!.signal!),
        ),
        postAnalyticsUsersDetailsJobs: jest.fn(async (_body: { interval: string }) => ({ jobId: 'users-1' })),
        getAnalyticsUsersDetailsJob: jest.fn(async (_jobId: string) => ({ state: 'FULFILLED' })),
        getAnalyticsUsersDetailsJobResults: jest.fn(async (_jobId: string, opts?: { cursor?: string }) =>
          opts?.cursor ? { userDetails: [{ userId: 'u2' }] } : { userDetails: [{ userId: 'u1' }], cursor: 'next' },
        ),
        deleteAnalyticsUsersDetailsJob: jest.fn(async (_jobId: string) => undefined),
      },
    };
  }
  const body = { interval: '2026-01-01T00:00:00Z/2026-01-02T00:00:00Z' };

  it('waitForConversationDetailsJob submits the body, polls, and reads the conversations with the page size given', async () => {
    const { api } = fakeAnalyticsApi();
    const job = await waitForConversationDetailsJob(api, body, { poll: FAST, pageSize: 2 });
    expect(api.postAnalyticsConversationsDetailsJobs.mock.calls[0]![0]).toBe(body);
    expect(api.getAnalyticsConversationsDetailsJob).toHaveBeenCalledTimes(2);
    const ids: string[] = [];
    for await (const conversation of job.results) ids.push(conversation.conversationId);
    expect(ids).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(api.getAnalyticsConversationsDetailsJobResults.mock.calls.map((c) => c[1])).toEqual([
      { pageSize: 2 },
      { cursor: 'p2', pageSize: 2 },
      { cursor: 'p3', pageSize: 2 },
    ]);
  });

  it('waitForConversationDetailsJob cancels through deleteAnalyticsConversationsDetailsJob on timeout', async () => {
    const { api, fake } = fakeAnalyticsApi();
    fake.status.mockResolvedValue({ state: 'PENDING' });
    await expect(waitForConversationDetailsJob(api, body, { poll: FAST, timeoutMs: 20 })).rejects.toBeInstanceOf(JobTimeoutError);
    expect(api.deleteAnalyticsConversationsDetailsJob.mock.calls[0]![0]).toBe('job-1');
  });

  it('waitForUserDetailsJob reads the userDetails', async () => {
    const { api } = fakeAnalyticsApi();
    const job = await waitForUserDetailsJob(api, body, { poll: FAST });
    expect((await collect(job.results)).map((u) => u.userId)).toEqual(['u1', 'u2']);
  });

  it('rejects an object that is not an AnalyticsApi, or a bad pageSize, naming what is wrong', async () => {
    await expect(waitForUserDetailsJob({} as UserDetailsJobsApi, body)).rejects.toThrow(
      'waitForUserDetailsJob: analyticsApi must be an AnalyticsApi (it has no postAnalyticsUsersDetailsJobs method)',
    );
    const { api } = fakeAnalyticsApi();
    await expect(waitForConversationDetailsJob(api, body, { pageSize: 0 })).rejects.toThrow(
      'waitForConversationDetailsJob: pageSize must be a positive whole number, got 0',
    );
    expect(api.postAnalyticsConversationsDetailsJobs).not.toHaveBeenCalled();
  });

  it("takes the reference SDK's AnalyticsApi, typing the body and the items from it (checked by the compiler)", () => {
    const readAll = async (api: Reference.AnalyticsApi) => {
      const job = await waitForConversationDetailsJob(api, body);
      const ids: (string | undefined)[] = [];
      for await (const conversation of job.results) ids.push(conversation.conversationId);
      // @ts-expect-error the body is the api's own AsyncUserDetailsQuery: interval is a string
      await waitForUserDetailsJob(api, { interval: 5 });
      return ids;
    };
    expect(typeof readAll).toBe('function');
  });
});
