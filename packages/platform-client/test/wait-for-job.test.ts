/**
 * waitForJob end to end: the umbrella's AnalyticsApi, a client-credentials login and the mock
 * server's analytics details jobs (short durations), through the built core and mock server.
 */
import platformClient, {
  AbortError,
  JobFailedError,
  JobTimeoutError,
  waitForConversationDetailsJob,
  waitForJob,
  waitForUserDetailsJob,
  type JobProgress,
} from '@gcsdk/platform-client';
import { startMockServer, type MockServer } from '@gcsdk/mock-server';

const INTERVAL = '2026-01-01T00:00:00.000Z/2026-01-02T00:00:00.000Z';
const POLL = { initialDelayMs: 20, maxDelayMs: 60, factor: 1.5 };

let mock: MockServer;
const client = new platformClient.ApiClientClass({ readConfigFile: false });
const analytics = new platformClient.AnalyticsApi(client);

beforeAll(async () => {
  mock = await startMockServer({ jobs: { durationMs: 150, resultCount: 250 } });
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: mock.port });
  await client.loginClientCredentialsGrant('demo-client', 'demo-secret');
});
afterAll(async () => {
  client.close();
  await mock?.close();
});
afterEach(() => mock.jobs.configure({ durationMs: 150, resultCount: 250, outcome: 'FULFILLED' }));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of iterable) all.push(item);
  return all;
}

const mockJob = (jobId: string | undefined) => mock.jobs.list().find((job) => job.jobId === jobId);

it('waits for a conversation details job and reads every conversation, page by page', async () => {
  const progress: JobProgress[] = [];
  const job = await waitForConversationDetailsJob(
    analytics,
    { interval: INTERVAL },
    { poll: POLL, pageSize: 100, onProgress: (p) => progress.push(p) },
  );
  expect(job.status.state).toBe('FULFILLED');
  expect(progress.at(-1)).toMatchObject({ jobId: job.jobId, state: 'FULFILLED' });
  expect(progress.length).toBeGreaterThan(1);
  expect(mockJob(job.jobId)).toMatchObject({ state: 'FULFILLED', polls: progress.length });

  const pages = await collect(job.results.byPage());
  expect(pages.map((page) => page.conversations?.length)).toEqual([100, 100, 50]);
  const conversations = await collect(job.results);
  expect(conversations).toHaveLength(250);
  expect(new Set(conversations.map((c) => c.conversationId)).size).toBe(250);
});

it('waits for a user details job, and the generic form does the same for a job already submitted', async () => {
  mock.jobs.configure({ resultCount: 30 });
  const job = await waitForUserDetailsJob(analytics, { interval: INTERVAL }, { poll: POLL, pageSize: 25 });
  const users = await collect(job.results);
  expect(users).toHaveLength(30);
  expect(new Set(users.map((u) => u.userId)).size).toBe(30);

  const again = await waitForJob({
    jobId: job.jobId,
    status: (jobId, signal) => analytics.getAnalyticsUsersDetailsJob(jobId, { signal }),
    results: (jobId, cursor, signal) => analytics.getAnalyticsUsersDetailsJobResults(jobId, { cursor, pageSize: 7, signal }),
    items: (page) => page.userDetails ?? [],
    poll: POLL,
  });
  expect((await collect(again.results.byPage())).map((page) => page.userDetails?.length)).toEqual([7, 7, 7, 7, 2]);
});

it('rejects with a JobFailedError when the job fails', async () => {
  mock.jobs.configure({ outcome: 'FAILED', durationMs: 50 });
  const error = (await waitForConversationDetailsJob(analytics, { interval: INTERVAL }, { poll: POLL }).catch(
    (e: unknown) => e,
  )) as JobFailedError;
  expect(error).toBeInstanceOf(JobFailedError);
  expect(error.state).toBe('FAILED');
  expect(error.errorMessage).toMatch(/failed/);
  expect(error.message).toContain(error.jobId);
  expect(mockJob(error.jobId)?.state).toBe('FAILED');
});

it('cancels the job on the service when the signal aborts', async () => {
  mock.jobs.configure({ durationMs: 60_000 });
  const controller = new AbortController();
  let jobId: string | undefined;
  const waiting = waitForConversationDetailsJob(
    analytics,
    { interval: INTERVAL },
    {
      poll: POLL,
      signal: controller.signal,
      onProgress: (p) => {
        jobId = p.jobId;
        if (p.attempt === 2) controller.abort();
      },
    },
  );
  await expect(waiting).rejects.toBeInstanceOf(AbortError);
  expect(mockJob(jobId)).toMatchObject({ state: 'CANCELLED', polls: 2 });
});

it('rejects with a JobTimeoutError and cancels the job when it takes too long', async () => {
  mock.jobs.configure({ durationMs: 60_000 });
  const error = (await waitForUserDetailsJob(analytics, { interval: INTERVAL }, { poll: POLL, timeoutMs: 200 }).catch(
    (e: unknown) => e,
  )) as JobTimeoutError;
  expect(error).toBeInstanceOf(JobTimeoutError);
  expect(error.state).toMatch(/^(QUEUED|PENDING)$/);
  expect(error.elapsedMs).toBeGreaterThanOrEqual(190);
  expect(error.cause).toBeUndefined();
  expect(mockJob(error.jobId)?.state).toBe('CANCELLED');
});
