/**
 * The test controls of notifications: `server.notifications.*` and the `/__mock/notifications/*`
 * endpoints, which check their input and answer `{ status, body }`.
 */
import type { ChannelRegistry } from './channels.js';
import type { ChannelSelector, ControlResult, MockNotifications } from './api.js';
import { UnknownChannelError, type NotificationHub } from './hub.js';
import { isTopic, topicProblem } from './topics.js';
import { isRecord } from '../records.js';

export const DEFAULT_GRACE_MS = 10_000;
/** Longest socket_closing grace accepted (an hour): longer is a mistake, not a test. */
const MAX_GRACE_MS = 3_600_000;

/** A bad control call; `status` is 400 for bad input, 404 for an unknown channel. */
export class ControlError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404,
  ) {
    super(message);
  }
}

function selector(what: string, body: unknown, allowed: string[]): Record<string, unknown> {
  if (body === undefined) return {};
  if (!isRecord(body)) throw new ControlError(`${what}: the body must be a JSON object`, 400);
  const unknown = Object.keys(body).find((k) => !allowed.includes(k));
  if (unknown !== undefined)
    throw new ControlError(`${what}: unknown field ${JSON.stringify(unknown)} (known: ${allowed.join(', ')})`, 400);
  const id = body['channelId'];
  if (id !== undefined && (typeof id !== 'string' || !id)) throw new ControlError(`${what}: channelId must be a non-empty string`, 400);
  return body;
}

function onChannels(what: string, act: (channelId: string | undefined) => number, channelId: string | undefined): ControlResult {
  try {
    return { sockets: act(channelId) };
  } catch (error) {
    if (error instanceof UnknownChannelError) throw new ControlError(`${what}: ${error.message}`, 404);
    throw error;
  }
}

export function mockNotifications(hub: NotificationHub, registry: ChannelRegistry): MockNotifications {
  return {
    publish(topic, eventBody) {
      if (!isTopic(topic)) throw new ControlError(`publish: ${topicProblem(topic)}`, 400);
      if (eventBody === undefined) throw new ControlError('publish: eventBody is required (any JSON value, usually an object)', 400);
      return hub.publish(topic, eventBody);
    },
    socketClosing(options) {
      const o = selector('socketClosing', options, ['channelId', 'graceMs']);
      const grace = o['graceMs'] ?? DEFAULT_GRACE_MS;
      if (typeof grace !== 'number' || !Number.isInteger(grace) || grace < 0 || grace > MAX_GRACE_MS)
        throw new ControlError(`socketClosing: graceMs must be a whole number of milliseconds from 0 to ${MAX_GRACE_MS}`, 400);
      return onChannels('socketClosing', (id) => hub.socketClosing(id, grace), o['channelId'] as string | undefined);
    },
    drop(options) {
      const o = selector('drop', options, ['channelId']);
      return onChannels('drop', (id) => hub.drop(id), o['channelId'] as string | undefined);
    },
    silence(options) {
      const o = selector('silence', options, ['channelId']);
      return onChannels('silence', (id) => hub.silence(id), o['channelId'] as string | undefined);
    },
    channels: () =>
      registry.all().map((c) => ({
        id: c.id,
        expires: new Date(c.expiresAt).toISOString(),
        topics: [...c.topics],
        sockets: hub.openSockets(c.id),
        userId: c.owner.userId ?? null,
        clientId: c.owner.clientId,
      })),
  };
}

/** The `/__mock/notifications/*` endpoints; undefined when the path is not one of them. */
export function notificationControl(
  api: MockNotifications,
  method: string,
  pathname: string,
  body: unknown,
): { status: number; body: unknown } | undefined {
  const action = pathname.slice('/__mock/notifications/'.length);
  if (action === 'channels' && method === 'GET') return { status: 200, body: api.channels() };
  if (method !== 'POST') return undefined;
  switch (action) {
    case 'publish': {
      if (!isRecord(body)) throw new ControlError('publish: the body must be { "topic": "v2.…", "eventBody": { … } }', 400);
      const unknown = Object.keys(body).find((k) => k !== 'topic' && k !== 'eventBody');
      if (unknown !== undefined) throw new ControlError(`publish: unknown field ${JSON.stringify(unknown)} (known: topic, eventBody)`, 400);
      return { status: 200, body: api.publish(body['topic'] as string, body['eventBody']) };
    }
    case 'socket-closing':
      return { status: 200, body: api.socketClosing(body as ChannelSelector) };
    case 'drop':
      return { status: 200, body: api.drop(body as ChannelSelector) };
    case 'silence':
      return { status: 200, body: api.silence(body as ChannelSelector) };
    default:
      return undefined;
  }
}
