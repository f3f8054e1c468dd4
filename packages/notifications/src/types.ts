import type { EventBodyOf } from './generated/topics.js';

export type NotificationState = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** One event as the service sends it; `eventBody` is typed from the topic name where the spec knows it. */
export interface NotificationEvent<T extends string = string> {
  topicName: T;
  version: string;
  eventBody: EventBodyOf<T>;
  metadata: { CorrelationId?: string; [key: string]: unknown };
}

/** What a WebSocket constructor must make: the standard browser API (which `ws` also offers). */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** `ws` only: destroys the TCP connection without a closing handshake. */
  terminate?(): void;
}

/** Any WebSocket class: `globalThis.WebSocket`, `ws`'s, or a test double. */
export type WebSocketConstructor = new (url: string) => object;

export interface ReconnectOptions {
  /** First delay before retrying a failed reconnect (ms). Default 500. */
  initialDelayMs?: number;
  /** Cap of the exponential delay (ms). Default 30,000. */
  maxDelayMs?: number;
  /** Attempts before giving up and closing the client. Default Infinity. */
  maxAttempts?: number;
}

export interface NotificationClientOptions {
  /** No frame at all for this long means the socket is dead and is replaced (ms). Default 65,000. */
  heartbeatTimeoutMs?: number;
  /** Renew a channel this long before it expires (ms); never later than 80 % of its remaining lifetime. Default 1 hour. */
  renewBeforeMs?: number;
  /** Topics per channel, at most 1,000 (the service's limit). Default 1,000. */
  maxTopicsPerChannel?: number;
  reconnect?: ReconnectOptions;
  /** The WebSocket class to use. Default: `ws` in Node, `globalThis.WebSocket` in browsers. */
  WebSocket?: WebSocketConstructor;
  /** Aborting it closes the client. */
  signal?: AbortSignal;
  /** Events an async iterator holds for a slow consumer before dropping the oldest. Default 10,000. */
  maxBufferedEvents?: number;
}
