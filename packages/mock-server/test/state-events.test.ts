/** Events follow state: presence, routing status, queue membership and call conversations publish their topics. */
import { DEFAULT_USER, startMockServer, type MockServer } from '../src/index.js';
import { Api, type Frame, type TestSocket } from './ws-client.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const USER = DEFAULT_USER.id;
const MARKER = 'v2.users.marker.presence';
let mock: MockServer;
let api: Api;
let otherUser: string;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  mock = await startMockServer({ users: 3 });
  api = await Api.signIn(mock);
  otherUser = (await api.call('GET', '/api/v2/users?pageSize=5')).body.entities.find((u: { id: string }) => u.id !== USER).id;
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});
afterAll(() => mock.close());

async function listen(topics: string[]): Promise<TestSocket> {
  const { socket } = await api.listen([...topics, MARKER]);
  sockets.push(socket);
  return socket;
}

/** Frames on the topic that reached the socket before a marker published now (per-socket order makes this exact). */
async function framesBeforeMarker(socket: TestSocket, topic: string): Promise<Frame[]> {
  const { correlationId } = mock.notifications.publish(MARKER, {});
  await socket.waitFor((f) => f.metadata?.CorrelationId === correlationId, 0, 'the marker');
  return socket.frames.filter((f) => f.topicName === topic);
}

describe('presence', () => {
  const topic = () => `v2.users.${USER}.presence`;

  it('lists the system presence definitions with fixed ids', async () => {
    const listed = await api.call('GET', '/api/v2/presencedefinitions');
    const names = listed.body.entities.map((d: { systemPresence: string }) => d.systemPresence);
    expect(names).toEqual(['Available', 'Busy', 'Away', 'Break', 'Meal', 'Meeting', 'Training', 'Idle', 'Offline']);
    const again = await api.call('GET', '/api/v2/presence/definitions');
    expect(again.body.entities.map((d: { id: string }) => d.id)).toEqual(listed.body.entities.map((d: { id: string }) => d.id));
  });

  it('pages the definitions as the service does', async () => {
    const page = await api.call('GET', '/api/v2/presencedefinitions?pageSize=2&pageNumber=3');
    expect(page.body).toMatchObject({ pageSize: 2, pageNumber: 3, total: 9, pageCount: 5 });
    expect(page.body.entities.map((d: { systemPresence: string }) => d.systemPresence)).toEqual(['Meal', 'Meeting']);
  });

  it('answers Available before any change', async () => {
    const presence = await api.call('GET', `/api/v2/users/${otherUser}/presences/purecloud`);
    expect(presence.status).toBe(200);
    expect(presence.body).toMatchObject({ source: 'PURECLOUD', primary: true, presenceDefinition: { systemPresence: 'Available' } });
  });

  it('PATCH by definition id updates it and publishes v2.users.{id}.presence to subscribers only', async () => {
    const busy = (await api.call('GET', '/api/v2/presencedefinitions')).body.entities.find(
      (d: { systemPresence: string }) => d.systemPresence === 'Busy',
    );
    const subscribed = await listen([topic()]);
    const unsubscribed = await listen([`v2.users.${otherUser}.presence`]);
    const patched = await api.call('PATCH', `/api/v2/users/${USER}/presences/purecloud`, {
      presenceDefinition: { id: busy.id },
      message: 'in a call',
    });
    expect(patched.status).toBe(200);
    const frame = await subscribed.waitForTopic(topic());
    expect(frame).toEqual({
      topicName: topic(),
      version: '2',
      eventBody: {
        source: 'PURECLOUD',
        presenceDefinition: { id: busy.id, systemPresence: 'Busy' },
        primary: true,
        message: 'in a call',
        modifiedDate: expect.stringMatching(ISO),
      },
      metadata: { CorrelationId: expect.any(String) },
    });
    expect(await framesBeforeMarker(unsubscribed, topic())).toEqual([]);
    const read = await api.call('GET', `/api/v2/users/${USER}/presences/purecloud`);
    expect(read.body).toMatchObject({ presenceDefinition: { id: busy.id, systemPresence: 'Busy' }, message: 'in a call' });
  });

  it('PATCH by systemPresence on a source id works too', async () => {
    const subscribed = await listen([topic()]);
    const patched = await api.call('PATCH', `/api/v2/users/${USER}/presences/purecloud`, {
      presenceDefinition: { systemPresence: 'Away' },
    });
    expect(patched.body.presenceDefinition.systemPresence).toBe('Away');
    expect((await subscribed.waitForTopic(topic())).eventBody['presenceDefinition']).toMatchObject({ systemPresence: 'Away' });
    const other = await api.call('PATCH', `/api/v2/users/${USER}/presences/my-source`, { presenceDefinition: { systemPresence: 'meal' } });
    expect(other.body).toMatchObject({ source: 'my-source', presenceDefinition: { systemPresence: 'Meal' } });
    expect((await api.call('GET', `/api/v2/users/${USER}/presences/my-source`)).body.presenceDefinition.systemPresence).toBe('Meal');
  });

  it('refuses an unknown definition with a 400 naming it, and an unknown user with a 404', async () => {
    const subscribed = await listen([topic()]);
    const bad = await api.call('PATCH', `/api/v2/users/${USER}/presences/purecloud`, { presenceDefinition: { id: 'no-such-presence' } });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('"no-such-presence"');
    expect(
      (await api.call('PATCH', `/api/v2/users/${USER}/presences/purecloud`, { presenceDefinition: { systemPresence: 'Asleep' } })).status,
    ).toBe(400);
    expect(
      (await api.call('PATCH', '/api/v2/users/nobody/presences/purecloud', { presenceDefinition: { systemPresence: 'Busy' } })).status,
    ).toBe(404);
    expect(await framesBeforeMarker(subscribed, topic())).toEqual([]);
  });
});

describe('routing status', () => {
  const topic = () => `v2.users.${otherUser}.routingStatus`;

  it('GET answers OFF_QUEUE first; PUT changes it and publishes v2.users.{id}.routingStatus', async () => {
    expect((await api.call('GET', `/api/v2/users/${otherUser}/routingstatus`)).body).toMatchObject({
      userId: otherUser,
      status: 'OFF_QUEUE',
    });
    const subscribed = await listen([topic()]);
    const unsubscribed = await listen([]);
    const put = await api.call('PUT', `/api/v2/users/${otherUser}/routingstatus`, { status: 'IDLE' });
    expect(put.body).toEqual({ userId: otherUser, status: 'IDLE', startTime: expect.stringMatching(ISO) });
    expect((await subscribed.waitForTopic(topic())).eventBody).toEqual({
      routingStatus: { status: 'IDLE', startTime: put.body.startTime },
    });
    expect(await framesBeforeMarker(unsubscribed, topic())).toEqual([]);
    expect((await api.call('GET', `/api/v2/users/${otherUser}/routingstatus`)).body.status).toBe('IDLE');
  });

  it('refuses an unknown status with a 400 listing the known ones', async () => {
    const bad = await api.call('PUT', `/api/v2/users/${otherUser}/routingstatus`, { status: 'SLEEPING' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('OFF_QUEUE');
  });
});

describe('queue membership', () => {
  it('adding and removing members publishes v2.routing.queues.{id}.users for each change', async () => {
    const queue = (await api.call('POST', '/api/v2/routing/queues', { name: 'Events queue' })).body;
    const topic = `v2.routing.queues.${queue.id}.users`;
    const subscribed = await listen([topic]);
    const unsubscribed = await listen([]);
    const members = `/api/v2/routing/queues/${queue.id}/members`;

    expect((await api.call('POST', members, [{ id: USER }, { id: otherUser }])).status).toBe(204);
    await subscribed.waitFor(() => subscribed.frames.filter((f) => f.topicName === topic).length === 2, 0, 'two joins');
    expect(subscribed.frames.filter((f) => f.topicName === topic).map((f) => f.eventBody)).toEqual([
      { id: USER, user: { id: USER }, queueId: queue.id, joined: true },
      { id: otherUser, user: { id: otherUser }, queueId: queue.id, joined: true },
    ]);
    // Adding a member again is no change, so nothing is published for it.
    await api.call('POST', members, [{ id: USER }]);
    expect(await framesBeforeMarker(subscribed, topic)).toHaveLength(2);

    await api.call('POST', `${members}?delete=true`, [{ id: otherUser }]);
    await api.call('DELETE', `${members}/${USER}`);
    await subscribed.waitFor(() => subscribed.frames.filter((f) => f.topicName === topic).length === 4, 0, 'two leaves');
    expect(subscribed.frames.filter((f) => f.topicName === topic).map((f) => [f.eventBody['id'], f.eventBody['joined']])).toEqual([
      [USER, true],
      [otherUser, true],
      [otherUser, false],
      [USER, false],
    ]);
    expect(await framesBeforeMarker(unsubscribed, topic)).toEqual([]);
  });
});

describe('call conversations', () => {
  const conversations = `v2.users.${USER}.conversations`;
  const calls = `v2.users.${USER}.conversations.calls`;

  it('placing, reading and disconnecting a call publishes both conversation topics', async () => {
    const subscribed = await listen([conversations, calls]);
    const unsubscribed = await listen([`v2.users.${otherUser}.conversations`]);
    const placed = await api.call('POST', '/api/v2/conversations/calls', { phoneNumber: '+13175550123' });
    expect(placed.status).toBe(200);
    const id = placed.body.id as string;
    expect(placed.body.selfUri).toBe(`/api/v2/conversations/calls/${id}`);

    const conversationFrame = await subscribed.waitForTopic(conversations);
    expect(conversationFrame.eventBody).toMatchObject({
      id,
      participants: [
        { purpose: 'agent', userId: USER, calls: [{ state: 'connected', direction: 'outbound' }] },
        { purpose: 'customer', address: 'tel:+13175550123', calls: [{ state: 'connected' }] },
      ],
    });
    const callFrame = await subscribed.waitForTopic(calls);
    expect(callFrame.eventBody).toMatchObject({
      id,
      participants: [
        { purpose: 'agent', state: 'connected', user: { id: USER }, startTime: expect.stringMatching(ISO) },
        { purpose: 'customer', state: 'connected', address: 'tel:+13175550123' },
      ],
    });

    const read = await api.call('GET', `/api/v2/conversations/calls/${id}`);
    expect(read.body).toMatchObject({ id, participants: [{ purpose: 'agent' }, { purpose: 'customer' }] });
    expect(read.body.ownerUserId).toBeUndefined();

    const from = subscribed.frames.length;
    const ended = await api.call('PATCH', `/api/v2/conversations/calls/${id}`, { state: 'disconnected' });
    expect(ended.status).toBe(200);
    expect(ended.body.participants.map((p: { state: string }) => p.state)).toEqual(['disconnected', 'disconnected']);
    const endedCall = await subscribed.waitFor((f) => f.topicName === calls, from, 'the disconnect on calls');
    expect(endedCall.eventBody['participants']).toMatchObject([
      { state: 'disconnected', endTime: expect.stringMatching(ISO), disconnectType: 'client' },
      { state: 'disconnected', disconnectType: 'peer' },
    ]);
    const endedConversation = await subscribed.waitFor((f) => f.topicName === conversations, from, 'the disconnect on conversations');
    expect(endedConversation.eventBody['participants']).toMatchObject([
      { calls: [{ state: 'disconnected', disconnectedTime: expect.stringMatching(ISO) }] },
      { calls: [{ state: 'disconnected' }] },
    ]);
    expect(await framesBeforeMarker(unsubscribed, `v2.users.${otherUser}.conversations`)).toEqual([]);
  });

  it('refuses bad input with clear errors', async () => {
    const noNumber = await api.call('POST', '/api/v2/conversations/calls', { callerId: 'x' });
    expect(noNumber.status).toBe(400);
    expect(noNumber.body.message).toContain('phoneNumber');
    const placed = await api.call('POST', '/api/v2/conversations/calls', { phoneNumber: '+15550100' });
    const badState = await api.call('PATCH', `/api/v2/conversations/calls/${placed.body.id}`, { state: 'exploded' });
    expect(badState.status).toBe(400);
    expect(badState.body.message).toContain('"exploded"');
    expect((await api.call('GET', '/api/v2/conversations/calls/no-such-call')).status).toBe(404);
  });
});
