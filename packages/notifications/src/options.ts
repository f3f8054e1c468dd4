import { NotificationsError } from './errors.js';
import type { NotificationClientOptions, WebSocketConstructor } from './types.js';

/** The service's limits: topics per channel, channels per user and OAuth client. */
export const MAX_TOPICS_PER_CHANNEL = 1000;
export const MAX_CHANNELS = 20;

export interface ResolvedOptions {
  heartbeatTimeoutMs: number;
  renewBeforeMs: number;
  maxTopicsPerChannel: number;
  reconnect: { initialDelayMs: number; maxDelayMs: number; maxAttempts: number };
  WebSocket: WebSocketConstructor | undefined;
  signal: AbortSignal | undefined;
  maxBufferedEvents: number;
}

const KNOWN_OPTIONS = new Set([
  'heartbeatTimeoutMs',
  'renewBeforeMs',
  'maxTopicsPerChannel',
  'reconnect',
  'WebSocket',
  'signal',
  'maxBufferedEvents',
]);
const KNOWN_RECONNECT_OPTIONS = new Set(['initialDelayMs', 'maxDelayMs', 'maxAttempts']);
// setTimeout fires at once for longer delays, so no option may ask for one.
const MAX_TIMER_MS = 2 ** 31 - 1;

function invalid(message: string): NotificationsError {
  return new NotificationsError('invalid-option', message);
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

function number(name: string, value: unknown, fallback: number, check: { min: number; integer?: boolean; max?: number }): number {
  if (value === undefined) return fallback;
  const max = check.max ?? MAX_TIMER_MS;
  if (typeof value !== 'number' || Number.isNaN(value) || value < check.min || value > max || (check.integer && !Number.isInteger(value)))
    throw invalid(`option ${name} must be ${check.integer ? 'an integer' : 'a number'} from ${check.min} to ${max}, got ${show(value)}`);
  return value;
}

function plainObject(name: string, value: unknown, known: Set<string>): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`${name} must be an object, got ${show(value)}`);
  const unknown = Object.keys(value).filter((key) => !known.has(key));
  if (unknown.length > 0)
    throw invalid(`unknown option${unknown.length > 1 ? 's' : ''} in ${name}: ${unknown.join(', ')} (known: ${[...known].join(', ')})`);
  return value as Record<string, unknown>;
}

/** Checks every option and fills in the defaults; a bad one is an error that names it. */
export function resolveOptions(options: NotificationClientOptions | undefined): ResolvedOptions {
  const given = plainObject('options', options ?? {}, KNOWN_OPTIONS);
  const reconnect = plainObject('options.reconnect', given['reconnect'] ?? {}, KNOWN_RECONNECT_OPTIONS);
  const initialDelayMs = number('reconnect.initialDelayMs', reconnect['initialDelayMs'], 500, { min: 1 });
  const maxDelayMs = number('reconnect.maxDelayMs', reconnect['maxDelayMs'], Math.max(30_000, initialDelayMs), { min: initialDelayMs });
  const maxAttempts =
    reconnect['maxAttempts'] === Infinity
      ? Infinity
      : number('reconnect.maxAttempts', reconnect['maxAttempts'], Infinity, { min: 1, integer: true, max: Number.MAX_SAFE_INTEGER });
  const WebSocket = given['WebSocket'];
  if (WebSocket !== undefined && typeof WebSocket !== 'function')
    throw invalid(`option WebSocket must be a WebSocket constructor, got ${show(WebSocket)}`);
  const signal = given['signal'];
  if (signal !== undefined && !isAbortSignal(signal)) throw invalid(`option signal must be an AbortSignal, got ${show(signal)}`);
  return {
    heartbeatTimeoutMs: number('heartbeatTimeoutMs', given['heartbeatTimeoutMs'], 65_000, { min: 1 }),
    renewBeforeMs: number('renewBeforeMs', given['renewBeforeMs'], 3_600_000, { min: 0 }),
    maxTopicsPerChannel: number('maxTopicsPerChannel', given['maxTopicsPerChannel'], MAX_TOPICS_PER_CHANNEL, {
      min: 1,
      integer: true,
      max: MAX_TOPICS_PER_CHANNEL,
    }),
    reconnect: { initialDelayMs, maxDelayMs, maxAttempts },
    WebSocket: WebSocket as WebSocketConstructor | undefined,
    signal: signal as AbortSignal | undefined,
    maxBufferedEvents: number('maxBufferedEvents', given['maxBufferedEvents'], 10_000, {
      min: 1,
      integer: true,
      max: Number.MAX_SAFE_INTEGER,
    }),
  };
}

function isAbortSignal(value: unknown): value is AbortSignal {
  const candidate = value as Partial<AbortSignal> | null;
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.aborted === 'boolean' &&
    typeof candidate.addEventListener === 'function'
  );
}
