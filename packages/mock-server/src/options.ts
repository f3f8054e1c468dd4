/** The options of startMockServer, checked: a wrong value is an Error naming the option, never a crash later. */
import { checkFault, type Fault, type RateLimit } from './faults.js';
import { checkJobSettings, DEFAULT_JOB_SETTINGS, type JobSettings } from './jobs.js';
import type { MockClient, MockUser } from './oauth.js';
import { isRecord } from './records.js';

export interface MockServerOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Address to bind; 127.0.0.1 by default. */
  host?: string;
  /** Seed of synthesised data and ids. */
  seed?: number;
  clients?: MockClient[];
  user?: MockUser;
  /** Users in the store besides the signed-in one (default 56: a few pages; at most 10,000). */
  users?: number;
  tokenLifetimeSeconds?: number;
  rateLimit?: RateLimit;
  faults?: Fault[];
  specPath?: string;
  /**
   * Refuse a request body that lacks a property the spec marks required, or has a value outside an
   * enum or a malformed date (default: answer, with an `x-mock-warning` header). Parameters are always checked.
   */
  strict?: boolean;
  /** Requests the log keeps, the newest (default 1,000; 0 keeps none). */
  requestLogLimit?: number;
  /** Largest request body accepted; larger ones get a 413 (default 1 MiB). */
  maxBodyBytes?: number;
  /** Milliseconds between WebSocket heartbeats on a notification channel (default 30,000, as the service). */
  heartbeatIntervalMs?: number;
  /** How long a notification channel lives after creation or its last subscription (default 86,400 = 24 h; fractions allowed). */
  channelLifetimeSeconds?: number;
  /** Analytics details jobs: how long they run (default 2000 ms), how many results they have (default 250), how they end (default FULFILLED). */
  jobs?: Partial<JobSettings>;
}

export type ResolvedOptions = Required<Omit<MockServerOptions, 'specPath'>> & { specPath?: string };

export const DEFAULT_CLIENT: MockClient = { id: 'demo-client', secret: 'demo-secret', name: 'Demo client' };
export const DEFAULT_USER: MockUser = { id: '00000000-0000-4000-a000-000000000001', name: 'Demo User', email: 'demo.user@example.com' };
export const MAX_USERS = 10_000;
/** Longest notification channel lifetime (a week): timers cannot wait much longer than 24 days. */
export const MAX_CHANNEL_LIFETIME_SECONDS = 7 * 86_400;
export const MIN_HEARTBEAT_INTERVAL_MS = 10;

const KEYS = [
  'port',
  'host',
  'seed',
  'clients',
  'user',
  'users',
  'tokenLifetimeSeconds',
  'rateLimit',
  'faults',
  'specPath',
  'strict',
  'requestLogLimit',
  'maxBodyBytes',
  'heartbeatIntervalMs',
  'channelLifetimeSeconds',
  'jobs',
];

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 100 ? `${v.slice(0, 100)}…` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null) return 'null';
  return Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'an object' : typeof v;
}

const fail = (what: string, expected: string, got: unknown) => new Error(`startMockServer: ${what} must be ${expected}, got ${show(got)}`);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function wholeNumber(what: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw fail(what, `a whole number from ${min} to ${max}`, v);
  return v;
}

function checkClient(v: unknown, i: number): MockClient {
  if (!isRecord(v) || !nonEmpty(v['id']) || typeof v['secret'] !== 'string' || (v['name'] !== undefined && typeof v['name'] !== 'string'))
    throw fail(`clients[${i}]`, '{ id, secret, name? } with string values', v);
  return { id: v['id'], secret: v['secret'], ...(v['name'] !== undefined ? { name: v['name'] as string } : {}) };
}

export function resolveOptions(options: unknown): ResolvedOptions {
  if (options === undefined) options = {};
  if (!isRecord(options)) throw fail('the options', 'an object', options);
  const o = options;
  const unknown = Object.keys(o).filter((k) => !KEYS.includes(k));
  if (unknown.length) throw new Error(`startMockServer: unknown option ${unknown[0]} (known: ${KEYS.join(', ')})`);
  const given = (key: string) => o[key] !== undefined;

  const host = given('host') ? o['host'] : '127.0.0.1';
  if (!nonEmpty(host)) throw fail('host', 'an address such as 127.0.0.1', host);
  const seed = given('seed') ? o['seed'] : 1;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) throw fail('seed', 'a finite number', seed);
  const lifetime = given('tokenLifetimeSeconds') ? o['tokenLifetimeSeconds'] : 86_400;
  if (typeof lifetime !== 'number' || !Number.isFinite(lifetime) || lifetime <= 0 || lifetime > 10 * 365 * 86_400)
    throw fail('tokenLifetimeSeconds', 'a number of seconds above 0 (at most ten years)', lifetime);

  let clients = [DEFAULT_CLIENT];
  if (given('clients')) {
    if (!Array.isArray(o['clients']) || !o['clients'].length) throw fail('clients', 'a non-empty list', o['clients']);
    clients = o['clients'].map(checkClient);
    const ids = clients.map((c) => c.id);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice !== undefined) throw new Error(`startMockServer: the client id ${JSON.stringify(twice)} is listed twice`);
  }
  let user = DEFAULT_USER;
  if (given('user')) {
    const u = o['user'];
    if (!isRecord(u) || !nonEmpty(u['id']) || typeof u['name'] !== 'string' || typeof u['email'] !== 'string')
      throw fail('user', '{ id, name, email } with string values', u);
    user = { id: u['id'], name: u['name'], email: u['email'] };
  }

  let rateLimit: RateLimit = { requests: 300, windowSeconds: 60 };
  if (given('rateLimit')) {
    const r = o['rateLimit'];
    if (!isRecord(r)) throw fail('rateLimit', '{ requests, windowSeconds }', r);
    rateLimit = {
      requests: wholeNumber('rateLimit.requests', r['requests'], 1, 1_000_000_000),
      windowSeconds: wholeNumber('rateLimit.windowSeconds', r['windowSeconds'], 1, 86_400),
    };
  }
  let faults: Fault[] = [];
  if (given('faults')) {
    if (!Array.isArray(o['faults'])) throw fail('faults', 'a list', o['faults']);
    faults = o['faults'].map((f, i) => {
      try {
        return checkFault(f);
      } catch (error) {
        throw new Error(`startMockServer: faults[${i}]: ${(error as Error).message}`, { cause: error });
      }
    });
  }
  const specPath = o['specPath'];
  if (specPath !== undefined && !nonEmpty(specPath)) throw fail('specPath', 'the path of a swagger file', specPath);
  const strict = given('strict') ? o['strict'] : false;
  if (typeof strict !== 'boolean') throw fail('strict', 'true or false', strict);
  const channelLifetime = given('channelLifetimeSeconds') ? o['channelLifetimeSeconds'] : 86_400;
  if (
    typeof channelLifetime !== 'number' ||
    !Number.isFinite(channelLifetime) ||
    channelLifetime <= 0 ||
    channelLifetime > MAX_CHANNEL_LIFETIME_SECONDS
  )
    throw fail('channelLifetimeSeconds', `a number of seconds above 0 (at most ${MAX_CHANNEL_LIFETIME_SECONDS})`, channelLifetime);

  return {
    port: given('port') ? wholeNumber('port', o['port'], 0, 65_535) : 0,
    host,
    seed,
    clients,
    user,
    users: given('users') ? wholeNumber('users', o['users'], 0, MAX_USERS) : 56,
    tokenLifetimeSeconds: lifetime,
    rateLimit,
    faults,
    ...(specPath !== undefined ? { specPath: specPath as string } : {}),
    strict,
    requestLogLimit: given('requestLogLimit') ? wholeNumber('requestLogLimit', o['requestLogLimit'], 0, 1_000_000) : 1000,
    maxBodyBytes: given('maxBodyBytes') ? wholeNumber('maxBodyBytes', o['maxBodyBytes'], 1, 1024 ** 3) : 1024 ** 2,
    heartbeatIntervalMs: given('heartbeatIntervalMs')
      ? wholeNumber('heartbeatIntervalMs', o['heartbeatIntervalMs'], MIN_HEARTBEAT_INTERVAL_MS, 86_400_000)
      : 30_000,
    channelLifetimeSeconds: channelLifetime,
    jobs: { ...DEFAULT_JOB_SETTINGS, ...(given('jobs') ? checkJobSettings(o['jobs'], 'startMockServer: jobs') : {}) },
  };
}
