/** Shared by the notification tests: a WebSocket client that records frames and lets a test await them. */
import WebSocket from 'ws';
import type { MockServer } from '../src/index.js';
import { clientToken } from './helpers.js';

export interface Frame {
  topicName: string;
  version?: string;
  eventBody: Record<string, unknown>;
  metadata?: { CorrelationId: string };
}

/** How long a test waits for a frame or a close before failing with a clear message (a guard, not a timing assertion). */
const WAIT_MS = 4000;

export class TestSocket {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private listeners: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      for (const l of [...this.listeners]) l();
    });
    this.closed = new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static open(url: string): Promise<TestSocket> {
    const ws = new WebSocket(url);
    const socket = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('error', reject);
    });
  }

  /** The first frame (from index `from` on) that matches, already received or still to come. */
  waitFor(match: (f: Frame) => boolean, from = 0, what = 'a matching frame'): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.frames.slice(from).find(match);
        if (!found) return false;
        done();
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${what} within ${WAIT_MS} ms; got ${JSON.stringify(this.frames.slice(from)).slice(0, 500)}`));
      }, WAIT_MS);
      const listener = () => void check();
      const done = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
      };
      this.listeners.push(listener);
      check();
    });
  }

  waitForTopic(topic: string, from = 0): Promise<Frame> {
    return this.waitFor((f) => f.topicName === topic, from, `frame on ${topic}`);
  }

  /** Resolves with the close, or fails after the guard time. */
  async waitClosed(): Promise<{ code: number; reason: string }> {
    let timer: NodeJS.Timeout | undefined;
    const guard = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`socket not closed within ${WAIT_MS} ms`)), WAIT_MS);
    });
    try {
      return await Promise.race([this.closed, guard]);
    } finally {
      clearTimeout(timer);
    }
  }

  heartbeats(from = 0): number {
    return this.frames.slice(from).filter((f) => f.eventBody['message'] === 'WebSocket Heartbeat').length;
  }

  close(): void {
    this.ws.terminate();
  }
}

export interface ChannelInfo {
  id: string;
  connectUri: string;
  expires: string;
}

/** A small REST client for one token. */
export class Api {
  private constructor(
    readonly mock: MockServer,
    readonly token: string,
  ) {}

  static async signIn(mock: MockServer): Promise<Api> {
    return new Api(mock, await clientToken(mock));
  }

  // The tests read JSON answers freely; a wrong shape fails their expectations.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.mock.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  }

  async channel(topics: string[] = []): Promise<ChannelInfo> {
    const created = await this.call('POST', '/api/v2/notifications/channels');
    if (created.status !== 200) throw new Error(`channel creation: ${created.status}`);
    if (topics.length) await this.subscribe(created.body.id, topics);
    return created.body as ChannelInfo;
  }

  async subscribe(channelId: string, topics: string[], method = 'PUT') {
    return this.call(
      method,
      `/api/v2/notifications/channels/${channelId}/subscriptions`,
      topics.map((id) => ({ id })),
    );
  }

  /** A channel subscribed to the topics, with an open socket. */
  async listen(topics: string[]): Promise<{ channel: ChannelInfo; socket: TestSocket }> {
    const channel = await this.channel(topics);
    return { channel, socket: await TestSocket.open(channel.connectUri) };
  }
}
