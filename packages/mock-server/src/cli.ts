/**
 * gcsdk-mock — runs the mock Genesys Cloud. The first line printed holds the URL.
 *   gcsdk-mock [--port 8080] [--host 127.0.0.1] [--seed 1] [--token-lifetime SECONDS]
 *              [--rate-limit N/SECONDS] [--fault SPEC]... [--users N] [--spec PATH]
 */
import { parseFault, type Fault } from './faults.js';
import { startMockServer, type MockServerOptions } from './server.js';

const HELP = `gcsdk-mock: a local stand-in for Genesys Cloud (OAuth, every Platform API path, faults)

Options:
  --port N               port to listen on (0 picks a free one; default 8080)
  --host ADDRESS         address to bind (default 127.0.0.1)
  --seed N               seed of synthesised data (default 1)
  --users N              users in the store besides the signed-in one (default 56)
  --token-lifetime S     access token lifetime in seconds (default 86400)
  --rate-limit N/S       N requests per S seconds and client (default 300/60)
  --fault SPEC           inject a fault; repeatable. SPEC is STATUS, latency=MS or
                         reset=before-body|after-body, then optionally :ROUTE and *COUNT,
                         e.g. --fault '429:GET /api/v2/users/me*1' --fault latency=200
  --spec PATH            the swagger to answer from (default: the bundled one)
  --help                 this text

Client: demo-client / demo-secret. Control endpoint: /__mock/faults, /__mock/revoke, /__mock/requests.`;

export function parseCliArgs(argv: string[]): MockServerOptions | 'help' {
  const options: MockServerOptions = { port: 8080 };
  const faults: Fault[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    const number = (text: string) => {
      const n = Number(text);
      if (!Number.isFinite(n) || n < 0) throw new Error(`${arg} expects a non-negative number, got ${JSON.stringify(text)}`);
      return n;
    };
    switch (arg) {
      case '--help':
      case '-h':
        return 'help';
      case '--port':
        options.port = number(value());
        break;
      case '--host':
        options.host = value();
        break;
      case '--seed':
        options.seed = number(value());
        break;
      case '--users':
        options.users = number(value());
        break;
      case '--token-lifetime':
        options.tokenLifetimeSeconds = number(value());
        break;
      case '--rate-limit': {
        const m = /^(\d+)\/(\d+)$/.exec(value());
        if (!m) throw new Error('--rate-limit expects N/SECONDS, e.g. 300/60');
        options.rateLimit = { requests: Number(m[1]), windowSeconds: Number(m[2]) };
        break;
      }
      case '--fault':
        faults.push(parseFault(value()));
        break;
      case '--spec':
        options.specPath = value();
        break;
      default:
        throw new Error(`Unknown option ${arg} (see --help)`);
    }
  }
  return { ...options, faults };
}

async function main(): Promise<void> {
  let options: MockServerOptions | 'help';
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`gcsdk-mock: ${(error as Error).message}\n`);
    process.exit(2);
  }
  if (options === 'help') {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const server = await startMockServer(options);
  process.stdout.write(`gcsdk-mock listening on ${server.url}\n`);
  process.stdout.write(`client demo-client / demo-secret; gateway: { host: '127.0.0.1', protocol: 'http', port: ${server.port} }\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (require.main === module) void main();
