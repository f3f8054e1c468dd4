/**
 * npm start: the quick start against the embedded mock server, or against a real org when
 * GENESYS_CLOUD_CLIENT_ID, GENESYS_CLOUD_CLIENT_SECRET and GENESYS_CLOUD_REGION are set.
 */
import { startMockServer } from '@gcsdk/mock-server';
import { formatSummary, runQuickstart, type Target } from './quickstart.js';

async function main(): Promise<number> {
  const env = process.env;
  const real = env['GENESYS_CLOUD_CLIENT_ID'] && env['GENESYS_CLOUD_CLIENT_SECRET'] && env['GENESYS_CLOUD_REGION'];
  const print = (line: string) => process.stdout.write(`${line}\n`);
  if (real) {
    const target: Target = {
      kind: 'org',
      description: `Genesys Cloud org in ${env['GENESYS_CLOUD_REGION']}`,
      clientId: env['GENESYS_CLOUD_CLIENT_ID']!,
      clientSecret: env['GENESYS_CLOUD_CLIENT_SECRET']!,
      configure: (client) => client.setEnvironment(env['GENESYS_CLOUD_REGION']),
    };
    print(formatSummary(await runQuickstart(target, print)));
    return 0;
  }
  const mock = await startMockServer();
  try {
    const target: Target = {
      kind: 'mock',
      description: `embedded mock server at ${mock.url} (set GENESYS_CLOUD_CLIENT_ID, GENESYS_CLOUD_CLIENT_SECRET and GENESYS_CLOUD_REGION to use a real org)`,
      clientId: 'demo-client',
      clientSecret: 'demo-secret',
      configure: (client) => client.setGateway({ host: '127.0.0.1', protocol: 'http', port: mock.port }),
      inject429: (route) => mock.addFault({ route, status: 429, retryAfter: 1, times: 1 }),
    };
    print(formatSummary(await runQuickstart(target, print)));
    return 0;
  } finally {
    await mock.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`quickstart failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
