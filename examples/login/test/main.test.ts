/** `npm start`: the four programs in turn against one embedded mock server. */
import { MOCK_TARGET, run } from './run.js';

it('runs the four programs in turn', async () => {
  const { status, stdout, stderr } = await run('main.ts');
  expect(stderr).toBe('');
  expect(status).toBe(0);
  expect(stdout).toMatch(MOCK_TARGET);
  const sections = stdout.split(/\n== /).slice(1);
  expect(sections.map((s) => s.split(' ==')[0])).toEqual(['client-credentials', 'saml2-bearer', 'code-authorization', 'pkce-cli']);
  expect(sections[0]).toContain('The organization has 57 users');
  expect(sections[1]).toContain('Logged in with a SAML2 bearer assertion');
  expect(sections[2]).toContain('Signed in as Demo User; the web app stops');
  expect(sections[3]).toContain('Code and verifier exchanged for a token');
}, 30_000);

it('refuses to run all four against a real org, and exits 1', async () => {
  const { status, stdout, stderr } = await run('main.ts', { GENESYS_CLOUD_REGION: 'mypurecloud.ie' });
  expect(status).toBe(1);
  expect(stdout).toBe('');
  expect(stderr).toBe(
    'login examples failed: GENESYS_CLOUD_* variables are set: against a real org run one program at a time, with the OAuth client of its grant ' +
      '(npm run client-credentials, npm run saml2-bearer, npm run code-authorization, npm run pkce-cli)\n',
  );
}, 30_000);
