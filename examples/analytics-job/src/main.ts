/**
 * npm start [-- options]: the analytics job waiter against the embedded mock server, or against a
 * real org when GENESYS_CLOUD_REGION, GENESYS_CLOUD_CLIENT_ID and GENESYS_CLOUD_CLIENT_SECRET (a
 * client-credentials client with analytics:conversationDetail:view) are set.
 */
import { parseArgs } from 'node:util';
import { ApiClient, JobFailedError, JobTimeoutError } from '@gcsdk/core';
import { startMockServer, type MockServerOptions } from '@gcsdk/mock-server';
import { formatSummary, runConversationJob } from './analytics-job.js';

const USAGE = `usage: npm start -- [--interval START/END] [--timeout-ms N]
  --interval START/END   ISO 8601 interval of the conversations (default: yesterday, UTC)
  --timeout-ms N         give up, and cancel the job, after N ms (default 600000)
embedded mock server only (how its job runs):
  --mock-duration-ms N   time until the job ends (default 2000)
  --mock-results N       conversations the job finds (default 250)
  --mock-outcome STATE   FULFILLED (default), FAILED or EXPIRED`;

/** A usage error: exit code 2. */
class UsageError extends Error {}

interface Arguments {
  interval: string;
  timeoutMs: number;
  /** Only what was given: the mock's defaults apply to the rest. */
  mockJobs: NonNullable<MockServerOptions['jobs']>;
}

function wholeNumber(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got ${text}`);
  return n;
}

function yesterday(): string {
  const today = new Date();
  today.setUTCHours(0, 0, 0, 0);
  return `${new Date(today.getTime() - 86_400_000).toISOString()}/${today.toISOString()}`;
}

function readArguments(): Arguments {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        interval: { type: 'string' },
        'timeout-ms': { type: 'string' },
        'mock-duration-ms': { type: 'string' },
        'mock-results': { type: 'string' },
        'mock-outcome': { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const outcome = values['mock-outcome']?.toUpperCase();
  if (outcome !== undefined && outcome !== 'FULFILLED' && outcome !== 'FAILED' && outcome !== 'EXPIRED')
    throw new UsageError(`--mock-outcome must be FULFILLED, FAILED or EXPIRED, got ${values['mock-outcome']}`);
  const durationMs = wholeNumber('mock-duration-ms', values['mock-duration-ms']);
  const resultCount = wholeNumber('mock-results', values['mock-results']);
  return {
    interval: values.interval ?? yesterday(),
    timeoutMs: wholeNumber('timeout-ms', values['timeout-ms']) ?? 600_000,
    mockJobs: {
      ...(durationMs !== undefined ? { durationMs } : {}),
      ...(resultCount !== undefined ? { resultCount } : {}),
      ...(outcome !== undefined ? { outcome } : {}),
    },
  };
}

async function main(print: (line: string) => void): Promise<void> {
  const args = readArguments();
  const env = process.env;
  const client = new ApiClient({ readConfigFile: false });
  try {
    if (env['GENESYS_CLOUD_REGION'] || env['GENESYS_CLOUD_CLIENT_ID']) {
      const missing = ['GENESYS_CLOUD_REGION', 'GENESYS_CLOUD_CLIENT_ID', 'GENESYS_CLOUD_CLIENT_SECRET'].filter((name) => !env[name]);
      if (missing.length) throw new Error(`against a real org, set ${missing.join(', ')} too`);
      if (Object.keys(args.mockJobs).length) throw new UsageError('the --mock-* options are for the embedded mock server only');
      client.setEnvironment(env['GENESYS_CLOUD_REGION']);
      print(`Target: Genesys Cloud org in ${env['GENESYS_CLOUD_REGION']}`);
      await client.loginClientCredentialsGrant(env['GENESYS_CLOUD_CLIENT_ID']!, env['GENESYS_CLOUD_CLIENT_SECRET']!);
      formatSummary(await runConversationJob(client, args.interval, args.timeoutMs, print)).forEach(print);
      return;
    }
    const mock = await startMockServer({ jobs: args.mockJobs });
    try {
      print(
        `Target: embedded mock server at ${mock.url} (set GENESYS_CLOUD_REGION, GENESYS_CLOUD_CLIENT_ID and GENESYS_CLOUD_CLIENT_SECRET to use a real org)`,
      );
      client.setGateway({ host: '127.0.0.1', protocol: 'http', port: mock.port });
      await client.loginClientCredentialsGrant('demo-client', 'demo-secret');
      formatSummary(await runConversationJob(client, args.interval, args.timeoutMs, print)).forEach(print);
    } finally {
      await mock.close();
    }
  } finally {
    client.close();
  }
}

/** The reason for a failure, in one line. */
function describe(error: unknown): string {
  if (error instanceof JobFailedError)
    return `the job ended ${error.state}${error.errorMessage ? `: ${error.errorMessage}` : ''} (job ${error.jobId})`;
  if (error instanceof JobTimeoutError) return `${error.message}; raise --timeout-ms to wait longer`;
  return error instanceof Error ? error.message : String(error);
}

main((line) => process.stdout.write(`${line}\n`)).catch((error: unknown) => {
  const usage = error instanceof UsageError;
  process.stderr.write(`analytics-job failed: ${describe(error)}\n${usage ? `${USAGE}\n` : ''}`);
  process.exitCode = usage ? 2 : 1;
});
