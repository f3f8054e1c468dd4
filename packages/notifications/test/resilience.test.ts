/**
 * What happens to sockets and channels, against the mock server: heartbeat loss, dropped connections,
 * maintenance handover (socket_closing), renewal before expiry, eviction, and giving up after
 * `reconnect.maxAttempts`. Subscriptions must survive all of it, and no event may be missed or doubled.
 */
import type { ApiClient } from '@gcsdk/core';
import WebSocket from 'ws';
import type { MockServer } from '@gcsdk/mock-server';
import { createNotificationClient, type NotificationClient, type NotificationClientOptions } from '../src/index.js';
import { eventually, Inbox, loggedInApiClient, nextState, record, startMock } from './support/mock.js';

const TOPICS = ['v2.users.a.presence', 'v2.users.b.routingStatus'];
let mock: MockServer;
let apiClient: ApiClient;
const clients: NotificationClient[] = [];

async function newClient(options: NotificationClientOptions = {}): Promise<NotificationClient> {
  const client = await createNotificationClient(apiClient, {
    heartbeatTimeoutMs: 400,
    reconnect: { initialDelayMs: 20, maxDelayMs: 200 },
    ...options,
  });
  clients.push(client);
  return client;
}

function liveChannels() {
  return mock.notifications.channels().filter((channel) => channel.sockets > 0);
}

/**
 * Publishes to the topics every few ms until stopped; records each published CorrelationId and whether
 * the mock sent it to any socket (an event published while no socket is open is lost, as with the service).
 */
function publishContinuously() {
  const sent: string[] = [];
  const unsent: string[] = [];
  let running = true;
  const loop = (async () => {
    for (let n = 0; running; n++) {
      const result = mock.notifications.publish(TOPICS[n % TOPICS.length] as string, { n });
      (result.delivered > 0 ? sent : unsent).push(result.correlationId);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  return {
    sent,
    unsent,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

beforeAll(async () => {
  mock = await startMock({ heartbeatIntervalMs: 50, channelLifetimeSeconds: 1 });
  apiClient = await loggedInApiClient(mock);
});

afterEach(async () => {
  mock.clearFaults();
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

afterAll(async () => {
  apiClient?.close();
  await mock?.close();
});

it('hands over on socket_closing: new channel with every topic, old socket let go, no event missed or doubled', async () => {
  // Counts the event frames that reach the client's sockets, duplicates included (options.WebSocket).
  let framesReceived = 0;
  class CountingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      this.on('message', (data) => {
        if (/"CorrelationId"/.test(String(data)) && !/socket_closing/.test(String(data))) framesReceived++;
      });
    }
  }
  const client = await newClient({ WebSocket: CountingWebSocket });
  const log = record(client);
  const inbox = new Inbox();
  await client.subscribe(TOPICS, inbox.handler);
  const [old] = liveChannels();
  const publisher = publishContinuously();
  await eventually('a few events before the handover', () => publisher.sent.length >= 20);
  expect(mock.notifications.socketClosing({ channelId: old?.id, graceMs: 2000 }).sockets).toBe(1);
  // The old socket goes once the new channel is open with the topics: well before the 2 s grace is over.
  await eventually(
    'the old socket closed by the client',
    () => mock.notifications.channels().find((channel) => channel.id === old?.id)?.sockets === 0,
    450,
  );
  const sentAtHandover = publisher.sent.length;
  await eventually('events on the new channel alone', () => publisher.sent.length >= sentAtHandover + 20);
  await publisher.stop();
  await inbox.waitFor(publisher.sent.length);
  const delivered = inbox.events.map((event) => event.metadata.CorrelationId);
  console.log(
    `socket_closing handover: published ${publisher.sent.length + publisher.unsent.length}, delivered ${delivered.length} ` +
      `(${new Set(delivered).size} distinct; ${framesReceived} event frames reached the client's sockets, ${framesReceived - delivered.length} duplicates from the overlap dropped)`,
  );
  expect(publisher.unsent).toEqual([]);
  expect(delivered).toEqual(publisher.sent);
  expect(framesReceived).toBeGreaterThanOrEqual(delivered.length);
  const [current] = liveChannels();
  expect(current?.id).not.toBe(old?.id);
  expect(current?.topics.sort()).toEqual([...TOPICS].sort());
  expect(liveChannels()).toHaveLength(1);
  expect(log.states).toEqual([]); // a handover never leaves the state open
  expect(log.errors).toEqual([]);
});

it('hands over every channel of a client at once (1,500 topics on two channels)', async () => {
  const client = await newClient();
  const log = record(client);
  const topics = Array.from({ length: 1500 }, (_, index) => `v2.users.user-${index}.presence`);
  const inbox = new Inbox();
  await client.subscribe(topics, inbox.handler);
  const before = liveChannels().map((channel) => channel.id);
  expect(before).toHaveLength(2);
  expect(mock.notifications.socketClosing({ graceMs: 2000 }).sockets).toBe(2);
  await eventually(
    'both old sockets let go',
    () => before.every((id) => mock.notifications.channels().find((channel) => channel.id === id)?.sockets === 0),
    450,
  );
  const after = liveChannels();
  expect(after.map((channel) => channel.topics.length).sort()).toEqual([1000, 500]);
  expect(after.some((channel) => before.includes(channel.id))).toBe(false);
  expect(new Set(after.flatMap((channel) => channel.topics))).toEqual(new Set(topics));
  const published = [topics[0], topics[1499]].map((topic) => mock.notifications.publish(topic as string, {}));
  await inbox.waitFor(2);
  expect(inbox.events.map((event) => event.metadata.CorrelationId).sort()).toEqual(published.map((result) => result.correlationId).sort());
  expect(log.states).toEqual([]);
  expect(log.errors).toEqual([]);
});

it('notices a silent socket by the heartbeat watch, reconnects the same channel, and keeps every subscription', async () => {
  const client = await newClient();
  const log = record(client);
  const inbox = new Inbox();
  await client.subscribe(TOPICS, inbox.handler);
  const [before] = liveChannels();
  const reopened = nextState(client, 'open');
  expect(mock.notifications.silence({ channelId: before?.id }).sockets).toBe(1);
  await reopened;
  expect(log.states).toEqual(['reconnecting', 'open']);
  expect(log.errors.map((error) => error.code)).toEqual(['socket-lost']);
  expect(log.errors[0]?.message).toMatch(/heartbeat timeout/);
  // The channel still existed (HEAD 200): the same one, on a new socket, with the same topics.
  await eventually('the silenced socket closed', () => liveChannels().length === 1 && liveChannels()[0]?.sockets === 1);
  const [after] = liveChannels();
  expect(after?.id).toBe(before?.id);
  expect(after?.topics.sort()).toEqual(client.subscriptions().sort());
  const published = TOPICS.map((topic) => mock.notifications.publish(topic, { after: 'reconnect' }));
  await inbox.waitFor(2);
  console.log(`heartbeat loss (silence): published after the reconnect ${published.length}, delivered ${inbox.events.length}`);
  expect(inbox.events.map((event) => event.metadata.CorrelationId)).toEqual(published.map((result) => result.correlationId));
});

it('reconnects after a dropped connection; every event sent to a socket while publishing throughout is delivered once', async () => {
  const client = await newClient();
  const log = record(client);
  const inbox = new Inbox();
  await client.subscribe(TOPICS, inbox.handler);
  const publisher = publishContinuously();
  await eventually('events before the drop', () => publisher.sent.length >= 20);
  const reopened = nextState(client, 'open');
  expect(mock.notifications.drop().sockets).toBe(1);
  await reopened;
  const sentBefore = publisher.sent.length;
  await eventually('events after the reconnect', () => publisher.sent.length >= sentBefore + 20);
  await publisher.stop();
  await inbox.waitFor(publisher.sent.length);
  const delivered = inbox.events.map((event) => event.metadata.CorrelationId);
  console.log(
    `dropped connection: published ${publisher.sent.length + publisher.unsent.length}, sent to a socket ${publisher.sent.length} (${publisher.unsent.length} published while no socket was open, lost as with the service), delivered ${delivered.length}`,
  );
  expect(delivered).toEqual(publisher.sent);
  expect(log.states).toEqual(['reconnecting', 'open']);
  expect(liveChannels()[0]?.topics.sort()).toEqual([...TOPICS].sort());
});

it('renews the channel before it expires: still receiving after several lifetimes, never reconnecting', async () => {
  // Renewal 600 ms before expiry: at 40 % of the 1 s lifetime, leaving the PUT room on a busy machine.
  const client = await newClient({ heartbeatTimeoutMs: 1000, renewBeforeMs: 600 });
  const log = record(client);
  const inbox = new Inbox();
  await client.subscribe(TOPICS, inbox.handler);
  const [channel] = liveChannels();
  // Three lifetimes of 1 s pass; without renewal the channel would expire after the first.
  await new Promise((resolve) => setTimeout(resolve, 3200));
  expect(liveChannels().map((live) => live.id)).toEqual([channel?.id]);
  expect(Date.parse(liveChannels()[0]?.expires ?? '')).toBeGreaterThan(Date.now());
  mock.notifications.publish(TOPICS[0] as string, { late: true });
  await inbox.waitFor(1);
  expect(log.states).toEqual([]);
  expect(log.errors).toEqual([]);
  const renewals = mock.requests.filter((request) => request.method === 'PUT' && request.path.endsWith(`${channel?.id}/subscriptions`));
  expect(renewals.length).toBeGreaterThanOrEqual(3);
}, 10_000);

it('replaces an evicted channel (HEAD 404) with a new one carrying every topic', async () => {
  const client = await newClient();
  const log = record(client);
  const inbox = new Inbox();
  await client.subscribe(TOPICS, inbox.handler);
  const [evicted] = liveChannels();
  const reopened = nextState(client, 'open');
  // Twenty more channels of the same user and OAuth client: the oldest, ours among them, are evicted.
  for (let n = 0; n < 20; n++)
    await apiClient.callApi(
      '/api/v2/notifications/channels',
      'POST',
      {},
      {},
      {},
      {},
      null,
      ['PureCloud OAuth'],
      ['application/json'],
      ['application/json'],
    );
  await reopened;
  expect(log.states).toEqual(['reconnecting', 'open']);
  const [replacement] = liveChannels();
  expect(replacement?.id).not.toBe(evicted?.id);
  expect(mock.notifications.channels().some((channel) => channel.id === evicted?.id)).toBe(false);
  expect(replacement?.topics.sort()).toEqual([...TOPICS].sort());
  const published = mock.notifications.publish(TOPICS[1] as string, {});
  await inbox.waitFor(1);
  expect(inbox.events[0]?.metadata.CorrelationId).toBe(published.correlationId);
});

it('retries with backoff, reports each failed attempt, and closes after reconnect.maxAttempts', async () => {
  const client = await newClient({ reconnect: { initialDelayMs: 10, maxDelayMs: 20, maxAttempts: 3 } });
  const log = record(client);
  await client.subscribe(TOPICS);
  mock.addFault({ route: 'HEAD /api/v2/notifications/channels/*', status: 400 });
  const closed = nextState(client, 'closed');
  mock.notifications.drop();
  await closed;
  expect(log.states).toEqual(['reconnecting', 'closed']);
  expect(log.errors.map((error) => error.code)).toEqual(['socket-lost', 'socket-lost', 'socket-lost', 'reconnect-failed']);
  expect(log.errors[1]?.message).toMatch(/attempt 1 to replace channel .* failed: .*; retrying in \d+ ms/);
  expect(log.errors[3]?.message).toMatch(/after 3 attempts/);
  expect(liveChannels()).toEqual([]);
});
