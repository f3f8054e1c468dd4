/** Fault injection and rate limiting. */

export interface Fault {
  /** `METHOD /path` (path may contain `*`), or a path only; absent: every API request. */
  route?: string;
  /** Answer with this status (429, 500, 502, 503, 504, …) instead of the real response. */
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

function routeMatches(route: string | undefined, method: string, path: string): boolean {
  if (!route) return true;
  const [m, p] = route.includes(' ') ? route.split(/\s+/, 2) : [undefined, route];
  if (m && m.toUpperCase() !== method) return false;
  const pattern = new RegExp(`^${p!.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return pattern.test(path);
}

export class Faults {
  private list: (Fault & { remaining: number })[] = [];

  add(fault: Fault): void {
    if (fault.status !== undefined && (!Number.isInteger(fault.status) || fault.status < 100 || fault.status > 599))
      throw new Error(`fault status ${fault.status} is not an HTTP status`);
    if (fault.reset && !['before-body', 'after-body'].includes(fault.reset))
      throw new Error(`fault reset must be before-body or after-body, got ${fault.reset}`);
    this.list.push({ ...fault, remaining: fault.times ?? Infinity });
  }

  clear(): void {
    this.list = [];
  }

  get active(): Fault[] {
    return this.list.filter((f) => f.remaining > 0).map(({ remaining: _r, ...f }) => f);
  }

  /** The first fault for this request, consuming one of its uses. */
  take(method: string, path: string): Fault | undefined {
    const fault = this.list.find((f) => f.remaining > 0 && routeMatches(f.route, method, path));
    if (fault) fault.remaining -= 1;
    return fault;
  }
}

/** Parses `429`, `503:GET /api/v2/users/me`, `latency=200`, `reset=before-body:POST /x`, with an optional `*N` count. */
export function parseFault(text: string): Fault {
  const [spec, countText] = text.split('*');
  const colon = spec!.indexOf(':');
  const head = colon === -1 ? spec! : spec!.slice(0, colon);
  const route = colon === -1 ? undefined : spec!.slice(colon + 1);
  const fault: Fault = {};
  if (/^\d{3}$/.test(head)) fault.status = Number(head);
  else if (head.startsWith('latency=')) fault.latencyMs = Number(head.slice(8));
  else if (head === 'reset=before-body' || head === 'reset=after-body') fault.reset = head.slice(6) as Fault['reset'];
  else
    throw new Error(
      `Cannot read the fault ${JSON.stringify(text)}: expected STATUS, latency=MS or reset=before-body|after-body, then :ROUTE and *COUNT`,
    );
  if (route) fault.route = route;
  if (countText) fault.times = Number(countText);
  return fault;
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
