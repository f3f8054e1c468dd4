import { NotificationsApi } from '@gcsdk/api-notifications';
import { ApiClient } from '@gcsdk/core';
import { ChannelSlot } from './channel-slot.js';
import { describeError, NotificationsError } from './errors.js';
import { EventQueue } from './event-queue.js';
import { Listeners } from './listeners.js';
import { MAX_CHANNELS, resolveOptions, type ResolvedOptions } from './options.js';
import { RecentIds } from './recent-ids.js';
import { defaultWebSocket } from './socket.js';
import { topicList } from './topic-list.js';
import type { NotificationClientOptions, NotificationEvent, NotificationState, WebSocketConstructor } from './types.js';

// Correlation ids remembered to drop the copies a handover delivers twice; the overlap lasts seconds.
const RECENT_EVENT_IDS = 10_000;

export type EventHandler<T extends string = string> = (event: NotificationEvent<T>) => void;

interface ClientEvents {
  state: NotificationState;
  error: NotificationsError;
}

/**
 * A Notifications API client: keeps the wanted topics subscribed over as many channels as they need,
 * whatever happens to sockets and channels, and hands out their events once each.
 */
export class NotificationClient implements AsyncIterable<NotificationEvent> {
  private readonly api: NotificationsApi;
  private readonly options: ResolvedOptions;
  private readonly slots: ChannelSlot[] = [];
  private readonly handlers = new Map<string, Set<EventHandler>>();
  private readonly iterators = new Set<EventQueue<NotificationEvent>>();
  private readonly recentIds = new RecentIds(RECENT_EVENT_IDS);
  private readonly stateListeners = new Listeners<NotificationState>();
  private readonly errorListeners = new Listeners<NotificationsError>();
  private readonly lifetime = new AbortController();
  private currentState: NotificationState = 'connecting';
  private everOpen = false;
  private closing: Promise<void> | undefined;
  private webSocketClass: Promise<WebSocketConstructor> | undefined;
  private readonly detachSignal: () => void = () => {};

  /** @internal Use `createNotificationClient`. */
  constructor(apiClient: ApiClient, options: ResolvedOptions) {
    this.api = new NotificationsApi(apiClient);
    this.options = options;
    const { signal } = options;
    if (signal) {
      const onAbort = () => void this.close();
      signal.addEventListener('abort', onAbort, { once: true });
      this.detachSignal = () => signal.removeEventListener('abort', onAbort);
    }
  }

  /** 'connecting' until the first channel is open, then 'open' / 'reconnecting', and 'closed' at the end. */
  get state(): NotificationState {
    return this.currentState;
  }

  /** @internal Opens the first channel; `createNotificationClient` awaits it. */
  async start(): Promise<void> {
    if (this.options.signal?.aborted) throw new NotificationsError('aborted', 'options.signal was already aborted');
    const first = this.newSlot();
    try {
      await first.open();
    } catch (error) {
      await this.close();
      throw error instanceof NotificationsError && error.code === 'closed'
        ? new NotificationsError('aborted', 'the client was closed before its first channel opened')
        : new NotificationsError('connect-failed', `could not open a notification channel: ${describeError(error)}`, { cause: error });
    }
  }

  /**
   * Subscribes to one topic or several (`v2.…` names), spreading them over channels of at most
   * `maxTopicsPerChannel`. Resolves when the service has them. Topics already subscribed are not asked
   * again; `onEvent` (if given) then hears them as well. `onEvent` gets only its topics' events.
   */
  subscribe<T extends string>(topics: T | readonly T[], onEvent?: EventHandler<T>): Promise<void>;
  /** The same, with a callback written for any topic (its `eventBody` is the generic record). */
  subscribe(topics: string | readonly string[], onEvent: EventHandler): Promise<void>;
  async subscribe(topics: string | readonly string[], onEvent?: EventHandler): Promise<void> {
    this.assertOpen('subscribe');
    const list = topicList(topics, 'subscribe');
    if (onEvent !== undefined && typeof onEvent !== 'function')
      throw new NotificationsError('invalid-option', `subscribe(): onEvent must be a function, got ${typeof onEvent}`);
    const fresh = list.filter((topic) => !this.slotOf(topic));
    const capacity = MAX_CHANNELS * this.options.maxTopicsPerChannel;
    const total = this.subscriptions().length + fresh.length;
    if (total > capacity)
      throw new NotificationsError(
        'too-many-topics',
        `subscribe(): ${total} topics need more than ${MAX_CHANNELS} channels of ${this.options.maxTopicsPerChannel} topics; ` +
          `the service allows ${MAX_CHANNELS} channels per user and OAuth client and would evict the oldest`,
      );
    const handler = onEvent;
    if (handler) for (const topic of list) this.handlersOf(topic).add(handler);
    // Topics already wanted may still be on their way (another subscribe's POST): wait for them too.
    const freshSet = new Set(fresh);
    const pending = new Set(list.filter((topic) => !freshSet.has(topic)).map((topic) => this.slotOf(topic) as ChannelSlot));
    try {
      await Promise.all([...this.assign(fresh).map(([slot, share]) => slot.add(share)), ...[...pending].map((slot) => slot.settled())]);
    } catch (error) {
      if (handler) for (const topic of list) if (!this.slotOf(topic)) this.handlers.get(topic)?.delete(handler);
      this.dropEmptySlots();
      throw error;
    }
  }

  /** Unsubscribes topics (unknown ones are ignored) and forgets their `onEvent` callbacks. */
  async unsubscribe(topics: string | readonly string[]): Promise<void> {
    this.assertOpen('unsubscribe');
    const list = topicList(topics, 'unsubscribe');
    const touched = new Set<ChannelSlot>();
    for (const topic of list) {
      this.handlers.delete(topic);
      const slot = this.slotOf(topic);
      if (!slot) continue;
      slot.wanted.delete(topic);
      touched.add(slot);
    }
    await Promise.all([...touched].map((slot) => slot.sync()));
  }

  /** The topics currently wanted, across every channel. */
  subscriptions(): string[] {
    return this.slots.flatMap((slot) => [...slot.wanted]);
  }

  /** Listens to state changes or to non-fatal problems; returns the function that stops listening. */
  on<E extends keyof ClientEvents>(event: E, listener: (value: ClientEvents[E]) => void): () => void {
    if (typeof listener !== 'function')
      throw new NotificationsError('invalid-option', `on('${String(event)}'): the listener must be a function`);
    if (event === 'state') return this.stateListeners.add(listener as (value: NotificationState) => void);
    if (event === 'error') return this.errorListeners.add(listener as (value: NotificationsError) => void);
    throw new NotificationsError('invalid-option', `on(): unknown event ${JSON.stringify(event)} (known: state, error)`);
  }

  /** Every event from now until `close()`; each iterator has its own buffer of `maxBufferedEvents`. */
  [Symbol.asyncIterator](): AsyncIterableIterator<NotificationEvent> {
    const queue: EventQueue<NotificationEvent> = new EventQueue<NotificationEvent>(
      this.options.maxBufferedEvents,
      (count) =>
        this.report(
          new NotificationsError(
            'events-dropped',
            `an async iterator fell behind: ${count} oldest ${count === 1 ? 'event was' : 'events were'} dropped (maxBufferedEvents ${this.options.maxBufferedEvents})`,
          ),
        ),
      () => this.iterators.delete(queue),
    );
    if (this.closing) queue.end();
    else this.iterators.add(queue);
    return queue;
  }

  /** Closes every socket, clears every timer, ends the iterators. Safe to call more than once. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    this.lifetime.abort(new NotificationsError('closed', 'the notification client is closed'));
    this.detachSignal();
    this.setState('closed');
    for (const queue of this.iterators) queue.end();
    this.iterators.clear();
    this.closing = Promise.all(this.slots.map((slot) => slot.close())).then(() => {
      this.stateListeners.clear();
      this.errorListeners.clear();
    });
    return this.closing;
  }

  private newSlot(): ChannelSlot {
    const slot = new ChannelSlot({
      api: this.api,
      options: this.options,
      signal: this.lifetime.signal,
      webSocket: () => (this.webSocketClass ??= this.options.WebSocket ? Promise.resolve(this.options.WebSocket) : defaultWebSocket()),
      deliver: (event) => this.deliver(event),
      report: (error) => this.report(error),
      stateChanged: () => this.refreshState(),
      fail: (error) => {
        this.report(error);
        void this.close();
      },
    });
    this.slots.push(slot);
    return slot;
  }

  /** Shares out new topics: first the room left on existing slots, then new slots. */
  private assign(topics: string[]): Array<[ChannelSlot, string[]]> {
    const shares: Array<[ChannelSlot, string[]]> = [];
    let rest = topics;
    for (const slot of [...this.slots]) {
      if (rest.length === 0) break;
      const room = this.options.maxTopicsPerChannel - slot.wanted.size;
      if (room <= 0) continue;
      shares.push([slot, rest.slice(0, room)]);
      rest = rest.slice(room);
    }
    while (rest.length > 0) {
      shares.push([this.newSlot(), rest.slice(0, this.options.maxTopicsPerChannel)]);
      rest = rest.slice(this.options.maxTopicsPerChannel);
    }
    for (const [slot, share] of shares) for (const topic of share) slot.wanted.add(topic);
    return shares;
  }

  /** Slots made for a subscribe that failed before their channel opened are dropped again. */
  private dropEmptySlots(): void {
    for (let index = this.slots.length - 1; index > 0; index--) {
      const slot = this.slots[index] as ChannelSlot;
      if (slot.wanted.size === 0 && slot.channelId === undefined) {
        this.slots.splice(index, 1);
        void slot.close();
      }
    }
  }

  private slotOf(topic: string): ChannelSlot | undefined {
    return this.slots.find((slot) => slot.wanted.has(topic));
  }

  private handlersOf(topic: string): Set<EventHandler> {
    let set = this.handlers.get(topic);
    if (!set) this.handlers.set(topic, (set = new Set()));
    return set;
  }

  private deliver(event: NotificationEvent): void {
    if (this.closing) return;
    const id = event.metadata?.CorrelationId;
    if (typeof id === 'string' && !this.recentIds.add(id)) return; // the same event from the other channel of a handover
    for (const handler of [...(this.handlers.get(event.topicName) ?? [])]) {
      try {
        handler(event);
      } catch (error) {
        this.report(
          new NotificationsError('handler-failed', `an onEvent callback of ${event.topicName} threw: ${describeError(error)}`, {
            cause: error,
          }),
        );
      }
    }
    for (const queue of this.iterators) queue.push(event);
  }

  private report(error: NotificationsError): void {
    if (this.closing && error.code !== 'reconnect-failed' && error.code !== 'renewal-failed') return;
    // Nobody listening: say it on the console rather than lose it (the message never holds a token).
    if (this.errorListeners.size === 0) return console.warn(`@gcsdk/notifications: ${error.message} (handle it with on('error'))`);
    this.errorListeners.emit(error, () => undefined); // a throwing error listener has nobody left to tell
  }

  private refreshState(): void {
    if (this.closing) return;
    const opened = this.slots.some((slot) => slot.channelId !== undefined);
    if (opened) this.everOpen = true;
    if (!this.everOpen) return this.setState('connecting');
    this.setState(this.slots.some((slot) => slot.reconnecting) ? 'reconnecting' : 'open');
  }

  private setState(state: NotificationState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.stateListeners.emit(state, (error) =>
      this.report(new NotificationsError('handler-failed', `a state listener threw: ${describeError(error)}`, { cause: error })),
    );
  }

  private assertOpen(what: string): void {
    if (this.closing) throw new NotificationsError('closed', `${what}(): the notification client is closed`);
  }
}

/**
 * Opens a notification channel for `apiClient` (default `ApiClient.instance`) and resolves with a client
 * whose state is `open`. Options are checked first; a bad one rejects with an error naming it.
 */
export async function createNotificationClient(apiClient?: ApiClient, options?: NotificationClientOptions): Promise<NotificationClient> {
  if (
    apiClient !== undefined &&
    (typeof apiClient !== 'object' || apiClient === null || typeof (apiClient as { callApi?: unknown }).callApi !== 'function')
  )
    throw new NotificationsError('invalid-option', 'createNotificationClient(): the first argument must be an ApiClient of @gcsdk/core');
  const client = new NotificationClient(apiClient ?? ApiClient.instance, resolveOptions(options));
  await client.start();
  return client;
}
