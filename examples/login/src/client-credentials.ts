/**
 * Client credentials: a service logs in as its OAuth client, with no user. `npm run client-credentials`.
 * Real org: GENESYS_CLOUD_REGION, GENESYS_CLOUD_CLIENT_ID, GENESYS_CLOUD_CLIENT_SECRET (a client-credentials client).
 */
import { TokensApi } from '@gcsdk/api-tokens';
import { UsersApi } from '@gcsdk/api-users';
import { runAlone, type Program } from './target.js';

export const clientCredentials: Program = {
  name: 'client-credentials',
  needs: ['GENESYS_CLOUD_CLIENT_ID', 'GENESYS_CLOUD_CLIENT_SECRET'],
  async run(target, print) {
    const client = target.newClient();
    try {
      const auth = await client.loginClientCredentialsGrant(
        target.setting('GENESYS_CLOUD_CLIENT_ID'),
        target.setting('GENESYS_CLOUD_CLIENT_SECRET'),
      );
      print(`Logged in with client credentials (token valid until ${auth.tokenExpiryTimeString})`);
      // The token belongs to the OAuth client, not to a person: a real org answers users/me with an
      // error for it. tokens/me says whose token it is; the users list is what a service reads.
      const token = await new TokensApi(client).getTokensMe();
      print(`tokens/me: OAuth client "${token.OAuthClient?.name}" of organization "${token.organization?.name}"`);
      const users = await new UsersApi(client).getUsers({ pageSize: 1 });
      print(`The organization has ${users.total} users`);
    } finally {
      client.close();
    }
  },
};

// Run on its own when this file is the entry point (main.ts imports it instead).
if (require.main === module) runAlone(clientCredentials);
