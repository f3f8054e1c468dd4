/** Notification channels over REST and WebSocket, the test controls, limits, expiry, and the options. */
import { parseCliArgs } from '../src/cli.js';
import { startMockServer, type MockServer } from '../src/index.js';
import { Api, TestSocket, type ChannelInfo } from './ws-client.js';

const CHANNELS = '/api/v2/notifications/channels';
const HEARTBEAT_MS = 40;
let mock: MockServer;
let api: Api;

beforeAll(async () => {
  mock = await startMockServer({ heartbeatIntervalMs: HEARTBEAT_MS });
  api = await Api.signIn(mock);
});
afterAll(() => mock.close());

// The tests read JSON answers freely; a wrong shape fails their expectations.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function control(path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${mock.url}/__mock/notifications/${path}`, {
    method: body === undefined && path === 'channels' ? 'GET' : 'POST',
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('channels over REST', () => {
  it('creates a channel with a ws connectUri on the mock and a 24 h expiry; HEAD and GET find it', async () => {
    const before = Date.now();
    const channel = await api.channel();
    expect(channel.connectUri).toBe(`${mock.url.replace('http://', 'ws://')}/channels/${channel.id}`);
    const expires = Date.parse(channel.expires);
    expect(expires).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 86_400_000);
    expect((await api.call('HEAD', `${CHANNELS}/${channel.id}`)).status).toBe(200);
    expect((await api.call('HEAD', `${CHANNELS}/no-such-channel`)).status).toBe(404);
    const listed = await api.call('GET', CHANNELS);
    expect(listed.body.entities).toContainEqual(channel);
  });

  it('PUT replaces, POST adds, GET lists and DELETE removes subscriptions', async () => {
    const { id } = await api.channel();
    const path = `${CHANNELS}/${id}/subscriptions`;
    expect(await api.subscribe(id, ['v2.users.a.presence', 'v2.users.b.presence'])).toEqual({
      status: 200,
      body: { entities: [{ id: 'v2.users.a.presence' }, { id: 'v2.users.b.presence' }] },
    });
    expect((await api.subscribe(id, ['v2.users.c.presence', 'v2.users.a.presence'], 'POST')).body).toEqual({
      entities: [{ id: 'v2.users.a.presence' }, { id: 'v2.users.b.presence' }, { id: 'v2.users.c.presence' }],
    });
    expect((await api.subscribe(id, ['v2.routing.queues.q1.users'])).body).toEqual({ entities: [{ id: 'v2.routing.queues.q1.users' }] });
    expect((await api.call('GET', path)).body).toEqual({ entities: [{ id: 'v2.routing.queues.q1.users' }] });
    expect((await api.call('DELETE', path)).status).toBe(204);
    expect((await api.call('GET', path)).body).toEqual({ entities: [] });
    expect((await api.call('GET', `${CHANNELS}/unknown/subscriptions`)).status).toBe(404);
  });

  it('holds at most 1,000 topics per channel', async () => {
    const { id } = await api.channel();
    const topics = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `v2.users.${prefix}${i}.presence`);
    expect((await api.subscribe(id, topics(1000, 'u'))).body.entities).toHaveLength(1000);
    const extra = await api.subscribe(id, ['v2.users.one-more.presence'], 'POST');
    expect(extra.status).toBe(400);
    expect(extra.body.code).toBe('notification.channel.subscriptions.limit');
    expect(extra.body.message).toContain('1000');
    const tooMany = await api.subscribe(id, topics(1001, 'v'));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.code).toBe('notification.channel.subscriptions.limit');
    // A refused change leaves the list as it was.
    expect((await api.call('GET', `${CHANNELS}/${id}/subscriptions`)).body.entities[0]).toEqual({ id: 'v2.users.u0.presence' });
  });

  it.each(['users.x.presence', 'v2', 'v2.users.{id}.presence', 'v2..presence', 'v2.users.x.presence ', 'v3.users.x'])(
    'refuses the topic %j with a 400 naming it',
    async (topic) => {
      const { id } = await api.channel(['v2.users.kept.presence']);
      const answer = await api.subscribe(id, ['v2.users.ok.presence', topic]);
      expect(answer.status).toBe(400);
      expect(answer.body.message).toContain(JSON.stringify(topic));
      expect((await api.call('GET', `${CHANNELS}/${id}/subscriptions`)).body).toEqual({ entities: [{ id: 'v2.users.kept.presence' }] });
    },
  );

  it('skips invalid topics with ignoreErrors=true', async () => {
    const { id } = await api.channel();
    const answer = await api.call('PUT', `${CHANNELS}/${id}/subscriptions?ignoreErrors=true`, [
      { id: 'v2.users.ok.presence' },
      { id: 'bad' },
    ]);
    expect(answer.body).toEqual({ entities: [{ id: 'v2.users.ok.presence' }] });
  });

  it("keeps a client's channels from another client", async () => {
    const other = await startMockServer({
      clients: [
        { id: 'demo-client', secret: 'demo-secret' },
        { id: 'second-client', secret: 'second-secret' },
      ],
    });
    try {
      const first = await Api.signIn(other);
      const tokenRes = await fetch(`${other.url}/oauth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('second-client:second-secret').toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });
      const secondToken = ((await tokenRes.json()) as { access_token: string }).access_token;
      const channel = await first.channel();
      const asSecond = (method: string, path: string) =>
        fetch(`${other.url}${path}`, { method, headers: { authorization: `Bearer ${secondToken}` } });
      expect((await asSecond('HEAD', `${CHANNELS}/${channel.id}`)).status).toBe(404);
      expect((await asSecond('GET', `${CHANNELS}/${channel.id}/subscriptions`)).status).toBe(404);
      expect(await (await asSecond('GET', CHANNELS)).json()).toEqual({ entities: [] });
    } finally {
      await other.close();
    }
  });
});

describe('the WebSocket', () => {
  it('delivers a published event as the exact frame, to subscribed channels only', async () => {
    const { socket } = await api.listen(['v2.users.w1.presence']);
    const { socket: elsewhere } = await api.listen(['v2.users.w2.presence']);
    try {
      const published = mock.notifications.publish('v2.users.w1.presence', { hello: 'world' });
      expect(published).toEqual({ delivered: 1, correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(await socket.waitForTopic('v2.users.w1.presence')).toEqual({
        topicName: 'v2.users.w1.presence',
        version: '2',
        eventBody: { hello: 'world' },
        metadata: { CorrelationId: published.correlationId },
      });
      mock.notifications.publish('v2.users.w2.presence', {});
      await elsewhere.waitForTopic('v2.users.w2.presence');
      expect(elsewhere.frames.some((f) => f.topicName === 'v2.users.w1.presence')).toBe(false);
    } finally {
      socket.close();
      elsewhere.close();
    }
  });

  it('gives one event the same CorrelationId on every channel it reaches', async () => {
    const a = await api.listen(['v2.users.handover.presence']);
    const b = await api.listen(['v2.users.handover.presence']);
    try {
      const { delivered, correlationId } = mock.notifications.publish('v2.users.handover.presence', { n: 1 });
      expect(delivered).toBe(2);
      const [fa, fb] = await Promise.all([
        a.socket.waitForTopic('v2.users.handover.presence'),
        b.socket.waitForTopic('v2.users.handover.presence'),
      ]);
      expect(fa.metadata?.CorrelationId).toBe(correlationId);
      expect(fb.metadata?.CorrelationId).toBe(correlationId);
    } finally {
      a.socket.close();
      b.socket.close();
    }
  });

  it('loses an event published while the channel has no open socket', async () => {
    const channel = await api.channel(['v2.users.nobody.presence']);
    expect(mock.notifications.publish('v2.users.nobody.presence', {}).delivered).toBe(0);
    const socket = await TestSocket.open(channel.connectUri);
    try {
      mock.notifications.publish('v2.users.nobody.presence', { second: true });
      const frame = await socket.waitForTopic('v2.users.nobody.presence');
      expect(frame.eventBody).toEqual({ second: true });
    } finally {
      socket.close();
    }
  });

  it('sends heartbeats at the configured interval and answers ping with pong', async () => {
    const { socket } = await api.listen([]);
    try {
      const heartbeat = await socket.waitFor((f) => f.eventBody['message'] === 'WebSocket Heartbeat');
      expect(heartbeat).toEqual({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } });
      await socket.waitFor(() => socket.heartbeats() >= 3, 0, 'three heartbeats');
      const from = socket.frames.length;
      socket.ws.send(JSON.stringify({ message: 'ping' }));
      expect(await socket.waitFor((f) => f.eventBody['message'] === 'pong', from, 'pong')).toEqual({
        topicName: 'channel.metadata',
        eventBody: { message: 'pong' },
      });
      // Anything else from the client is ignored, and the socket stays usable.
      socket.ws.send('not json');
      socket.ws.send(JSON.stringify({ message: 'ping' }));
      const pongs = () => socket.frames.slice(from).filter((f) => f.eventBody['message'] === 'pong').length;
      await socket.waitFor(() => pongs() === 2, from, 'second pong');
    } finally {
      socket.close();
    }
  });

  it('refuses the upgrade for an unknown channel with HTTP 404', async () => {
    const error = await TestSocket.open(`${mock.url.replace('http://', 'ws://')}/channels/unknown-channel`).then(
      () => new Error('opened'),
      (e: Error) => e,
    );
    expect(error.message).toContain('404');
    const elsewhere = await TestSocket.open(`${mock.url.replace('http://', 'ws://')}/api/v2/users`).catch((e: Error) => e);
    expect((elsewhere as Error).message).toContain('404');
  });

  it('socket_closing: sends the frame, keeps delivering during the grace, then closes only that socket', async () => {
    const { channel, socket } = await api.listen(['v2.users.maint.presence']);
    try {
      const answer = mock.notifications.socketClosing({ channelId: channel.id, graceMs: 300 });
      expect(answer).toEqual({ sockets: 1 });
      const frame = await socket.waitForTopic('v2.system.socket_closing');
      expect(frame).toEqual({
        topicName: 'v2.system.socket_closing',
        version: '2',
        eventBody: { message: 'Socket closing' },
        metadata: { CorrelationId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      });
      expect(mock.notifications.publish('v2.users.maint.presence', {}).delivered).toBe(1);
      expect(await socket.waitClosed()).toEqual({ code: 1001, reason: 'socket closing' });
      // The channel and its subscriptions stay valid: a new socket on it gets events.
      expect((await api.call('HEAD', `${CHANNELS}/${channel.id}`)).status).toBe(200);
      const again = await TestSocket.open(channel.connectUri);
      try {
        mock.notifications.publish('v2.users.maint.presence', { after: true });
        expect((await again.waitForTopic('v2.users.maint.presence')).eventBody).toEqual({ after: true });
      } finally {
        again.close();
      }
    } finally {
      socket.close();
    }
  });

  it('drop destroys the socket with no close frame', async () => {
    const { channel, socket } = await api.listen([]);
    expect(mock.notifications.drop({ channelId: channel.id })).toEqual({ sockets: 1 });
    expect((await socket.waitClosed()).code).toBe(1006);
    expect(mock.notifications.channels().find((c) => c.id === channel.id)?.sockets).toBe(0);
  });

  it('silence keeps the socket open but sends nothing more', async () => {
    const quiet = await api.listen(['v2.users.quiet.presence']);
    const witness = await api.listen([]);
    try {
      await quiet.socket.waitFor(() => quiet.socket.heartbeats() >= 1, 0, 'a heartbeat before silence');
      expect(mock.notifications.silence({ channelId: quiet.channel.id })).toEqual({ sockets: 1 });
      const quietFrom = quiet.socket.frames.length;
      quiet.socket.ws.send(JSON.stringify({ message: 'ping' }));
      expect(mock.notifications.publish('v2.users.quiet.presence', {}).delivered).toBe(0);
      // The witness's heartbeats mark the time that passes: three intervals with nothing on the silent socket.
      const witnessFrom = witness.socket.frames.length;
      await witness.socket.waitFor(() => witness.socket.heartbeats(witnessFrom) >= 3, witnessFrom, 'three witness heartbeats');
      expect(quiet.socket.frames.slice(quietFrom)).toEqual([]);
      expect(quiet.socket.ws.readyState).toBe(quiet.socket.ws.OPEN);
      expect(mock.notifications.channels().find((c) => c.id === quiet.channel.id)?.sockets).toBe(1);
    } finally {
      quiet.socket.close();
      witness.socket.close();
    }
  });

  it('the 21st channel evicts the oldest and closes its socket', async () => {
    const own = await startMockServer();
    try {
      const client = await Api.signIn(own);
      const first = await client.channel();
      const socket = await TestSocket.open(first.connectUri);
      const rest: ChannelInfo[] = [];
      for (let i = 0; i < 19; i++) rest.push(await client.channel());
      expect((await client.call('GET', CHANNELS)).body.entities).toHaveLength(20);
      expect((await client.call('HEAD', `${CHANNELS}/${first.id}`)).status).toBe(200);
      const newest = await client.channel();
      expect(await socket.waitClosed()).toEqual({ code: 1000, reason: 'channel evicted' });
      expect((await client.call('HEAD', `${CHANNELS}/${first.id}`)).status).toBe(404);
      const ids = (await client.call('GET', CHANNELS)).body.entities.map((c: ChannelInfo) => c.id);
      expect(ids).toEqual([...rest.map((c) => c.id), newest.id]);
    } finally {
      await own.close();
    }
  });
});

describe('expiry', () => {
  let short: MockServer;
  let client: Api;
  beforeAll(async () => {
    short = await startMockServer({ channelLifetimeSeconds: 0.6 });
    client = await Api.signIn(short);
  });
  afterAll(() => short.close());

  it('closes the socket with 1000 "channel expired", after which HEAD is 404 and the upgrade refused', async () => {
    const channel = await client.channel(['v2.users.x.presence']);
    const socket = await TestSocket.open(channel.connectUri);
    expect(await socket.waitClosed()).toEqual({ code: 1000, reason: 'channel expired' });
    expect((await client.call('HEAD', `${CHANNELS}/${channel.id}`)).status).toBe(404);
    expect((await client.subscribe(channel.id, ['v2.users.x.presence'])).status).toBe(404);
    await expect(TestSocket.open(channel.connectUri)).rejects.toThrow('404');
    expect(short.notifications.channels().map((c) => c.id)).not.toContain(channel.id);
  });

  it('re-subscribing extends the channel from then', async () => {
    const kept = await client.channel();
    const lapsing = await client.channel();
    const lapsingSocket = await TestSocket.open(lapsing.connectUri);
    // Half the lifetime passes before the re-subscription (sequencing, not an assertion).
    await new Promise((r) => setTimeout(r, 300));
    const renewed = await client.subscribe(kept.id, ['v2.users.y.presence'], 'POST');
    expect(renewed.status).toBe(200);
    const listed = (await client.call('GET', CHANNELS)).body.entities.find((c: ChannelInfo) => c.id === kept.id);
    expect(Date.parse(listed.expires)).toBeGreaterThan(Date.parse(kept.expires));
    await lapsingSocket.waitClosed();
    expect((await client.call('HEAD', `${CHANNELS}/${lapsing.id}`)).status).toBe(404);
    expect((await client.call('HEAD', `${CHANNELS}/${kept.id}`)).status).toBe(200);
  });
});

describe('control endpoints over HTTP', () => {
  it('publish, channels, socket-closing, drop and silence', async () => {
    const a = await api.listen(['v2.users.http.presence']);
    const b = await api.listen([]);
    try {
      const published = await control('publish', { topic: 'v2.users.http.presence', eventBody: { via: 'http' } });
      expect(published).toEqual({ status: 200, body: { delivered: 1, correlationId: expect.any(String) } });
      expect((await a.socket.waitForTopic('v2.users.http.presence')).metadata?.CorrelationId).toBe(published.body.correlationId);

      const listed = await control('channels');
      expect(listed.status).toBe(200);
      expect(listed.body.find((c: { id: string }) => c.id === a.channel.id)).toEqual({
        id: a.channel.id,
        expires: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/),
        topics: ['v2.users.http.presence'],
        sockets: 1,
        userId: null,
        clientId: 'demo-client',
      });

      expect(await control('silence', { channelId: b.channel.id })).toEqual({ status: 200, body: { sockets: 1 } });
      expect(await control('socket-closing', { channelId: a.channel.id, graceMs: 0 })).toEqual({ status: 200, body: { sockets: 1 } });
      await a.socket.waitForTopic('v2.system.socket_closing');
      expect((await a.socket.waitClosed()).code).toBe(1001);
      expect(await control('drop', { channelId: b.channel.id })).toEqual({ status: 200, body: { sockets: 1 } });
      expect((await b.socket.waitClosed()).code).toBe(1006);
    } finally {
      a.socket.close();
      b.socket.close();
    }
  });

  it('drop without a channelId drops every open socket', async () => {
    const a = await api.listen([]);
    const b = await api.listen([]);
    const answer = await control('drop', '');
    expect(answer.status).toBe(200);
    expect(answer.body.sockets).toBeGreaterThanOrEqual(2);
    await Promise.all([a.socket.waitClosed(), b.socket.waitClosed()]);
  });

  it.each([
    ['publish', '{ not json', 'not valid JSON'],
    ['publish', [1], 'the body must be'],
    ['publish', { topic: 'v2.users.x.presence' }, 'eventBody is required'],
    ['publish', { topic: 'nope', eventBody: {} }, 'Invalid topic "nope"'],
    ['publish', { topic: 'v2.users.x.presence', eventBody: {}, extra: 1 }, 'unknown field "extra"'],
    ['socket-closing', { graceMs: -1 }, 'graceMs must be'],
    ['socket-closing', { graceMs: 'soon' }, 'graceMs must be'],
    ['drop', { channelId: 7 }, 'channelId must be a non-empty string'],
    ['silence', 'true', 'the body must be a JSON object'],
  ])('POST %s with %j is a 400 naming the problem', async (path, body, message) => {
    const answer = await control(path, body);
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain(message);
  });

  it('an unknown channel is a 404 naming it', async () => {
    const answer = await control('drop', { channelId: 'no-such-channel' });
    expect(answer.status).toBe(404);
    expect(answer.body.message).toContain('no-such-channel');
  });

  it('the programmatic controls throw clear Errors on bad input', () => {
    expect(() => mock.notifications.publish('bad topic', {})).toThrow('Invalid topic "bad topic"');
    expect(() => mock.notifications.socketClosing({ graceMs: 1.5 })).toThrow('graceMs must be');
    expect(() => mock.notifications.silence({ channelId: 'missing' })).toThrow('No channel "missing"');
  });
});

describe('close()', () => {
  it('closes open sockets and stops their timers', async () => {
    const own = await startMockServer({ heartbeatIntervalMs: 20 });
    const client = await Api.signIn(own);
    const closing = await client.listen([]);
    const silent = await client.listen([]);
    const plain = await client.listen([]);
    own.notifications.socketClosing({ channelId: closing.channel.id, graceMs: 60_000 });
    own.notifications.silence({ channelId: silent.channel.id });
    await own.close();
    const closes = await Promise.all([closing.socket.waitClosed(), silent.socket.waitClosed(), plain.socket.waitClosed()]);
    expect(closes.map((c) => c.code)).toEqual([1006, 1006, 1006]);
  });
});

describe('options', () => {
  it.each([
    [{ heartbeatIntervalMs: 0 }, 'heartbeatIntervalMs must be a whole number from 10'],
    [{ heartbeatIntervalMs: 12.5 }, 'heartbeatIntervalMs must be'],
    [{ heartbeatIntervalMs: '30000' }, 'heartbeatIntervalMs must be'],
    [{ channelLifetimeSeconds: 0 }, 'channelLifetimeSeconds must be a number of seconds above 0'],
    [{ channelLifetimeSeconds: -1 }, 'channelLifetimeSeconds must be'],
    [{ channelLifetimeSeconds: Number.NaN }, 'channelLifetimeSeconds must be'],
    [{ channelLifetimeSeconds: 1e9 }, 'channelLifetimeSeconds must be'],
  ])('startMockServer(%j) is refused', async (options, message) => {
    await expect(startMockServer(options as never)).rejects.toThrow(message);
  });

  it('the CLI flags', () => {
    expect(parseCliArgs(['--heartbeat-interval-ms', '50', '--channel-lifetime-seconds=1.5'])).toMatchObject({
      heartbeatIntervalMs: 50,
      channelLifetimeSeconds: 1.5,
    });
    expect(() => parseCliArgs(['--heartbeat-interval-ms', '5'])).toThrow('--heartbeat-interval-ms expects milliseconds from 10');
    expect(() => parseCliArgs(['--channel-lifetime-seconds', '0'])).toThrow('--channel-lifetime-seconds expects seconds above 0');
    expect(() => parseCliArgs(['--channel-lifetime-seconds', 'soon'])).toThrow('"soon"');
  });
});
