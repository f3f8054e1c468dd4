/** `npm run code-authorization` against the embedded mock server: the web app, signed in by the browser stand-in. */
import { DEMO_USER, MOCK_TARGET, run, VALID_UNTIL } from './run.js';

it('signs in through /login and /callback, reads users/me, renews the token and stops', async () => {
  const { status, lines, stderr } = await run('code-authorization.ts');
  expect(stderr).toBe('');
  expect(status).toBe(0);
  expect(lines[0]).toMatch(MOCK_TARGET);
  expect(lines[1]).toMatch(/^Web app listening at http:\/\/127\.0\.0\.1:(\d+)\/ \(redirect URI http:\/\/127\.0\.0\.1:\1\/callback\)$/);
  expect(lines.slice(2)).toEqual([
    "Browser stand-in: signing in on the mock's login page (/oauth/authorize)",
    expect.stringMatching(new RegExp(`^Code exchanged for a token \\(${VALID_UNTIL}\\) and a refresh token$`)),
    DEMO_USER,
    'Token renewed with the refresh token (new access token: yes)',
    'Browser stand-in: redirected back to /callback, which answered 200',
    'Signed in as Demo User; the web app stops',
  ]);
}, 30_000);
