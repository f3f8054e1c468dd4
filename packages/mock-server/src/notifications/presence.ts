/**
 * Presence and routing status, kept per user: GET answers the state, PATCH/PUT change it and
 * publish v2.users.{id}.presence / v2.users.{id}.routingStatus.
 */
import { setBounded } from '../bounded.js';
import type { Handler, ResourceResult } from '../resources.js';
import { pageOf, type Store } from '../store.js';
import { presenceEvent, presenceTopic, routingStatusEvent, routingStatusTopic, type UserPresence } from './state-events.js';

/** The system presences, with fixed ids so that tests and examples can name them. */
export const PRESENCE_DEFINITIONS = [
  ['Available', 'a0000000-0000-4000-8000-000000000001'],
  ['Busy', 'a0000000-0000-4000-8000-000000000002'],
  ['Away', 'a0000000-0000-4000-8000-000000000003'],
  ['Break', 'a0000000-0000-4000-8000-000000000004'],
  ['Meal', 'a0000000-0000-4000-8000-000000000005'],
  ['Meeting', 'a0000000-0000-4000-8000-000000000006'],
  ['Training', 'a0000000-0000-4000-8000-000000000007'],
  ['Idle', 'a0000000-0000-4000-8000-000000000008'],
  ['Offline', 'a0000000-0000-4000-8000-000000000009'],
].map(([systemPresence, id]) => ({ id: id!, systemPresence: systemPresence! }));

export const ROUTING_STATUSES = ['OFF_QUEUE', 'IDLE', 'INTERACTING', 'NOT_RESPONDING', 'COMMUNICATING'];

/** Presence sources kept per user; the oldest go first (sources are free text in the path). */
const MAX_SOURCES_PER_USER = 50;
const PURECLOUD = 'purecloud';

const badRequest = (message: string): ResourceResult => ({ status: 400, body: { message, code: 'bad.request' } });
const noUser = (id: string): ResourceResult => ({ status: 404, body: { message: `User ${id} not found`, code: 'not.found' } });
const object = (body: unknown): Record<string, unknown> =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

const definitionRef = (d: { id: string; systemPresence: string }) => ({ ...d, selfUri: `/api/v2/presencedefinitions/${d.id}` });

function organizationPresence(d: { id: string; systemPresence: string }) {
  return {
    id: d.id,
    name: d.systemPresence,
    languageLabels: { en_US: d.systemPresence },
    systemPresence: d.systemPresence,
    deactivated: false,
    primary: true,
    selfUri: `/api/v2/presencedefinitions/${d.id}`,
  };
}

function currentPresence(store: Store, userId: string, sourceId: string): UserPresence {
  const kept = store.presences.get(userId)?.get(sourceId.toLowerCase());
  if (kept) return kept;
  return {
    id: userId,
    source: sourceId.toLowerCase() === PURECLOUD ? 'PURECLOUD' : sourceId,
    sourceId,
    primary: true,
    presenceDefinition: definitionRef(PRESENCE_DEFINITIONS[0]!),
    message: '',
    modifiedDate: new Date(0).toISOString(),
    selfUri: `/api/v2/users/${userId}/presences/${sourceId}`,
  };
}

/** The definition a PATCH names by `id` or by `systemPresence`; a string when it names none. */
function chosenDefinition(given: unknown): { id: string; systemPresence: string } | string | undefined {
  if (given === undefined) return undefined;
  const g = object(given);
  if (typeof g['id'] === 'string') {
    return PRESENCE_DEFINITIONS.find((d) => d.id === g['id']) ?? `Unknown presence definition id ${JSON.stringify(g['id'])}`;
  }
  if (typeof g['systemPresence'] === 'string') {
    const wanted = g['systemPresence'].toLowerCase();
    return (
      PRESENCE_DEFINITIONS.find((d) => d.systemPresence.toLowerCase() === wanted) ??
      `Unknown systemPresence ${JSON.stringify(g['systemPresence'])} (known: ${PRESENCE_DEFINITIONS.map((d) => d.systemPresence).join(', ')})`
    );
  }
  return 'presenceDefinition needs an id (see GET /api/v2/presencedefinitions) or a systemPresence';
}

const sourceOf = (params: Record<string, string>) => params['sourceId'] ?? PURECLOUD;

const getPresence: Handler = (store, req) => {
  const userId = req.params['userId']!;
  if (!store.users.items.has(userId)) return noUser(userId);
  return { status: 200, body: currentPresence(store, userId, sourceOf(req.params)) };
};

const patchPresence: Handler = (store, req) => {
  const userId = req.params['userId']!;
  if (!store.users.items.has(userId)) return noUser(userId);
  const body = object(req.body);
  const definition = chosenDefinition(body['presenceDefinition']);
  if (typeof definition === 'string') return badRequest(definition);
  if (body['message'] !== undefined && typeof body['message'] !== 'string') return badRequest('message must be a string');
  const sourceId = sourceOf(req.params);
  const current = currentPresence(store, userId, sourceId);
  const next: UserPresence = {
    ...current,
    presenceDefinition: definition ? definitionRef(definition) : current.presenceDefinition,
    message: (body['message'] as string | undefined) ?? current.message,
    primary: typeof body['primary'] === 'boolean' ? body['primary'] : current.primary,
    modifiedDate: new Date().toISOString(),
  };
  const sources = store.presences.get(userId) ?? new Map<string, UserPresence>();
  setBounded(sources, sourceId.toLowerCase(), next, MAX_SOURCES_PER_USER);
  store.presences.set(userId, sources);
  store.publish(presenceTopic(userId), presenceEvent(next));
  return { status: 200, body: next };
};

function currentRoutingStatus(store: Store, userId: string) {
  return store.routingStatuses.get(userId) ?? { userId, status: 'OFF_QUEUE', startTime: new Date(0).toISOString() };
}

export const PRESENCE_RESOURCES: Record<string, Handler> = {
  'GET /api/v2/presencedefinitions': (_s, req) => ({
    status: 200,
    body: pageOf(PRESENCE_DEFINITIONS.map(organizationPresence), req.query, '/api/v2/presencedefinitions'),
  }),
  'GET /api/v2/presencedefinitions/{presenceId}': (_s, req) => {
    const found = PRESENCE_DEFINITIONS.find((d) => d.id === req.params['presenceId']);
    return found
      ? { status: 200, body: organizationPresence(found) }
      : { status: 404, body: { message: `Presence definition ${req.params['presenceId']} not found`, code: 'not.found' } };
  },
  'GET /api/v2/presence/definitions': () => {
    const entities = PRESENCE_DEFINITIONS.map((d) => ({ ...organizationPresence(d), type: 'System' }));
    return { status: 200, body: { entities, total: entities.length } };
  },
  'GET /api/v2/users/{userId}/presences/{sourceId}': getPresence,
  'GET /api/v2/users/{userId}/presences/purecloud': getPresence,
  'PATCH /api/v2/users/{userId}/presences/{sourceId}': patchPresence,
  'PATCH /api/v2/users/{userId}/presences/purecloud': patchPresence,
  'GET /api/v2/users/{userId}/routingstatus': (store, req) => {
    const userId = req.params['userId']!;
    return store.users.items.has(userId) ? { status: 200, body: currentRoutingStatus(store, userId) } : noUser(userId);
  },
  'PUT /api/v2/users/{userId}/routingstatus': (store, req) => {
    const userId = req.params['userId']!;
    if (!store.users.items.has(userId)) return noUser(userId);
    const status = object(req.body)['status'];
    if (typeof status !== 'string' || !ROUTING_STATUSES.includes(status))
      return badRequest(`status must be one of ${ROUTING_STATUSES.join(', ')}, got ${JSON.stringify(status ?? null)}`);
    const next = { userId, status, startTime: new Date().toISOString() };
    store.routingStatuses.set(userId, next);
    store.publish(routingStatusTopic(userId), routingStatusEvent(next));
    return { status: 200, body: next };
  },
};
