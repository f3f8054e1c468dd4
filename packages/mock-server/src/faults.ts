/** Fault injection and rate limiting. */
import { globMatch } from './glob.js';

export interface Fault {
  /** `METHOD /path` (path may contain `*`), or a path only; absent: every request, logins at `/oauth/token` included (not the `/__mock` control endpoints). */
  route?: string;
  /** Answer with this status (400 to 599: 429, 500, 502, 503, 504, …) instead of the real response. */
  status?: number;
  /** Seconds for the Retry-After header of a 429/503 (default 1). */
  retryAfter?: number;
  /** Wait this long before answering. */
  latencyMs?: number;
  /** Drop the connection: before the request body is read, or after it. */
  reset?: 'before-body' | 'after-body';
  /** How many requests it applies to (default: all). */
  times?: number;
}

export interface RateLimit {
  /** Requests allowed per window and client. */
  requests: number;
  windowSeconds: number;
}

/** Faults held at once; more is a mistake of the caller (a loop adding faults), not a test. */
export const MAX_FAULTS = 1000;
const MAX_ROUTE_LENGTH = 2000;
const MAX_LATENCY_MS = 600_000;
const MAX_RETRY_AFTER = 86_400;
const KEYS = new Set(['route', 'status', 'retryAfter', 'latencyMs', 'reset', 'times']);

const show = (v: unknown) =>
  typeof v === 'string'
    ? JSON.stringify(v)
    : typeof v === 'number'
      ? String(v)
      : v === null
        ? 'null'
        : Array.isArray(v)
          ? 'a list'
          : typeof v;
const isNumber = (v: unknown, min: number, max: number, integer = false): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v));

/** A checked copy of a fault from any source (options, the control endpoint, the CLI); throws an Error naming what is wrong. */
export function checkFault(value: unknown): Fault {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`A fault must be an object, got ${show(value)}`);
  const f = value as Record<string, unknown>;
  const unknown = Object.keys(f).filter((k) => !KEYS.has(k));
  if (unknown.length) throw new Error(`Unknown fault field ${unknown[0]} (expected ${[...KEYS].join(', ')})`);
  const fault: Fault = {};
  if (f['route'] !== undefined) {
    const route = f['route'];
    if (typeof route !== 'string' || !route.trim() || route.length > MAX_ROUTE_LENGTH)
      throw new Error(`fault route must be "METHOD /path" or "/path" (at most ${MAX_ROUTE_LENGTH} characters), got ${show(route)}`);
    const [method, path] = route.trim().includes(' ') ? route.trim().split(/\s+/, 2) : [undefined, route.trim()];
    if ((method !== undefined && !/^[A-Za-z]+$/.test(method)) || !path!.startsWith('/'))
      throw new Error(`fault route must be "METHOD /path" or "/path", got ${show(route)}`);
    fault.route = route.trim();
  }
  if (f['status'] !== undefined) {
    if (!isNumber(f['status'], 400, 599, true))
      throw new Error(`fault status must be an HTTP error status (400 to 599), got ${show(f['status'])}`);
    fault.status = f['status'];
  }
  if (f['retryAfter'] !== undefined) {
    if (!isNumber(f['retryAfter'], 0, MAX_RETRY_AFTER, true))
      throw new Error(`fault retryAfter must be whole seconds from 0 to ${MAX_RETRY_AFTER}, got ${show(f['retryAfter'])}`);
    fault.retryAfter = f['retryAfter'];
  }
  if (f['latencyMs'] !== undefined) {
    if (!isNumber(f['latencyMs'], 0, MAX_LATENCY_MS))
      throw new Error(`fault latencyMs must be from 0 to ${MAX_LATENCY_MS} milliseconds, got ${show(f['latencyMs'])}`);
    fault.latencyMs = f['latencyMs'];
  }
  if (f['reset'] !== undefined) {
    if (f['reset'] !== 'before-body' && f['reset'] !== 'after-body')
      throw new Error(`fault reset must be before-body or after-body, got ${show(f['reset'])}`);
    fault.reset = f['reset'];
  }
  if (f['times'] !== undefined) {
    if (!isNumber(f['times'], 1, Number.MAX_SAFE_INTEGER, true))
      throw new Error(`fault times must be a whole number ≥ 1, got ${show(f['times'])}`);
    fault.times = f['times'];
  }
  if (fault.status === undefined && fault.latencyMs === undefined && fault.reset === undefined)
    throw new Error('A fault needs status, latencyMs or reset');
  if (fault.reset && fault.status !== undefined) throw new Error('A fault resets the connection or answers a status, not both');
  return fault;
}

function routeMatches(route: string | undefined, method: string, path: string): boolean {
  if (!route) return true;
  const [m, p] = route.includes(' ') ? route.split(/\s+/, 2) : [undefined, route];
  if (m && m.toUpperCase() !== method) return false;
  return globMatch(p!, path);
}

export class Faults {
  private list: (Fault & { remaining: number })[] = [];

  add(value: unknown): void {
    const fault = checkFault(value);
    if (this.list.length >= MAX_FAULTS) throw new Error(`At most ${MAX_FAULTS} faults are held at once; clear some first`);
    this.list.push({ ...fault, remaining: fault.times ?? Infinity });
  }

  clear(): void {
    this.list = [];
  }

  get active(): Fault[] {
    return this.list.map(({ remaining: _r, ...f }) => f);
  }

  /** The first fault for this request, consuming one of its uses (a used-up fault is dropped). */
  take(method: string, path: string): Fault | undefined {
    const index = this.list.findIndex((f) => routeMatches(f.route, method, path));
    const fault = this.list[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.list.splice(index, 1);
    return fault;
  }
}

/** Parses `429`, `503:GET /api/v2/users/me`, `latency=200`, `reset=before-body:POST /x`, with an optional `*N` count. */
export function parseFault(text: string): Fault {
  const fail = (why: string) =>
    new Error(
      `Cannot read the fault ${JSON.stringify(text)}: ${why} (expected STATUS, latency=MS or reset=before-body|after-body, then :ROUTE and *COUNT)`,
    );
  // `*N` at the very end is the count; any other `*` is a wildcard of the route.
  const count = /\*(\d+)$/.exec(text);
  const spec = count ? text.slice(0, count.index) : text;
  const colon = spec.indexOf(':');
  const head = colon === -1 ? spec : spec.slice(0, colon);
  const route = colon === -1 ? undefined : spec.slice(colon + 1);
  const fault: Record<string, unknown> = {};
  if (/^\d+$/.test(head)) fault['status'] = Number(head);
  else if (head.startsWith('latency=')) {
    if (!/^\d+(\.\d+)?$/.test(head.slice(8))) throw fail('latency= needs milliseconds');
    fault['latencyMs'] = Number(head.slice(8));
  } else if (head === 'reset=before-body' || head === 'reset=after-body') fault['reset'] = head.slice(6);
  else throw fail('unknown kind');
  if (route !== undefined) {
    if (!route.trim()) throw fail('the route after : is empty');
    fault['route'] = route;
  }
  if (count) fault['times'] = Number(count[1]);
  try {
    return checkFault(fault);
  } catch (error) {
    throw fail((error as Error).message);
  }
}

/** Fixed windows per client: the numbers behind the inin-ratelimit-* headers. */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(public limit: RateLimit) {}

  hit(key: string, now = Date.now()): { allowed: number; count: number; resetSeconds: number; limited: boolean } {
    const windowMs = this.limit.windowSeconds * 1000;
    let w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return {
      allowed: this.limit.requests,
      count: w.count,
      resetSeconds: Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)),
      limited: w.count > this.limit.requests,
    };
  }
}
