/** The quick start end to end, as `npm start` runs it: against the embedded mock server, with its summary. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

it('runs against the embedded mock server and prints the summary', () => {
  const env = { ...process.env };
  for (const key of ['GENESYS_CLOUD_CLIENT_ID', 'GENESYS_CLOUD_CLIENT_SECRET', 'GENESYS_CLOUD_REGION']) delete env[key];
  const output = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, '../src/main.ts')], {
    env,
    cwd: join(__dirname, '..'),
    timeout: 60_000,
  }).toString();
  expect(output).toMatch(/^Target: embedded mock server at http:\/\/127\.0\.0\.1:\d+/);
  expect(output).toContain('Logged in with client credentials');
  expect(output).toContain('users/me: Demo User <demo.user@example.com>');
  expect(output).toContain('Users: 57 in 3 pages');
  expect(output).toMatch(/Created routing queue gcsdk-quickstart-\d+/);
  expect(output).toContain('Queue members: 3 (after 1 rate-limited attempt, retried)');
  expect(output).toMatch(/Summary\n {2}target {16}embedded mock server/);
  expect(output).toContain('429s survived         1');
  expect(output).toContain('cleaned up            yes');
}, 90_000);
