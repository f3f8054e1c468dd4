/** The notifications example end to end, as `npm start` runs it in this folder: against the embedded mock server. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

it('subscribes to the user’s presence, changes it through the API and prints the event', () => {
  const env = { ...process.env };
  for (const key of ['GENESYS_CLOUD_REGION', 'GENESYS_CLOUD_ACCESS_TOKEN']) delete env[key];
  const output = execFileSync(process.execPath, ['--import', 'tsx', join(__dirname, '../src/main.ts')], {
    env,
    cwd: join(__dirname, '..'),
    timeout: 60_000,
  }).toString();
  const lines = output.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^Target: embedded mock server at http:\/\/127\.0\.0\.1:\d+/);
  expect(lines).toContain('Signed in as Demo User (00000000-0000-4000-a000-000000000001)');
  expect(lines).toContain('Notifications: open');
  expect(lines).toContain('Subscribed to v2.users.00000000-0000-4000-a000-000000000001.presence');
  expect(lines).toContain('Changing presence from Available to Busy');
  expect(lines).toContain('Event v2.users.00000000-0000-4000-a000-000000000001.presence: presence is now Busy');
  expect(lines.at(-1)).toBe('Notifications: closed');
}, 90_000);
