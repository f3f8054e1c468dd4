import type { NotificationsApi } from '@gcsdk/api-notifications';
import { backoffDelay, sleep } from './backoff.js';
import { Channel, channelExists, createChannel, type ChannelInfo, type SocketHandlers } from './channel.js';
import { describeError, httpStatusOf, NotificationsError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import type { NotificationEvent, WebSocketConstructor } from './types.js';

/** What a slot needs from the client that owns it. */
export interface SlotContext {
  api: NotificationsApi;
  options: ResolvedOptions;
  /** Aborted when the client closes: every request, wait and socket opening stops. */
  signal: AbortSignal;
  webSocket(): Promise<WebSocketConstructor>;
  deliver(event: NotificationEvent): void;
  report(error: NotificationsError): void;
  stateChanged(): void;
  /** Recovery gave up (`reconnect.maxAttempts`): the client cannot keep its promise and closes. */
  fail(error: NotificationsError): void;
  random?: () => number;
}

// Renewal never fires sooner than this after the last one, so that a service that does not extend the
// channel is not asked again and again as its expiry nears; it will close the socket, and we reconnect.
const MIN_RENEWAL_DELAY_MS = 50;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One share of the wanted topics (at most `maxTopicsPerChannel`) and the channel that carries them now.
 * The channel changes (socket lost, socket_closing, expiry), the topics stay: every replacement channel
 * gets all of them before the old one is let go. Operations on a slot run one at a time, in order.
 */
export class ChannelSlot {
  /** The topics this slot must carry, changed synchronously by the client so that shares never overlap. */
  readonly wanted = new Set<string>();
  private current: Channel | undefined;
  private currentLost = false;
  /** Every channel with a socket we opened and have not seen closed: close() closes them all. */
  private readonly live = new Set<Channel>();
  private tail: Promise<unknown> = Promise.resolve();
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly handlers: SocketHandlers;

  constructor(private readonly context: SlotContext) {
    this.handlers = {
      onEvent: (event) => context.deliver(event),
      onSocketClosing: (channel) => {
        if (channel === this.current) void this.recover(channel, 'handover');
      },
      onLost: (channel, reason) => {
        this.live.delete(channel);
        if (channel !== this.current || this.closed) return;
        this.currentLost = true;
        context.stateChanged();
        context.report(new NotificationsError('socket-lost', `channel ${channel.id}: ${reason}; reconnecting`));
        void this.recover(channel, 'reconnect');
      },
      onProblem: (error) => context.report(error),
    };
  }

  /** True while the socket carrying these topics is gone and a new one is not open yet. */
  get reconnecting(): boolean {
    return this.currentLost;
  }

  get channelId(): string | undefined {
    return this.current?.id;
  }

  /** Creates the slot's first channel and opens its socket. */
  open(): Promise<void> {
    return this.run(() => this.connectNewChannel());
  }

  /** Adds topics (already put in `wanted` by the caller) with a POST; those the service refuses leave `wanted`. */
  add(topics: readonly string[]): Promise<void> {
    return this.run(async () => {
      try {
        if (!this.current) await this.connectNewChannel();
        const channel = this.current as Channel;
        let refused: string[];
        try {
          refused = await channel.addTopics(topics, this.context.signal);
        } catch (error) {
          if (httpStatusOf(error) !== 404) throw error;
          // The channel is gone (expired or evicted): its replacement gets every wanted topic, these included.
          return await this.replace(channel, false);
        }
        if (refused.length > 0) {
          for (const topic of refused) this.wanted.delete(topic);
          throw new NotificationsError(
            'topic-rejected',
            `the service did not accept ${refused.length === 1 ? 'topic' : 'topics'} ${refused.join(', ')}`,
          );
        }
      } catch (error) {
        for (const topic of topics) this.wanted.delete(topic);
        throw this.closed ? closedError() : error;
      }
    });
  }

  /** Resolves once the operations queued so far (a pending POST of the same topics, say) are done. */
  settled(): Promise<void> {
    return this.run(async () => undefined);
  }

  /** Brings the channel's list in line with `wanted` (already shrunk by the caller): PUT, or DELETE when empty. */
  sync(): Promise<void> {
    return this.run(async () => {
      const channel = this.current;
      if (!channel || this.currentLost) return; // the reconnect will PUT `wanted`
      try {
        await channel.replaceTopics([...this.wanted], this.context.signal);
      } catch (error) {
        if (httpStatusOf(error) !== 404) throw this.closed ? closedError() : error;
        await this.replace(channel, false);
      }
    });
  }

  /** Closes every socket and timer of the slot; no reconnect after this. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.renewTimer);
    await Promise.all([...this.live].map((channel) => channel.close()));
    this.live.clear();
  }

  private run<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.tail.then(operation, operation);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Replaces a lost or closing channel, with retries; a failure past `maxAttempts` closes the client. */
  private recover(failed: Channel, kind: 'reconnect' | 'handover'): Promise<void> {
    return this.run(async () => {
      if (this.closed || this.current !== failed) return;
      // After a lost socket, the same channel is reused if it still exists; a handover needs a new one.
      await this.replace(failed, kind === 'reconnect');
    }).catch((error: unknown) => {
      if (!this.closed)
        this.context.fail(
          error instanceof NotificationsError ? error : new NotificationsError('reconnect-failed', describeError(error), { cause: error }),
        );
    });
  }

  /**
   * Puts a working channel carrying every wanted topic in place of `failed`, then lets `failed` go:
   * during a handover both sockets are open for a moment (the client drops the duplicates), so no event
   * published meanwhile is missed.
   */
  private async replace(failed: Channel, reuse: boolean): Promise<void> {
    const { maxAttempts, ...delays } = this.context.options.reconnect;
    for (let attempt = 0; ; attempt++) {
      try {
        if (reuse && (await channelExists(this.context.api, failed.id, this.context.signal))) {
          const channel = await this.openSocket({ ...failed.info });
          await this.withTopics(channel, true);
          return this.adopt(channel);
        }
        return await this.connectNewChannel();
      } catch (error) {
        if (this.closed || this.context.signal.aborted) throw closedError();
        if (attempt + 1 >= maxAttempts)
          throw new NotificationsError(
            'reconnect-failed',
            `could not replace channel ${failed.id} after ${attempt + 1} attempts: ${describeError(error)}`,
            {
              cause: error,
            },
          );
        const delay = backoffDelay(attempt, delays, this.context.random);
        this.context.report(
          new NotificationsError(
            'socket-lost',
            `attempt ${attempt + 1} to replace channel ${failed.id} failed: ${describeError(error)}; retrying in ${delay} ms`,
            {
              cause: error,
            },
          ),
        );
        await sleep(delay, this.context.signal);
      }
    }
  }

  private async connectNewChannel(): Promise<void> {
    const info = await createChannel(this.context.api, this.context.signal);
    const channel = await this.openSocket(info);
    await this.withTopics(channel, false);
    this.adopt(channel);
  }

  /** PUTs every wanted topic on a channel whose socket is open (closing it if that fails). */
  private async withTopics(channel: Channel, readExpiry: boolean): Promise<void> {
    try {
      if (this.wanted.size > 0) {
        const refused = await channel.replaceTopics([...this.wanted], this.context.signal);
        if (refused.length > 0)
          this.context.report(
            new NotificationsError('topic-rejected', `channel ${channel.id} did not accept ${refused.join(', ')}; they stay wanted`),
          );
      }
      // The PUT extended a reused channel: learn its new expiry so that renewal is timed from it.
      if (readExpiry) await channel.refreshExpiry(this.context.signal);
    } catch (error) {
      await this.letGo(channel);
      throw error;
    }
  }

  private async openSocket(info: ChannelInfo): Promise<Channel> {
    const { options, signal } = this.context;
    const channel = new Channel(info, this.context.api, this.handlers, options.heartbeatTimeoutMs);
    this.live.add(channel);
    try {
      await channel.connect(await this.context.webSocket(), signal, options.heartbeatTimeoutMs);
    } catch (error) {
      this.live.delete(channel);
      throw error;
    }
    return channel;
  }

  private adopt(channel: Channel): void {
    if (this.closed) {
      void this.letGo(channel);
      throw closedError();
    }
    const previous = this.current;
    this.current = channel;
    this.currentLost = false;
    this.scheduleRenewal();
    this.context.stateChanged();
    if (previous && previous !== channel) void this.letGo(previous);
  }

  private async letGo(channel: Channel): Promise<void> {
    await channel.close();
    this.live.delete(channel);
  }

  private scheduleRenewal(): void {
    clearTimeout(this.renewTimer);
    const channel = this.current;
    if (!channel || this.closed) return;
    const remaining = channel.info.expires - Date.now();
    // Unknown or past expiry: the service closes the socket ('channel expired') and we reconnect then.
    if (!Number.isFinite(remaining) || remaining <= MIN_RENEWAL_DELAY_MS) return;
    const delay = Math.min(remaining - this.context.options.renewBeforeMs, remaining * 0.8);
    this.renewTimer = setTimeout(() => void this.renew(channel), Math.min(Math.max(delay, MIN_RENEWAL_DELAY_MS), MAX_TIMER_MS));
  }

  /** PUTs the topics again (which extends the channel) and reads the new expiry; a gone channel is replaced. */
  private renew(channel: Channel): Promise<void> {
    return this.run(async () => {
      if (this.closed || this.current !== channel || this.currentLost) return;
      try {
        await channel.replaceTopics([...this.wanted], this.context.signal, true);
        if (!(await channel.refreshExpiry(this.context.signal)))
          throw new NotificationsError('renewal-failed', `channel ${channel.id} is gone`);
        this.scheduleRenewal();
      } catch (error) {
        if (this.closed) return;
        if (httpStatusOf(error) === 404 || (error instanceof NotificationsError && error.code === 'renewal-failed'))
          return await this.replace(channel, false);
        this.context.report(
          new NotificationsError('renewal-failed', `could not renew channel ${channel.id}: ${describeError(error)}; will retry`, {
            cause: error,
          }),
        );
        this.scheduleRenewal();
      }
    }).catch((error: unknown) => {
      if (!this.closed)
        this.context.fail(
          error instanceof NotificationsError ? error : new NotificationsError('renewal-failed', describeError(error), { cause: error }),
        );
    });
  }
}

function closedError(): NotificationsError {
  return new NotificationsError('closed', 'the notification client is closed');
}
