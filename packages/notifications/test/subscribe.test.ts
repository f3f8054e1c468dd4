/**
 * Subscribing against the mock server: typed events by callback and by async iteration, events caused by
 * API calls, unsubscribe, topics spread over channels, bad input, throwing callbacks, and a clean close.
 */
import type { ApiClient } from '@gcsdk/core';
import type { MockServer } from '@gcsdk/mock-server';
import { createNotificationClient, type NotificationClient, type NotificationEvent } from '../src/index.js';
import { DEFAULT_USER, eventually, Inbox, loggedInApiClient, record, startMock } from './support/mock.js';

const BUSY = 'a0000000-0000-4000-8000-000000000002';
let mock: MockServer;
let apiClient: ApiClient;
const clients: NotificationClient[] = [];

async function newClient(options: Parameters<typeof createNotificationClient>[1] = {}): Promise<NotificationClient> {
  const client = await createNotificationClient(apiClient, options);
  clients.push(client);
  return client;
}

/** Requests the mock received for a notification path since `from` (an index in its request log). */
function requestsSince(from: number, pattern: RegExp): string[] {
  return mock.requests
    .slice(from)
    .filter((request) => pattern.test(request.path))
    .map((request) => `${request.method} ${request.path}`);
}

/** The channels with an open socket: those of the client under test (earlier tests' clients are closed). */
function liveChannels() {
  return mock.notifications.channels().filter((channel) => channel.sockets > 0);
}

beforeAll(async () => {
  mock = await startMock({ heartbeatIntervalMs: 200, requestLogLimit: 10_000 });
  apiClient = await loggedInApiClient(mock);
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

afterAll(async () => {
  apiClient?.close();
  await mock?.close();
});

it('opens a channel, resolves in state open, and delivers typed events of the subscribed topic only', async () => {
  const client = await newClient();
  expect(client.state).toBe('open');
  const presence = new Inbox<`v2.users.${string}.presence`>();
  const topic = `v2.users.${DEFAULT_USER.id}.presence` as const;
  await client.subscribe(topic, presence.handler);
  await client.subscribe('v2.users.other.presence');
  expect(client.subscriptions()).toEqual([topic, 'v2.users.other.presence']);
  expect(liveChannels()).toEqual([expect.objectContaining({ topics: [topic, 'v2.users.other.presence'], sockets: 1 })]);

  mock.notifications.publish('v2.users.other.presence', { source: 'OTHER' });
  const published = mock.notifications.publish(topic, { source: 'PURECLOUD', presenceDefinition: { id: BUSY, systemPresence: 'Busy' } });
  expect(published.delivered).toBe(1);
  await presence.waitFor(1);
  const [event] = presence.events as [NotificationEvent<`v2.users.${string}.presence`>];
  expect(event.topicName).toBe(topic);
  expect(event.eventBody.presenceDefinition?.systemPresence).toBe('Busy');
  expect(event.metadata.CorrelationId).toBe(published.correlationId);
  expect(presence.events).toHaveLength(1);
});

it('delivers the events that API calls cause (PATCH presence)', async () => {
  const client = await newClient();
  const presence = new Inbox<`v2.users.${string}.presence`>();
  await client.subscribe(`v2.users.${DEFAULT_USER.id}.presence`, presence.handler);
  await apiClient.callApi(
    '/api/v2/users/{userId}/presences/{sourceId}',
    'PATCH',
    { userId: DEFAULT_USER.id, sourceId: 'purecloud' },
    {},
    {},
    {},
    { presenceDefinition: { id: BUSY } },
    ['PureCloud OAuth'],
    ['application/json'],
    ['application/json'],
  );
  await presence.waitFor(1);
  expect(presence.events[0]?.eventBody.presenceDefinition).toEqual(expect.objectContaining({ id: BUSY, systemPresence: 'Busy' }));
});

it('hands every event to async iterators until close() ends them', async () => {
  const client = await newClient();
  await client.subscribe(['v2.users.a.presence', 'v2.users.b.routingStatus']);
  const received: string[] = [];
  const iterating = (async () => {
    for await (const event of client) received.push(`${event.topicName} ${JSON.stringify(event.eventBody)}`);
    return 'ended';
  })();
  mock.notifications.publish('v2.users.a.presence', { n: 1 });
  mock.notifications.publish('v2.users.b.routingStatus', { n: 2 });
  mock.notifications.publish('v2.users.unsubscribed.presence', { n: 3 });
  await eventually('two events', () => received.length === 2);
  await client.close();
  await expect(iterating).resolves.toBe('ended');
  expect(received).toEqual(['v2.users.a.presence {"n":1}', 'v2.users.b.routingStatus {"n":2}']);
  // An iterator made after close() is done at once.
  await expect(client[Symbol.asyncIterator]().next()).resolves.toEqual({ value: undefined, done: true });
});

it('drops the oldest events of an iterator that falls behind, and says how many on error', async () => {
  const client = await newClient({ maxBufferedEvents: 2 });
  const log = record(client);
  await client.subscribe('v2.users.a.presence');
  const iterator = client[Symbol.asyncIterator]();
  const published = [1, 2, 3, 4, 5].map((n) => mock.notifications.publish('v2.users.a.presence', { n }));
  await eventually('the drop report', () => log.errors.length > 0);
  expect(log.errors.map((error) => [error.code, error.message])).toEqual([
    ['events-dropped', 'an async iterator fell behind: 3 oldest events were dropped (maxBufferedEvents 2)'],
  ]);
  const kept = [await iterator.next(), await iterator.next()].map((result) => (result.value as NotificationEvent).metadata.CorrelationId);
  expect(kept).toEqual(published.slice(3).map((result) => result.correlationId));
  await iterator.return?.();
});

it('subscribes with POST, skips topics already subscribed, unsubscribes with PUT, then DELETE when none remain', async () => {
  const client = await newClient();
  const from = mock.requests.length;
  await client.subscribe(['v2.users.a.presence', 'v2.users.b.presence']);
  await client.subscribe('v2.users.a.presence'); // already there: no request
  await client.unsubscribe('v2.users.a.presence');
  expect(liveChannels().map((channel) => channel.topics)).toEqual([['v2.users.b.presence']]);
  await client.unsubscribe(['v2.users.b.presence', 'v2.users.never.presence']);
  expect(client.subscriptions()).toEqual([]);
  expect(liveChannels().map((channel) => channel.topics)).toEqual([[]]);
  expect(requestsSince(from, /subscriptions$/).map((line) => line.split(' ')[0])).toEqual(['POST', 'PUT', 'DELETE']);
});

it('spreads 1,500 topics over two channels of 1,000 and 500', async () => {
  const client = await newClient();
  const topics = Array.from({ length: 1500 }, (_, index) => `v2.users.user-${index}.presence`);
  await client.subscribe(topics);
  expect(client.subscriptions()).toHaveLength(1500);
  const withTopics = liveChannels();
  expect(withTopics.map((channel) => channel.topics.length).sort()).toEqual([1000, 500]);
  expect(withTopics.every((channel) => channel.sockets === 1)).toBe(true);
  expect(new Set(withTopics.flatMap((channel) => channel.topics))).toEqual(new Set(topics));
  // Events reach the user whichever channel carries their topic.
  const inbox = new Inbox();
  await client.subscribe(['v2.users.user-0.presence', 'v2.users.user-1499.presence'], inbox.handler);
  mock.notifications.publish('v2.users.user-0.presence', {});
  mock.notifications.publish('v2.users.user-1499.presence', {});
  await inbox.waitFor(2);
  expect(inbox.events.map((event) => event.topicName).sort()).toEqual(['v2.users.user-0.presence', 'v2.users.user-1499.presence']);
});

it('refuses more than 20 channels worth of topics, and bad topics, before any request', async () => {
  const client = await newClient({ maxTopicsPerChannel: 2 });
  const from = mock.requests.length;
  const tooMany = Array.from({ length: 41 }, (_, index) => `v2.users.u${index}.presence`);
  await expect(client.subscribe(tooMany)).rejects.toThrow(/41 topics need more than 20 channels of 2 topics/);
  await expect(client.subscribe(['v2.users.ok.presence', 'users.bad'])).rejects.toThrow(/topic at index 1 "users.bad" is not a topic name/);
  await expect(client.subscribe([])).rejects.toThrow(/no topic/);
  await expect(client.subscribe(['v2.users.ok.presence', ''])).rejects.toThrow(/non-empty string/);
  await expect(client.unsubscribe(7 as never)).rejects.toThrow(/takes a topic name or an array/);
  await expect(client.subscribe('v2.users.ok.presence', 'callback' as never)).rejects.toThrow(/onEvent must be a function/);
  expect(client.subscriptions()).toEqual([]);
  expect(requestsSince(from, /notifications/)).toEqual([]);
});

it('rejects a topic the service refuses and keeps the others', async () => {
  const client = await newClient();
  await client.subscribe('v2.users.good.presence');
  await expect(client.subscribe('v2.users.bad{id}.presence')).rejects.toThrow(/bad\{id\}/);
  expect(client.subscriptions()).toEqual(['v2.users.good.presence']);
  const inbox = new Inbox();
  await client.subscribe('v2.users.good.presence', inbox.handler);
  mock.notifications.publish('v2.users.good.presence', {});
  await inbox.waitFor(1);
});

it('survives a throwing onEvent callback and reports it on error', async () => {
  const client = await newClient();
  const log = record(client);
  const inbox = new Inbox();
  await client.subscribe('v2.users.a.presence', () => {
    throw new Error('callback bug');
  });
  await client.subscribe('v2.users.a.presence', inbox.handler);
  mock.notifications.publish('v2.users.a.presence', {});
  mock.notifications.publish('v2.users.a.presence', {});
  await inbox.waitFor(2);
  expect(log.errors.map((error) => error.code)).toEqual(['handler-failed', 'handler-failed']);
  expect(log.errors[0]?.message).toMatch(/an onEvent callback of v2.users.a.presence threw: callback bug/);
  expect(client.state).toBe('open');
});

it('says on the console what no error listener would hear, rather than lose it', async () => {
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  try {
    const client = await newClient();
    const inbox = new Inbox();
    await client.subscribe('v2.users.b.presence', () => {
      throw new Error('unheard bug');
    });
    await client.subscribe('v2.users.b.presence', inbox.handler);
    mock.notifications.publish('v2.users.b.presence', {});
    await inbox.waitFor(1);
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringMatching(
        /^@gcsdk\/notifications: an onEvent callback of v2.users.b.presence threw: unheard bug \(handle it with on\('error'\)\)$/,
      ),
    ]);
  } finally {
    warn.mockRestore();
  }
});

it('reports state transitions once each, and close() leaves no socket open and refuses further calls', async () => {
  const client = await newClient();
  const log = record(client);
  await client.subscribe('v2.users.a.presence');
  expect(mock.notifications.channels().reduce((sum, channel) => sum + channel.sockets, 0)).toBe(1);
  await client.close();
  await client.close();
  expect(client.state).toBe('closed');
  expect(log.states).toEqual(['closed']);
  await eventually('no open socket', () => mock.notifications.channels().every((channel) => channel.sockets === 0));
  await expect(client.subscribe('v2.users.a.presence')).rejects.toThrow(/closed/);
  expect(mock.notifications.publish('v2.users.a.presence', {}).delivered).toBe(0);
});

it('closes when its AbortSignal aborts', async () => {
  const controller = new AbortController();
  const client = await newClient({ signal: controller.signal });
  controller.abort();
  expect(client.state).toBe('closed');
  await eventually('no open socket', () => mock.notifications.channels().every((channel) => channel.sockets === 0));
});

it('keeps the access token out of errors', async () => {
  const client = await newClient();
  const token = apiClient.authData.accessToken as string;
  const failure = (await client.subscribe('v2.users.bad{id}.presence').catch((error: unknown) => error)) as Error;
  expect(failure).toBeInstanceOf(Error);
  const seen = JSON.stringify({ message: failure.message, stack: failure.stack, cause: String((failure as { cause?: unknown }).cause) });
  expect(token.length).toBeGreaterThan(10);
  expect(seen).not.toContain(token);
});
