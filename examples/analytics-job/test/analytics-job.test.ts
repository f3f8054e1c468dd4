/** The job waiter end to end, as `npm start -- …` runs it: against the embedded mock server and its configurable jobs. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

function run(...args: string[]): Promise<{ status: number | null; lines: string[]; stderr: string }> {
  const env = { ...process.env };
  for (const key of ['GENESYS_CLOUD_REGION', 'GENESYS_CLOUD_CLIENT_ID', 'GENESYS_CLOUD_CLIENT_SECRET']) delete env[key];
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', join(__dirname, '../src/main.ts'), ...args],
      { env, cwd: join(__dirname, '..'), timeout: 30_000 },
      (_error, stdout, stderr) => resolve({ status: child.exitCode, lines: stdout.trimEnd().split('\n'), stderr }),
    );
  });
}

const JOB = '[0-9a-f-]{36}';
const progress = (state: string) => new RegExp(`^Job ${JOB}: ${state} \\(status request \\d+, \\d+ ms\\)$`);

it('waits for a job, reads its 1,200 conversations in 2 pages and summarises them', async () => {
  const { status, lines, stderr } = await run(
    '--interval',
    '2026-11-01T00:00:00Z/2026-11-02T00:00:00Z',
    '--mock-duration-ms',
    '500',
    '--mock-results',
    '1200',
  );
  expect(stderr).toBe('');
  expect(status).toBe(0);
  expect(lines[0]).toMatch(/^Target: embedded mock server at http:\/\/127\.0\.0\.1:\d+ /);
  expect(lines[1]).toBe('Submitting a conversation details job for 2026-11-01T00:00:00Z/2026-11-02T00:00:00Z');
  // The first status request goes at once: the job is QUEUED; the last one sees it FULFILLED.
  const polls = lines.filter((line) => line.startsWith('Job '));
  expect(polls[0]).toMatch(progress('QUEUED'));
  expect(polls.at(-1)).toMatch(progress('FULFILLED'));
  for (const poll of polls) expect(poll).toMatch(progress('(QUEUED|PENDING|FULFILLED)'));
  const summary = lines.slice(2 + polls.length);
  expect(summary[0]).toMatch(new RegExp(`^Read 1200 conversations in 2 pages \\(job ${JOB}\\)$`));
  const direction = /^By direction: inbound (\d+), outbound (\d+)$/.exec(summary[1] ?? '');
  expect(direction).not.toBeNull();
  expect(Number(direction![1]) + Number(direction![2])).toBe(1200);
  expect(summary[2]).toMatch(/^Average duration: \d+ min \d+ s$/);
  expect(summary).toHaveLength(3);
}, 30_000);

it('reports a FAILED job in one line and exits 1', async () => {
  const { status, lines, stderr } = await run('--mock-duration-ms', '0', '--mock-outcome', 'FAILED');
  expect(status).toBe(1);
  expect(lines.at(-1)).toMatch(progress('FAILED'));
  expect(stderr).toMatch(
    new RegExp(
      `^analytics-job failed: the job ended FAILED: The query failed: the mock server was set to fail this job \\(job ${JOB}\\)\\n$`,
    ),
  );
}, 30_000);

it('gives up after --timeout-ms, cancels the job, and exits 1', async () => {
  const { status, stderr } = await run('--mock-duration-ms', '60000', '--timeout-ms', '300');
  expect(status).toBe(1);
  expect(stderr).toMatch(
    new RegExp(
      `^analytics-job failed: Job ${JOB} did not finish within 300 ms \\(last seen QUEUED\\); a cancel was sent; raise --timeout-ms to wait longer\\n$`,
    ),
  );
}, 30_000);
