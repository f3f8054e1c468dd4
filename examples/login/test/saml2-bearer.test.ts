/** `npm run saml2-bearer` against the embedded mock server, and its check of the settings for a real org. */
import { DEMO_USER, MOCK_TARGET, run, VALID_UNTIL } from './run.js';

it('exchanges an assertion for a user token and reads users/me', async () => {
  const { status, lines, stderr } = await run('saml2-bearer.ts');
  expect(stderr).toBe('');
  expect(status).toBe(0);
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(MOCK_TARGET);
  expect(lines[1]).toMatch(new RegExp(`^Logged in with a SAML2 bearer assertion \\(token ${VALID_UNTIL}\\)$`));
  expect(lines[2]).toBe(DEMO_USER);
}, 30_000);

it('names the variables a real org needs, and exits 1', async () => {
  const { status, stdout, stderr } = await run('saml2-bearer.ts', {
    GENESYS_CLOUD_REGION: 'mypurecloud.ie',
    GENESYS_CLOUD_CLIENT_ID: 'id',
  });
  expect(status).toBe(1);
  expect(stdout).toBe('');
  expect(stderr).toBe(
    'saml2-bearer failed: against a real org, set GENESYS_CLOUD_CLIENT_SECRET, GENESYS_CLOUD_ORG_NAME, GENESYS_CLOUD_SAML_ASSERTION (see README.md)\n',
  );
}, 30_000);
