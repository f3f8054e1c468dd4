/**
 * SAML2 bearer: a service that already holds a SAML assertion for a user (from its identity provider)
 * exchanges it for a token of that user. `npm run saml2-bearer`. Real org: GENESYS_CLOUD_REGION,
 * GENESYS_CLOUD_CLIENT_ID and GENESYS_CLOUD_CLIENT_SECRET (a SAML2 bearer client), GENESYS_CLOUD_ORG_NAME
 * and GENESYS_CLOUD_SAML_ASSERTION (the base64-encoded assertion).
 */
import { UsersApi } from '@gcsdk/api-users';
import { runAlone, type Program } from './target.js';

export const saml2Bearer: Program = {
  name: 'saml2-bearer',
  needs: ['GENESYS_CLOUD_CLIENT_ID', 'GENESYS_CLOUD_CLIENT_SECRET', 'GENESYS_CLOUD_ORG_NAME', 'GENESYS_CLOUD_SAML_ASSERTION'],
  async run(target, print) {
    const client = target.newClient();
    try {
      const auth = await client.loginSaml2BearerGrant(
        target.setting('GENESYS_CLOUD_CLIENT_ID'),
        target.setting('GENESYS_CLOUD_CLIENT_SECRET'),
        target.setting('GENESYS_CLOUD_ORG_NAME'),
        target.setting('GENESYS_CLOUD_SAML_ASSERTION'),
      );
      // No refresh token comes with this grant: when the token expires, exchange a new assertion.
      print(`Logged in with a SAML2 bearer assertion (token valid until ${auth.tokenExpiryTimeString})`);
      const me = await new UsersApi(client).getUsersMe();
      print(`users/me: ${me.name} <${me.email}>`);
    } finally {
      client.close();
    }
  },
};

if (require.main === module) runAlone(saml2Bearer);
