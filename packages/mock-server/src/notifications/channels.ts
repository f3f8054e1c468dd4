/**
 * The notification channels: who owns each, its topics, its expiry, and the service's limits
 * (1,000 topics per channel; 20 channels per user and OAuth client, the oldest evicted by the 21st).
 */
import { randomUUID } from 'node:crypto';

export const MAX_TOPICS_PER_CHANNEL = 1000;
export const MAX_CHANNELS_PER_OWNER = 20;
export const SUBSCRIPTION_LIMIT_CODE = 'notification.channel.subscriptions.limit';

export interface Owner {
  userId: string | undefined;
  clientId: string;
}

export interface Channel {
  id: string;
  owner: Owner;
  /** Topics in subscription order. */
  topics: Set<string>;
  expiresAt: number;
}

/** Why a channel went away: the hub closes its sockets accordingly. */
export type GoneReason = 'expired' | 'evicted';

export class SubscriptionLimitError extends Error {
  readonly code = SUBSCRIPTION_LIMIT_CODE;
}

const ownerKey = (o: Owner) => `${o.userId ?? ''}\u0000${o.clientId}`;

export class ChannelRegistry {
  private readonly channels = new Map<string, Channel>();
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();
  /** Base of connectUri (`ws://host:port`); set once the server listens. */
  wsBase = 'ws://127.0.0.1';
  /** Told when a channel expires or is evicted (the hub closes its sockets). */
  onGone: (channel: Channel, reason: GoneReason) => void = () => {};

  constructor(private readonly lifetimeMs: number) {}

  connectUri(channel: Channel): string {
    return `${this.wsBase}/channels/${channel.id}`;
  }

  /** A new channel for the owner; past the per-owner limit the oldest of theirs is evicted. */
  create(owner: Owner): Channel {
    const mine = this.ownedBy(owner);
    if (mine.length >= MAX_CHANNELS_PER_OWNER) this.remove(mine[0]!, 'evicted');
    const channel: Channel = { id: randomUUID(), owner: { ...owner }, topics: new Set(), expiresAt: 0 };
    this.channels.set(channel.id, channel);
    this.extend(channel);
    return channel;
  }

  /** A live channel by id; with `owner`, only one of theirs. */
  get(id: string, owner?: Owner): Channel | undefined {
    const channel = this.channels.get(id);
    if (!channel) return undefined;
    // The timer may lag behind the clock; an expired channel is gone either way.
    if (channel.expiresAt <= Date.now()) {
      this.remove(channel, 'expired');
      return undefined;
    }
    return !owner || ownerKey(owner) === ownerKey(channel.owner) ? channel : undefined;
  }

  /** The owner's live channels, oldest first. */
  ownedBy(owner: Owner): Channel[] {
    const key = ownerKey(owner);
    return this.all().filter((c) => ownerKey(c.owner) === key);
  }

  /** Every live channel, oldest first. */
  all(): Channel[] {
    return [...this.channels.values()].filter((c) => this.get(c.id) !== undefined);
  }

  /** Replaces (PUT) or adds to (POST) the channel's topics; either extends the channel's life. */
  subscribe(channel: Channel, topics: string[], replace: boolean): void {
    const next = new Set(replace ? topics : [...channel.topics, ...topics]);
    if (next.size > MAX_TOPICS_PER_CHANNEL)
      throw new SubscriptionLimitError(
        `A channel can be subscribed to at most ${MAX_TOPICS_PER_CHANNEL} topics; this request would make ${next.size}`,
      );
    channel.topics = next;
    this.extend(channel);
  }

  unsubscribeAll(channel: Channel): void {
    channel.topics = new Set();
  }

  /** Live channels subscribed to the topic. */
  subscribedTo(topic: string): Channel[] {
    return this.all().filter((c) => c.topics.has(topic));
  }

  /** Stops every expiry timer and forgets every channel (the server is closing). */
  close(): void {
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
    this.channels.clear();
  }

  private extend(channel: Channel): void {
    channel.expiresAt = Date.now() + this.lifetimeMs;
    clearTimeout(this.expiryTimers.get(channel.id));
    this.expiryTimers.set(
      channel.id,
      setTimeout(() => this.remove(channel, 'expired'), this.lifetimeMs),
    );
  }

  private remove(channel: Channel, reason: GoneReason): void {
    if (!this.channels.delete(channel.id)) return;
    clearTimeout(this.expiryTimers.get(channel.id));
    this.expiryTimers.delete(channel.id);
    this.onGone(channel, reason);
  }
}
