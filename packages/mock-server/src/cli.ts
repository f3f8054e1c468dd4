/**
 * gcsdk-mock — runs the mock Genesys Cloud. The first line printed holds the URL. A bad option, or
 * a server that cannot start (port in use, unreadable spec), is one line on stderr and exit code 2.
 */
import { parseFault, type Fault } from './faults.js';
import { JOB_OUTCOMES, MAX_JOB_DURATION_MS, MAX_JOB_RESULTS, type JobOutcome, type JobSettings } from './jobs.js';
import { MAX_CHANNEL_LIFETIME_SECONDS, MAX_USERS, MIN_HEARTBEAT_INTERVAL_MS } from './options.js';
import { startMockServer, type MockServerOptions } from './server.js';

const HELP = `gcsdk-mock: a local stand-in for Genesys Cloud (OAuth, every Platform API path, faults)

Options:
  --port N               port to listen on (0 picks a free one; default 8080)
  --host ADDRESS         address to bind (default 127.0.0.1)
  --seed N               seed of synthesised data (default 1)
  --users N              users in the store besides the signed-in one (default 56, at most ${MAX_USERS})
  --token-lifetime S     access token lifetime in seconds (default 86400)
  --rate-limit N/S       N requests per S seconds and client (default 300/60)
  --fault SPEC           inject a fault; repeatable. SPEC is STATUS (400-599), latency=MS or
                         reset=before-body|after-body, then optionally :ROUTE and *COUNT,
                         e.g. --fault '429:GET /api/v2/users/me*1' --fault latency=200
  --strict               refuse a body that lacks a property the spec marks required, or has a
                         value outside an enum or a malformed date (default: answer, and name
                         each in an x-mock-warning header); parameters are always checked
  --request-log N        requests kept in the request log, the newest (default 1000)
  --max-body BYTES       largest request body accepted, else 413 (default 1048576)
  --spec PATH            the swagger to answer from (default: the bundled one)
  --heartbeat-interval-ms MS
                         notification WebSocket heartbeat interval (default 30000)
  --channel-lifetime-seconds S
                         notification channel lifetime, fractions allowed (default 86400)
  --job-duration MS      analytics details jobs: time from submission to the outcome (default 2000)
  --job-results N        analytics details jobs: results a fulfilled job has (default 250)
  --job-outcome STATE    analytics details jobs end FULFILLED (default), FAILED or EXPIRED
  --help                 this text

Client: demo-client / demo-secret. Control endpoints: /__mock/faults, /__mock/revoke, /__mock/requests, /__mock/jobs, /__mock/notifications/*.`;

/** Thrown for a bad command line; main prints its message as one line. */
class UsageError extends Error {}

export function parseCliArgs(argv: string[]): MockServerOptions | 'help' {
  const options: MockServerOptions = { port: 8080 };
  const faults: Fault[] = [];
  const jobs: Partial<JobSettings> = {};
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq !== -1) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      i++;
      return v;
    };
    const whole = (min: number, max: number, what = 'a whole number') => {
      const text = value();
      const n = /^\d+$/.test(text) ? Number(text) : NaN;
      if (!(n >= min && n <= max)) throw new UsageError(`${arg} expects ${what} from ${min} to ${max}, got ${JSON.stringify(text)}`);
      return n;
    };
    const flag = () => {
      if (inline !== undefined) throw new UsageError(`${arg} takes no value`);
    };
    switch (arg) {
      case '--help':
      case '-h':
        return 'help';
      case '--port':
        options.port = whole(0, 65535, 'a port number');
        break;
      case '--host': {
        const host = value();
        if (!host.trim()) throw new UsageError('--host needs an address, e.g. 127.0.0.1');
        options.host = host;
        break;
      }
      case '--seed':
        options.seed = whole(0, 2 ** 32 - 1);
        break;
      case '--users':
        options.users = whole(0, MAX_USERS);
        break;
      case '--token-lifetime': {
        const text = value();
        const n = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
        if (!(n > 0 && n <= 10 * 365 * 86_400))
          throw new UsageError(`--token-lifetime expects seconds above 0 (at most ten years), got ${JSON.stringify(text)}`);
        options.tokenLifetimeSeconds = n;
        break;
      }
      case '--rate-limit': {
        const text = value();
        const m = /^(\d+)\/(\d+)$/.exec(text);
        const [requests, windowSeconds] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
        if (!(requests >= 1 && requests <= 1e9 && windowSeconds >= 1 && windowSeconds <= 86_400))
          throw new UsageError(
            `--rate-limit expects N/SECONDS with N ≥ 1 and 1 to 86400 seconds, e.g. 300/60, got ${JSON.stringify(text)}`,
          );
        options.rateLimit = { requests, windowSeconds };
        break;
      }
      case '--fault':
        try {
          faults.push(parseFault(value()));
        } catch (error) {
          throw new UsageError(`--fault: ${(error as Error).message}`);
        }
        break;
      case '--strict':
        flag();
        options.strict = true;
        break;
      case '--request-log':
        options.requestLogLimit = whole(0, 1_000_000);
        break;
      case '--max-body':
        options.maxBodyBytes = whole(1, 1024 ** 3, 'a number of bytes');
        break;
      case '--heartbeat-interval-ms':
        options.heartbeatIntervalMs = whole(MIN_HEARTBEAT_INTERVAL_MS, 86_400_000, 'milliseconds');
        break;
      case '--channel-lifetime-seconds': {
        const text = value();
        const n = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
        if (!(n > 0 && n <= MAX_CHANNEL_LIFETIME_SECONDS))
          throw new UsageError(
            `--channel-lifetime-seconds expects seconds above 0 (at most ${MAX_CHANNEL_LIFETIME_SECONDS}), got ${JSON.stringify(text)}`,
          );
        options.channelLifetimeSeconds = n;
        break;
      }
      case '--spec': {
        const path = value();
        if (!path.trim()) throw new UsageError('--spec needs the path of a swagger file');
        options.specPath = path;
        break;
      }
      case '--job-duration':
        jobs.durationMs = whole(0, MAX_JOB_DURATION_MS, 'milliseconds');
        break;
      case '--job-results':
        jobs.resultCount = whole(0, MAX_JOB_RESULTS);
        break;
      case '--job-outcome': {
        const text = value();
        const outcome = text.toUpperCase();
        if (!JOB_OUTCOMES.includes(outcome as JobOutcome))
          throw new UsageError(`--job-outcome expects one of ${JOB_OUTCOMES.join(', ')}, got ${JSON.stringify(text)}`);
        jobs.outcome = outcome as JobOutcome;
        break;
      }
      default:
        throw new UsageError(
          arg.startsWith('-') ? `Unknown option ${arg} (see --help)` : `Unexpected argument ${JSON.stringify(arg)} (see --help)`,
        );
    }
  }
  return { ...options, faults, ...(Object.keys(jobs).length > 0 ? { jobs } : {}) };
}

/** One line, whatever the message holds. */
const oneLine = (text: string) => text.replace(/\s*\n\s*/g, ' ');

export async function main(argv = process.argv.slice(2)): Promise<void> {
  const refuse = (message: string): never => {
    process.stderr.write(`gcsdk-mock: ${oneLine(message)}\n`);
    process.exit(2);
  };
  let options: MockServerOptions | 'help' = {};
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    refuse((error as Error).message);
  }
  if (options === 'help') {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  let server: Awaited<ReturnType<typeof startMockServer>> | undefined;
  try {
    server = await startMockServer(options);
  } catch (error) {
    refuse(error instanceof Error ? error.message : String(error));
  }
  process.stdout.write(`gcsdk-mock listening on ${server!.url}\n`);
  process.stdout.write(
    `client demo-client / demo-secret; gateway: { host: '${new URL(server!.url).hostname}', protocol: 'http', port: ${server!.port} }\n`,
  );
  const stop = () => void server!.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) void main();
