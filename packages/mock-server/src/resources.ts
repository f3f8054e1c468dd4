/** Handlers for the stateful resources, by `METHOD template`. Anything else is synthesised from the spec. */
import { globMatch } from './glob.js';
import { Jobs } from './jobs.js';
import type { ChannelRegistry } from './notifications/channels.js';
import { CONVERSATION_RESOURCES } from './notifications/conversations.js';
import { PRESENCE_RESOURCES } from './notifications/presence.js';
import { NOTIFICATION_RESOURCES } from './notifications/rest.js';
import { queueMemberEvent, queueMembersTopic } from './notifications/state-events.js';
import type { OAuth, TokenInfo } from './oauth.js';
import { MAX_ENTITIES, type Entity, type Store } from './store.js';

export interface ResourceRequest {
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  token: TokenInfo;
}

export type ResourceResult = { status: number; body?: unknown };
export type Handler = (store: Store, req: ResourceRequest, oauth: OAuth, channels: ChannelRegistry) => ResourceResult;

const notFound = (what: string, id: string): ResourceResult => ({
  status: 404,
  body: { message: `${what} ${id} not found`, code: 'not.found' },
});
const object = (body: unknown): Record<string, unknown> =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

/** `name=Sales*` style filters of list endpoints. */
function nameFilter(query: URLSearchParams): (e: Entity) => boolean {
  const name = query.get('name');
  if (!name) return () => true;
  return (e) => globMatch(name, String(e.name ?? ''), true);
}

function crud(key: 'users' | 'queues' | 'groups', what: string, param: string): Record<string, Handler> {
  return {
    list: (s, r) => ({ status: 200, body: s[key].page(r.query, nameFilter(r.query)) }),
    create: (s, r) =>
      s[key].full
        ? { status: 400, body: { message: `The mock keeps at most ${MAX_ENTITIES} of ${key}; delete some first`, code: 'bad.request' } }
        : { status: 200, body: s[key].create(object(r.body)) },
    get: (s, r) => {
      const e = s[key].items.get(r.params[param]!);
      return e ? { status: 200, body: e } : notFound(what, r.params[param]!);
    },
    update: (s, r) => {
      const e = s[key].update(r.params[param]!, object(r.body));
      return e ? { status: 200, body: e } : notFound(what, r.params[param]!);
    },
    remove: (s, r) => {
      if (!s[key].items.delete(r.params[param]!)) return notFound(what, r.params[param]!);
      if (key === 'queues') s.members.delete(r.params[param]!);
      return { status: 204 };
    },
  };
}

const users = crud('users', 'User', 'userId');
const queues = crud('queues', 'Queue', 'queueId');
const groups = crud('groups', 'Group', 'groupId');

export const RESOURCES: Record<string, Handler> = {
  // Analytics details jobs (conversations and users): see jobs.ts.
  ...Jobs.handlers(),
  'GET /api/v2/users': users.list!,
  'POST /api/v2/users': users.create!,
  'GET /api/v2/users/{userId}': users.get!,
  'PATCH /api/v2/users/{userId}': users.update!,
  'DELETE /api/v2/users/{userId}': users.remove!,
  'GET /api/v2/users/me': (s, r, oauth) => {
    const id = r.token.userId ?? oauth.options.user.id;
    return { status: 200, body: s.users.items.get(id) ?? notFound('User', id).body };
  },
  'GET /api/v2/routing/queues': queues.list!,
  'POST /api/v2/routing/queues': queues.create!,
  'GET /api/v2/routing/queues/{queueId}': queues.get!,
  'PUT /api/v2/routing/queues/{queueId}': queues.update!,
  'DELETE /api/v2/routing/queues/{queueId}': queues.remove!,
  'GET /api/v2/routing/queues/{queueId}/members': (s, r) => {
    const queueId = r.params['queueId']!;
    if (!s.queues.items.has(queueId)) return notFound('Queue', queueId);
    const members = s.members.get(queueId) ?? new Set<string>();
    return { status: 200, body: s.users.page(r.query, (u) => members.has(u.id)) };
  },
  'POST /api/v2/routing/queues/{queueId}/members': (s, r) => {
    const queueId = r.params['queueId']!;
    if (!s.queues.items.has(queueId)) return notFound('Queue', queueId);
    const ids = (Array.isArray(r.body) ? r.body : []).map((m) => String(object(m)['id'] ?? ''));
    const unknown = ids.filter((id) => !s.users.items.has(id));
    if (unknown.length) return { status: 400, body: { message: `Unknown users: ${unknown.join(', ')}`, code: 'bad.request' } };
    const members = s.members.get(queueId) ?? new Set<string>();
    const joining = r.query.get('delete') !== 'true';
    for (const id of ids) {
      // Only real changes publish, as the service reports membership changes, not requests.
      const changed = joining ? !members.has(id) : members.has(id);
      if (joining) members.add(id);
      else members.delete(id);
      if (changed) s.publish(queueMembersTopic(queueId), queueMemberEvent(queueId, id, joining));
    }
    s.members.set(queueId, members);
    return { status: 204 };
  },
  'DELETE /api/v2/routing/queues/{queueId}/members/{memberId}': (s, r) => {
    const queueId = r.params['queueId']!;
    const memberId = r.params['memberId']!;
    if (!s.members.get(queueId)?.delete(memberId)) return notFound('Queue member', memberId);
    s.publish(queueMembersTopic(queueId), queueMemberEvent(queueId, memberId, false));
    return { status: 204 };
  },
  'GET /api/v2/groups': groups.list!,
  'POST /api/v2/groups': groups.create!,
  'GET /api/v2/groups/{groupId}': groups.get!,
  'PUT /api/v2/groups/{groupId}': groups.update!,
  'DELETE /api/v2/groups/{groupId}': groups.remove!,
  'GET /api/v2/tokens/me': (_s, r, oauth) => ({
    status: 200,
    body: {
      organization: { id: 'mock-org', name: 'Mock Organization' },
      homeOrganization: { id: 'mock-org', name: 'Mock Organization' },
      OAuthClient: { id: r.token.clientId, name: oauth.client(r.token.clientId)?.name ?? r.token.clientId },
      authorizedScope: ['*'],
    },
  }),
  ...NOTIFICATION_RESOURCES,
  ...PRESENCE_RESOURCES,
  ...CONVERSATION_RESOURCES,
};
