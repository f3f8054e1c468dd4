/** Analytics details jobs: submit, status, results by cursor, cancel, settings (options, control endpoint, CLI). */
import { parseCliArgs } from '../src/cli.js';
import { Jobs } from '../src/jobs.js';
import { startMockServer, type MockServer } from '../src/index.js';
import { clientToken, raw, type RawAnswer } from './helpers.js';

const CONVERSATIONS = '/api/v2/analytics/conversations/details/jobs';
const USERS = '/api/v2/analytics/users/details/jobs';
const QUERY = JSON.stringify({ interval: '2026-01-01T00:00:00.000Z/2026-01-02T00:00:00.000Z' });

let mock: MockServer;
let token: string;

beforeAll(async () => {
  mock = await startMockServer({ seed: 7, jobs: { durationMs: 0 } });
  token = await clientToken(mock);
});
afterAll(() => mock.close());
afterEach(() => mock.jobs.configure({ durationMs: 0, resultCount: 250, outcome: 'FULFILLED' }));

const call = (method: string, path: string, body?: string): Promise<RawAnswer> =>
  raw(mock, method, path, { token, ...(body !== undefined ? { body } : {}) });

async function submit(base = CONVERSATIONS): Promise<string> {
  const answer = await call('POST', base, QUERY);
  expect(answer.status).toBe(202);
  expect(typeof answer.body?.['jobId']).toBe('string');
  return answer.body!['jobId'] as string;
}

/** Every page of a job's results, following the cursor. */
async function allPages(base: string, jobId: string, pageSize?: number): Promise<Record<string, unknown>[]> {
  const pages: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ ...(pageSize ? { pageSize: String(pageSize) } : {}), ...(cursor ? { cursor } : {}) });
    const answer = await call('GET', `${base}/${jobId}/results?${query}`);
    expect(answer.status).toBe(200);
    pages.push(answer.body!);
    cursor = answer.body!['cursor'] as string | undefined;
  } while (cursor !== undefined && pages.length < 100);
  return pages;
}

describe('a conversation details job', () => {
  it('is FULFILLED after its duration and gives every result once, by cursor, 100 a page by default', async () => {
    const jobId = await submit();
    const status = await call('GET', `${CONVERSATIONS}/${jobId}`);
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ state: 'FULFILLED', submissionDate: expect.any(String), completionDate: expect.any(String) });
    const pages = await allPages(CONVERSATIONS, jobId);
    expect(pages.map((p) => (p['conversations'] as unknown[]).length)).toEqual([100, 100, 50]);
    expect(pages.map((p) => 'cursor' in p)).toEqual([true, true, false]);
    const ids = pages.flatMap((p) => (p['conversations'] as { conversationId: string }[]).map((c) => c.conversationId));
    expect(new Set(ids).size).toBe(250);
    expect(pages[0]!['dataAvailabilityDate']).toEqual(expect.any(String));
  });

  it('takes pageSize up to 1000 and refuses more, and refuses a cursor it did not give', async () => {
    mock.jobs.configure({ resultCount: 1200 });
    const jobId = await submit();
    expect((await allPages(CONVERSATIONS, jobId, 1000)).map((p) => (p['conversations'] as unknown[]).length)).toEqual([1000, 200]);
    const tooBig = await call('GET', `${CONVERSATIONS}/${jobId}/results?pageSize=1001`);
    expect(tooBig.status).toBe(400);
    expect(tooBig.body?.['message']).toMatch(/pageSize/);
    const otherJob = await submit();
    const foreignCursor = (await call('GET', `${CONVERSATIONS}/${otherJob}/results`)).body!['cursor'] as string;
    const refused = await call('GET', `${CONVERSATIONS}/${jobId}/results?cursor=${encodeURIComponent(foreignCursor)}`);
    expect(refused.status).toBe(400);
    expect(refused.body?.['message']).toMatch(/cursor/);
  });

  it('gives the same results every time they are read', async () => {
    const jobId = await submit();
    expect(await allPages(CONVERSATIONS, jobId)).toEqual(await allPages(CONVERSATIONS, jobId));
  });

  it('refuses results before it is FULFILLED with a 400 naming the state, and DELETE cancels it', async () => {
    mock.jobs.configure({ durationMs: 60_000 });
    const jobId = await submit();
    expect((await call('GET', `${CONVERSATIONS}/${jobId}`)).body?.['state']).toBe('QUEUED');
    const early = await call('GET', `${CONVERSATIONS}/${jobId}/results`);
    expect(early.status).toBe(400);
    expect(early.body?.['message']).toMatch(/QUEUED/);
    expect((await call('DELETE', `${CONVERSATIONS}/${jobId}`)).status).toBe(202);
    const status = await call('GET', `${CONVERSATIONS}/${jobId}`);
    expect(status.body).toMatchObject({ state: 'CANCELLED', completionDate: expect.any(String) });
    expect(mock.jobs.list().find((j) => j.jobId === jobId)).toMatchObject({ state: 'CANCELLED', polls: 2, kind: 'conversations' });
  });

  it('ends FAILED with an errorMessage, or EXPIRED, when set so through the control endpoint', async () => {
    const set = await raw(mock, 'POST', '/__mock/jobs', { body: JSON.stringify({ outcome: 'FAILED' }) });
    expect(set).toMatchObject({ status: 200, body: { outcome: 'FAILED', durationMs: 0, resultCount: 250 } });
    const failed = await submit();
    expect((await call('GET', `${CONVERSATIONS}/${failed}`)).body).toMatchObject({ state: 'FAILED', errorMessage: expect.any(String) });
    const results = await call('GET', `${CONVERSATIONS}/${failed}/results`);
    expect(results.status).toBe(400);
    expect(results.body?.['message']).toMatch(/FAILED/);
    await raw(mock, 'POST', '/__mock/jobs', { body: JSON.stringify({ outcome: 'EXPIRED' }) });
    const expired = await submit();
    expect((await call('GET', `${CONVERSATIONS}/${expired}`)).body?.['state']).toBe('EXPIRED');
  });

  it('answers 404 for an unknown job, and for a users job asked for as a conversations job', async () => {
    expect((await call('GET', `${CONVERSATIONS}/no-such-job`)).status).toBe(404);
    expect((await call('GET', `${CONVERSATIONS}/no-such-job/results`)).status).toBe(404);
    expect((await call('DELETE', `${CONVERSATIONS}/no-such-job`)).status).toBe(404);
    const usersJob = await submit(USERS);
    const answer = await call('GET', `${CONVERSATIONS}/${usersJob}`);
    expect(answer.status).toBe(404);
    expect(answer.body?.['message']).toContain(usersJob);
  });
});

describe('a user details job', () => {
  it('pages userDetails, each user once', async () => {
    mock.jobs.configure({ resultCount: 30 });
    const jobId = await submit(USERS);
    const pages = await allPages(USERS, jobId, 25);
    const users = pages.flatMap((p) => p['userDetails'] as { userId: string; primaryPresence: unknown[] }[]);
    expect(pages).toHaveLength(2);
    expect(new Set(users.map((u) => u.userId)).size).toBe(30);
    expect(users[0]!.primaryPresence).toHaveLength(1);
  });
});

describe('job settings', () => {
  it('GET /__mock/jobs lists the jobs with their state and status polls', async () => {
    const jobId = await submit(USERS);
    await call('GET', `${USERS}/${jobId}`);
    const list = await raw(mock, 'GET', '/__mock/jobs');
    expect(list.status).toBe(200);
    const jobs = list.body as unknown as { jobId: string; state: string; polls: number; kind: string }[];
    expect(jobs.find((j) => j.jobId === jobId)).toMatchObject({ state: 'FULFILLED', polls: 1, kind: 'users' });
  });

  it('refuses bad settings with a message naming the setting', async () => {
    const bad = await raw(mock, 'POST', '/__mock/jobs', { body: JSON.stringify({ durationMs: -1 }) });
    expect(bad.status).toBe(400);
    expect(bad.body?.['message']).toMatch(/durationMs must be a whole number/);
    const unknown = await raw(mock, 'POST', '/__mock/jobs', { body: JSON.stringify({ duration: 5 }) });
    expect(unknown.body?.['message']).toMatch(/unknown setting duration/);
    expect(() => mock.jobs.configure({ outcome: 'DONE' as never })).toThrow(/outcome must be one of FULFILLED, FAILED, EXPIRED/);
    await expect(startMockServer({ jobs: { resultCount: 'many' as never } })).rejects.toThrow(
      /startMockServer: jobs\.resultCount must be a whole number/,
    );
    await expect(startMockServer({ jobs: [] as never })).rejects.toThrow(/startMockServer: jobs must be an object/);
  });

  it('takes the settings from the command line', () => {
    expect(parseCliArgs(['--job-duration', '50', '--job-results=7', '--job-outcome', 'failed'])).toMatchObject({
      jobs: { durationMs: 50, resultCount: 7, outcome: 'FAILED' },
    });
    expect(parseCliArgs([])).not.toHaveProperty('jobs');
    expect(() => parseCliArgs(['--job-outcome', 'DONE'])).toThrow(/--job-outcome expects one of FULFILLED, FAILED, EXPIRED/);
    expect(() => parseCliArgs(['--job-duration', '-5'])).toThrow(/--job-duration/);
  });
});

describe('job states over time', () => {
  it('goes QUEUED, PENDING, then the outcome, computed from the submission time', () => {
    let now = 1_000_000;
    const jobs = new Jobs(1, () => now);
    jobs.configure({ durationMs: 1000 });
    const { jobId } = jobs.submit('conversations').body as { jobId: string };
    const state = () => (jobs.status('conversations', jobId).body as { state: string }).state;
    expect(state()).toBe('QUEUED');
    now += 300;
    expect(state()).toBe('PENDING');
    now += 699;
    expect(state()).toBe('PENDING');
    now += 1;
    expect(state()).toBe('FULFILLED');
    expect(jobs.list()[0]).toMatchObject({ jobId, polls: 4, state: 'FULFILLED' });
  });

  it('applies new settings to jobs submitted afterwards only', () => {
    let now = 0;
    const jobs = new Jobs(1, () => now);
    jobs.configure({ durationMs: 10, outcome: 'FAILED' });
    jobs.submit('users');
    jobs.configure({ outcome: 'FULFILLED' });
    jobs.submit('users');
    now = 10;
    expect(jobs.list().map((j) => j.state)).toEqual(['FAILED', 'FULFILLED']);
  });
});
