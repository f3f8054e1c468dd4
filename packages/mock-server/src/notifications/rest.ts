/** The Notifications REST API: /api/v2/notifications/channels…, for the token's user and OAuth client. */
import type { Handler, ResourceRequest, ResourceResult } from '../resources.js';
import { SubscriptionLimitError, type Channel, type ChannelRegistry, type Owner } from './channels.js';
import { isTopic, topicProblem } from './topics.js';

const ownerOf = (req: ResourceRequest): Owner => ({ userId: req.token.userId, clientId: req.token.clientId });

const badRequest = (message: string, code = 'bad.request'): ResourceResult => ({ status: 400, body: { message, code } });
const noChannel = (id: string): ResourceResult => ({
  status: 404,
  body: { message: `Channel ${id} not found (unknown, expired or evicted)`, code: 'not.found' },
});

const describe = (registry: ChannelRegistry, c: Channel) => ({
  id: c.id,
  connectUri: registry.connectUri(c),
  expires: new Date(c.expiresAt).toISOString(),
});
const topicListing = (c: Channel) => ({ entities: [...c.topics].map((id) => ({ id })) });

/** A handler on one of the caller's live channels. */
function onChannel(act: (channel: Channel, req: ResourceRequest, registry: ChannelRegistry) => ResourceResult): Handler {
  return (_store, req, _oauth, registry) => {
    const id = req.params['channelId']!;
    const channel = registry.get(id, ownerOf(req));
    return channel ? act(channel, req, registry) : noChannel(id);
  };
}

/** PUT (replace) and POST (add) subscriptions: `[{ id: topic }, …]`. */
function subscribe(replace: boolean): Handler {
  return onChannel((channel, req, registry) => {
    const items = Array.isArray(req.body) ? (req.body as unknown[]) : [];
    const ignoreErrors = req.query.get('ignoreErrors') === 'true';
    const topics: string[] = [];
    for (const item of items) {
      const id = item && typeof item === 'object' ? (item as { id?: unknown }).id : undefined;
      if (isTopic(id)) topics.push(id);
      else if (!ignoreErrors) return badRequest(topicProblem(id), 'notification.topic.invalid');
    }
    try {
      registry.subscribe(channel, topics, replace);
    } catch (error) {
      if (error instanceof SubscriptionLimitError) return badRequest(error.message, error.code);
      throw error;
    }
    return { status: 200, body: topicListing(channel) };
  });
}

export const NOTIFICATION_RESOURCES: Record<string, Handler> = {
  'POST /api/v2/notifications/channels': (_s, req, _o, registry) => ({
    status: 200,
    body: describe(registry, registry.create(ownerOf(req))),
  }),
  'GET /api/v2/notifications/channels': (_s, req, _o, registry) => ({
    status: 200,
    body: { entities: registry.ownedBy(ownerOf(req)).map((c) => describe(registry, c)) },
  }),
  'HEAD /api/v2/notifications/channels/{channelId}': onChannel(() => ({ status: 200 })),
  'GET /api/v2/notifications/channels/{channelId}/subscriptions': onChannel((channel) => ({ status: 200, body: topicListing(channel) })),
  'PUT /api/v2/notifications/channels/{channelId}/subscriptions': subscribe(true),
  'POST /api/v2/notifications/channels/{channelId}/subscriptions': subscribe(false),
  'DELETE /api/v2/notifications/channels/{channelId}/subscriptions': onChannel((channel, _req, registry) => {
    registry.unsubscribeAll(channel);
    return { status: 204 };
  }),
};
