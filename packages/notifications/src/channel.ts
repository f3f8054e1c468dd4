import type { NotificationsApi } from '@gcsdk/api-notifications';
import { describeError, httpStatusOf, NotificationsError } from './errors.js';
import { HeartbeatWatchdog } from './heartbeat.js';
import type { NotificationEvent, WebSocketConstructor, WebSocketLike } from './types.js';

export interface ChannelInfo {
  id: string;
  connectUri: string;
  /** Epoch ms; NaN when the service did not say. */
  expires: number;
}

export interface SocketHandlers {
  onEvent(event: NotificationEvent, channel: Channel): void;
  onSocketClosing(channel: Channel): void;
  /** The socket went away without us asking: closed, errored, or silent past the heartbeat timeout. */
  onLost(channel: Channel, reason: string): void;
  onProblem(error: NotificationsError): void;
}

const OPEN = 1;
const SYSTEM_TOPIC = 'channel.metadata';
const SOCKET_CLOSING_TOPIC = 'v2.system.socket_closing';
// A polite close waits this long for the server's closing handshake before cutting the connection.
const CLOSE_HANDSHAKE_MS = 1000;

/** Creates a channel (`POST /api/v2/notifications/channels`). */
export async function createChannel(api: NotificationsApi, signal: AbortSignal): Promise<ChannelInfo> {
  const created = await api.postNotificationsChannels({ signal });
  if (!created?.id || !created.connectUri)
    throw new NotificationsError('connect-failed', 'POST /api/v2/notifications/channels answered without an id and connectUri');
  return { id: created.id, connectUri: created.connectUri, expires: created.expires ? Date.parse(created.expires) : NaN };
}

/** `HEAD` the channel: true if it exists and has not expired, false on 404. */
export async function channelExists(api: NotificationsApi, id: string, signal: AbortSignal): Promise<boolean> {
  try {
    await api.headNotificationsChannel(id, { signal });
    return true;
  } catch (error) {
    if (httpStatusOf(error) === 404) return false;
    throw error;
  }
}

/** Topics asked for that the service's list does not hold (or holds as rejected). */
export function missingTopics(
  asked: readonly string[],
  listing: { entities?: Array<{ id?: string; state?: string }> } | undefined,
): string[] {
  const held = new Set((listing?.entities ?? []).filter((topic) => !/reject/i.test(topic.state ?? '')).map((topic) => topic.id));
  return asked.filter((topic) => !held.has(topic));
}

/**
 * One notification channel and at most one socket on it. A lost socket is final for this object: the
 * caller makes a new `Channel` (same info to reopen the channel, new info for a new channel).
 */
export class Channel {
  private socket: WebSocketLike | undefined;
  private readonly watchdog: HeartbeatWatchdog;
  /** Set once we closed the socket on purpose, or it was lost: no more reports after that. */
  private finished = false;
  private closed: Promise<void> | undefined;
  private markClosed: () => void = () => {};

  constructor(
    readonly info: ChannelInfo,
    private readonly api: NotificationsApi,
    private readonly handlers: SocketHandlers,
    heartbeatTimeoutMs: number,
  ) {
    this.watchdog = new HeartbeatWatchdog(
      heartbeatTimeoutMs,
      () => this.sendPing(),
      () => this.lose(`no frame for ${heartbeatTimeoutMs} ms (heartbeat timeout)`),
    );
  }

  get id(): string {
    return this.info.id;
  }

  /** Opens the socket; resolves once it is open. Rejects if it closes or errs first, or on abort. */
  connect(WebSocket: WebSocketConstructor, signal: AbortSignal, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      let socket: WebSocketLike;
      try {
        socket = new WebSocket(this.info.connectUri) as WebSocketLike;
      } catch (error) {
        return reject(
          new NotificationsError('connect-failed', `cannot open the socket of channel ${this.id}: ${describeError(error)}`, {
            cause: error,
          }),
        );
      }
      this.socket = socket;
      this.closed = new Promise((done) => (this.markClosed = done));
      let opening = true;
      const fail = (reason: string) => {
        if (!opening) return;
        opening = false;
        cleanup();
        this.finished = true;
        this.terminate();
        reject(new NotificationsError('connect-failed', `cannot open the socket of channel ${this.id}: ${reason}`));
      };
      const onAbort = () => fail('the client was closed');
      const timer = setTimeout(() => fail(`not open after ${timeoutMs} ms`), timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      socket.onopen = () => {
        if (!opening) return;
        opening = false;
        cleanup();
        this.watchdog.reset();
        resolve();
      };
      socket.onmessage = (event) => this.receive(event.data);
      socket.onerror = () => {
        if (opening) fail('socket error');
        else this.lose('socket error');
      };
      socket.onclose = (event) => {
        this.watchdog.stop();
        this.markClosed();
        const reason = `socket closed (code ${event.code}${event.reason ? `, ${event.reason}` : ''})`;
        if (opening) fail(reason);
        else this.lose(reason);
      };
    });
  }

  /** Closes the socket on purpose (no `onLost`); resolves when it is closed, cut after a short wait. */
  async close(): Promise<void> {
    this.finished = true;
    this.watchdog.stop();
    const socket = this.socket;
    if (!socket || !this.closed) return;
    try {
      socket.close(1000, 'client closing');
    } catch {
      this.terminate();
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_HANDSHAKE_MS)))]);
    clearTimeout(timer);
    this.terminate();
  }

  /**
   * `PUT` the full list, which also extends the channel's life; `DELETE` instead when the list is empty,
   * unless `extend` asks for the PUT anyway (renewal of a channel with no topic).
   */
  async replaceTopics(topics: readonly string[], signal: AbortSignal, extend = false): Promise<string[]> {
    if (topics.length === 0 && !extend) {
      await this.api.deleteNotificationsChannelSubscriptions(this.id, { signal });
      return [];
    }
    const listing = await this.api.putNotificationsChannelSubscriptions(
      this.id,
      topics.map((id) => ({ id })),
      { signal },
    );
    return missingTopics(topics, listing);
  }

  /** `POST` more topics; returns those the service did not take. */
  async addTopics(topics: readonly string[], signal: AbortSignal): Promise<string[]> {
    const listing = await this.api.postNotificationsChannelSubscriptions(
      this.id,
      topics.map((id) => ({ id })),
      { signal },
    );
    return missingTopics(topics, listing);
  }

  /** Reads the channel's `expires` from the channel list; false if the channel is not listed any more. */
  async refreshExpiry(signal: AbortSignal): Promise<boolean> {
    const listing = await this.api.getNotificationsChannels({ signal });
    const mine = listing?.entities?.find((channel) => channel.id === this.id);
    if (!mine) return false;
    if (mine.expires) this.info.expires = Date.parse(mine.expires);
    return true;
  }

  private receive(data: unknown): void {
    // A socket being let go (after a handover) still delivers what it receives; only live ones are watched.
    if (!this.finished) this.watchdog.reset();
    let frame: Partial<NotificationEvent> & { eventBody?: unknown };
    try {
      frame = JSON.parse(frameText(data)) as typeof frame;
    } catch (error) {
      this.handlers.onProblem(
        new NotificationsError('bad-frame', `channel ${this.id} sent a frame that is not JSON: ${describeError(error)}`),
      );
      return;
    }
    if (typeof frame !== 'object' || frame === null || typeof frame.topicName !== 'string') {
      this.handlers.onProblem(new NotificationsError('bad-frame', `channel ${this.id} sent a frame without a topicName`));
      return;
    }
    if (frame.topicName === SYSTEM_TOPIC) return; // heartbeat or pong: only the watchdog cares
    if (frame.topicName === SOCKET_CLOSING_TOPIC) {
      if (!this.finished) this.handlers.onSocketClosing(this);
      return;
    }
    this.handlers.onEvent({ version: '', metadata: {}, ...frame } as NotificationEvent, this);
  }

  private sendPing(): void {
    try {
      if (this.socket?.readyState === OPEN) this.socket.send(JSON.stringify({ message: 'ping' }));
    } catch {
      // A socket that cannot send is caught by the watchdog's timeout.
    }
  }

  /** The socket is gone or unusable: cut it, and report once (unless we were closing it ourselves). */
  private lose(reason: string): void {
    this.watchdog.stop();
    this.terminate();
    if (this.finished) return;
    this.finished = true;
    this.handlers.onLost(this, reason);
  }

  private terminate(): void {
    const socket = this.socket;
    if (!socket) return;
    try {
      if (socket.terminate) socket.terminate();
      else socket.close();
    } catch {
      // Already closed.
    }
  }
}

function frameText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return new TextDecoder().decode(data as ArrayBuffer);
  return String(data);
}
