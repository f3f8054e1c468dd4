/** `npm run client-credentials` against the embedded mock server. */
import { MOCK_TARGET, run, VALID_UNTIL } from './run.js';

it('logs in as the OAuth client, reads tokens/me and counts the users', async () => {
  const { status, lines, stderr } = await run('client-credentials.ts');
  expect(stderr).toBe('');
  expect(status).toBe(0);
  expect(lines).toHaveLength(4);
  expect(lines[0]).toMatch(MOCK_TARGET);
  expect(lines[1]).toMatch(new RegExp(`^Logged in with client credentials \\(token ${VALID_UNTIL}\\)$`));
  expect(lines.slice(2)).toEqual([
    'tokens/me: OAuth client "Demo client" of organization "Mock Organization"',
    'The organization has 57 users',
  ]);
}, 30_000);
