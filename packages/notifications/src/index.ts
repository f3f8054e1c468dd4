// @gcsdk/notifications — the Notifications API over WebSocket: typed events, and subscriptions that
// survive lost sockets, maintenance handovers, channel expiry and the per-channel topic limit.
export { createNotificationClient, NotificationClient, type EventHandler } from './client.js';
export { NotificationsError, type NotificationsErrorCode } from './errors.js';
export { MAX_CHANNELS, MAX_TOPICS_PER_CHANNEL } from './options.js';
export type {
  NotificationClientOptions,
  NotificationEvent,
  NotificationState,
  ReconnectOptions,
  WebSocketConstructor,
  WebSocketLike,
} from './types.js';
export type {
  EventBodyOf,
  Events,
  GenericEventBody,
  TemplatesOf,
  TopicEventBodies,
  TopicPattern,
  TopicPatterns,
  TopicTemplate,
} from './generated/topics.js';
