/**
 * The types of `server.notifications`, kept apart from the modules that implement them: these reach a
 * user's declarations, so they must not pull in Node's types (a browser test project has none).
 */
export interface PublishResult {
  /** Sockets the event was sent to. */
  delivered: number;
  correlationId: string;
}

export interface ChannelSelector {
  /** One channel; all open sockets when absent. */
  channelId?: string;
}

export interface ChannelSummary {
  id: string;
  expires: string;
  topics: string[];
  /** Open sockets. */
  sockets: number;
  /** null for a client-credentials token. */
  userId: string | null;
  clientId: string;
}

/** Counts of sockets a control acted on. */
export interface ControlResult {
  sockets: number;
}

export interface MockNotifications {
  /** Publishes an event to the channels subscribed to the topic. */
  publish(topic: string, eventBody: unknown): PublishResult;
  /** Sends v2.system.socket_closing, then closes the socket(s) after `graceMs` (default 10 s). */
  socketClosing(options?: ChannelSelector & { graceMs?: number }): ControlResult;
  /** Destroys the socket(s) with no close frame. */
  drop(options?: ChannelSelector): ControlResult;
  /** Keeps the socket(s) open but sends nothing more (no heartbeats, no events). */
  silence(options?: ChannelSelector): ControlResult;
  channels(): ChannelSummary[];
}
