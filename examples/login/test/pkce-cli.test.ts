/** `npm run pkce-cli` against the embedded mock server: the loopback redirect, signed in by the browser stand-in. */
import { DEMO_USER, MOCK_TARGET, run, VALID_UNTIL } from './run.js';

it('signs in with PKCE through a loopback redirect and reads users/me', async () => {
  const { status, lines, stderr } = await run('pkce-cli.ts');
  expect(stderr).toBe('');
  expect(status).toBe(0);
  expect(lines[0]).toMatch(MOCK_TARGET);
  expect(lines.slice(1)).toEqual([
    expect.stringMatching(/^Waiting for the login page to redirect to http:\/\/127\.0\.0\.1:\d+\/callback$/),
    "Browser stand-in: signing in on the mock's login page (/oauth/authorize)",
    'Browser stand-in: redirected back to /callback, which answered 200',
    expect.stringMatching(new RegExp(`^Code and verifier exchanged for a token \\(${VALID_UNTIL}\\)$`)),
    DEMO_USER,
  ]);
}, 30_000);
