/**
 * npm start in this folder: the notifications example against the embedded mock server, or against a
 * real org when GENESYS_CLOUD_REGION and GENESYS_CLOUD_ACCESS_TOKEN (a user's token: presence belongs to
 * a user, and a client-credentials token has none) are set.
 */
import { ApiClient } from '@gcsdk/core';
import { startMockServer } from '@gcsdk/mock-server';
import { listenToPresence } from './presence-listener.js';

async function main(): Promise<number> {
  const env = process.env;
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const client = new ApiClient({ readConfigFile: false });
  if (env['GENESYS_CLOUD_REGION'] && env['GENESYS_CLOUD_ACCESS_TOKEN']) {
    client.setEnvironment(env['GENESYS_CLOUD_REGION']);
    client.setAccessToken(env['GENESYS_CLOUD_ACCESS_TOKEN']);
    print(`Target: Genesys Cloud org in ${env['GENESYS_CLOUD_REGION']}`);
    await listenToPresence(client, print);
    return 0;
  }
  const mock = await startMockServer();
  try {
    print(`Target: embedded mock server at ${mock.url} (set GENESYS_CLOUD_REGION and GENESYS_CLOUD_ACCESS_TOKEN to use a real org)`);
    client.setGateway({ host: '127.0.0.1', protocol: 'http', port: mock.port });
    // The mock's demo client signs in as its demo user, so users/me and a presence exist.
    await client.loginClientCredentialsGrant('demo-client', 'demo-secret');
    await listenToPresence(client, print);
    return 0;
  } finally {
    await mock.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`notifications example failed: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
