/**
 * npm start [-- FILE] [--page-size N]: exports every user to a CSV file (default users.csv, in the
 * current folder) — from the embedded mock server, or from a real org when GENESYS_CLOUD_REGION,
 * GENESYS_CLOUD_CLIENT_ID and GENESYS_CLOUD_CLIENT_SECRET (a client-credentials client) are set.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ApiClient } from '@gcsdk/core';
import { UsersApi } from '@gcsdk/api-users';
import { startMockServer } from '@gcsdk/mock-server';
import { QUOTING_DEMO_USERS } from './demo-users.js';
import { exportUsers, type ExportResult } from './export-users.js';

const USAGE = 'usage: npm start -- [FILE] [--page-size N]   (FILE: users.csv by default; N: users per page, 100 by default)';

/** A usage error: exit code 2. */
class UsageError extends Error {}

function readArguments(): { file: string; pageSize: number } {
  let parsed;
  try {
    parsed = parseArgs({ options: { 'page-size': { type: 'string', default: '100' } }, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { positionals, values } = parsed;
  if (positionals.length > 1) throw new UsageError(`one output file at most, got ${positionals.length}`);
  const pageSize = Number(values['page-size']);
  if (!Number.isInteger(pageSize) || pageSize < 1)
    throw new UsageError(`--page-size must be a whole number from 1, got ${values['page-size']}`);
  return { file: resolve(positionals[0] ?? 'users.csv'), pageSize };
}

async function main(print: (line: string) => void): Promise<void> {
  const { file, pageSize } = readArguments();
  const env = process.env;
  const client = new ApiClient({ readConfigFile: false });
  try {
    if (env['GENESYS_CLOUD_REGION'] || env['GENESYS_CLOUD_CLIENT_ID']) {
      const missing = ['GENESYS_CLOUD_REGION', 'GENESYS_CLOUD_CLIENT_ID', 'GENESYS_CLOUD_CLIENT_SECRET'].filter((name) => !env[name]);
      if (missing.length) throw new Error(`against a real org, set ${missing.join(', ')} too`);
      client.setEnvironment(env['GENESYS_CLOUD_REGION']);
      print(`Target: Genesys Cloud org in ${env['GENESYS_CLOUD_REGION']}`);
      await client.loginClientCredentialsGrant(env['GENESYS_CLOUD_CLIENT_ID']!, env['GENESYS_CLOUD_CLIENT_SECRET']!);
      report(await exportUsers(client, file, pageSize));
      return;
    }
    const mock = await startMockServer();
    try {
      print(
        `Target: embedded mock server at ${mock.url} (set GENESYS_CLOUD_REGION, GENESYS_CLOUD_CLIENT_ID and GENESYS_CLOUD_CLIENT_SECRET to use a real org)`,
      );
      client.setGateway({ host: '127.0.0.1', protocol: 'http', port: mock.port });
      await client.loginClientCredentialsGrant('demo-client', 'demo-secret');
      const usersApi = new UsersApi(client);
      // CreateUser requires a division id (the spec marks it required); the mock does not check it.
      for (const user of QUOTING_DEMO_USERS) await usersApi.postUsers({ ...user, divisionId: 'home' });
      print(`Added ${QUOTING_DEMO_USERS.length} users whose fields need quoting`);
      report(await exportUsers(client, file, pageSize));
    } finally {
      await mock.close();
    }
  } finally {
    client.close();
  }

  function report({ users, pages }: ExportResult): void {
    print(`Wrote ${users} users in ${pages} ${pages === 1 ? 'page' : 'pages'} of up to ${pageSize} to ${file}`);
  }
}

main((line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
  const usage = error instanceof UsageError;
  process.stderr.write(`export-csv failed: ${error instanceof Error ? error.message : String(error)}\n${usage ? `${USAGE}\n` : ''}`);
  process.exitCode = usage ? 2 : 1;
});
