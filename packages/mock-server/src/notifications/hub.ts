/**
 * The WebSocket side of notifications: `ws://host:port/channels/<id>` upgrades, heartbeats,
 * ping → pong, event delivery, and the test controls (socket_closing, drop, silence).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { PublishResult } from './api.js';
import type { Channel, ChannelRegistry, GoneReason } from './channels.js';
import { eventFrame, HEARTBEAT_FRAME, isPing, PONG_FRAME, socketClosingFrame } from './frames.js';

/** Largest frame a client may send; it only ever sends pings. */
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;
const CHANNEL_PATH = /^\/channels\/([^/?#]+)$/;

interface OpenSocket {
  ws: WebSocket;
  channelId: string;
  heartbeat: NodeJS.Timeout;
  /** The grace timer after socket_closing. */
  closing?: NodeJS.Timeout;
  /** Sends nothing more: a half-open link only a heartbeat watchdog notices. */
  silenced: boolean;
}

export class UnknownChannelError extends Error {}

export class NotificationHub {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  private readonly sockets = new Set<OpenSocket>();

  constructor(
    private readonly registry: ChannelRegistry,
    private readonly heartbeatIntervalMs: number,
  ) {
    registry.onGone = (channel, reason) => this.channelGone(channel, reason);
  }

  /** The HTTP server's `upgrade` event: a live channel's socket, else an HTTP 404. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const pathname = (req.url ?? '/').split('?')[0]!;
    const id = CHANNEL_PATH.exec(pathname)?.[1];
    const channel = id === undefined ? undefined : this.registry.get(safeDecode(id));
    if (!channel) return refuse(socket, `No channel at ${pathname.slice(0, 200)}: unknown or expired`);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, channel.id));
  }

  /** Sends an event to every open socket of the channels subscribed to the topic; one CorrelationId for all. */
  publish(topic: string, eventBody: unknown): PublishResult {
    const correlationId = randomUUID();
    const frame = JSON.stringify(eventFrame(topic, eventBody, correlationId));
    let delivered = 0;
    for (const channel of this.registry.subscribedTo(topic)) {
      for (const s of this.socketsOf(channel.id)) if (this.send(s, frame)) delivered++;
    }
    return { delivered, correlationId };
  }

  /** Maintenance: sends v2.system.socket_closing, then closes the socket(s) after the grace period. */
  socketClosing(channelId: string | undefined, graceMs: number): number {
    const targets = this.targets(channelId).filter((s) => !s.closing);
    for (const s of targets) {
      this.send(s, JSON.stringify(socketClosingFrame(randomUUID())));
      s.closing = setTimeout(() => s.ws.close(1001, 'socket closing'), graceMs);
    }
    return targets.length;
  }

  /** Destroys the socket(s) without a close frame, as a network failure would. */
  drop(channelId: string | undefined): number {
    const targets = this.targets(channelId);
    for (const s of targets) s.ws.terminate();
    return targets.length;
  }

  /** Keeps the socket(s) open but sends nothing more on them. */
  silence(channelId: string | undefined): number {
    const targets = this.targets(channelId);
    for (const s of targets) {
      s.silenced = true;
      clearInterval(s.heartbeat);
    }
    return targets.length;
  }

  /** Open sockets of a channel. */
  openSockets(channelId: string): number {
    return this.socketsOf(channelId).length;
  }

  /** Stops every timer and destroys every socket: nothing is left running. */
  close(): Promise<void> {
    for (const s of [...this.sockets]) {
      this.forget(s);
      s.ws.terminate();
    }
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }

  private attach(ws: WebSocket, channelId: string): void {
    const s: OpenSocket = {
      ws,
      channelId,
      silenced: false,
      heartbeat: setInterval(() => this.send(s, JSON.stringify(HEARTBEAT_FRAME)), this.heartbeatIntervalMs),
    };
    this.sockets.add(s);
    ws.on('message', (data, isBinary) => {
      if (!isBinary && isPing(data.toString())) this.send(s, JSON.stringify(PONG_FRAME));
    });
    ws.on('close', () => this.forget(s));
    // A client that goes away mid-frame is not the server's failure; the close event cleans up.
    ws.on('error', () => undefined);
  }

  private send(s: OpenSocket, frame: string): boolean {
    if (s.silenced || s.ws.readyState !== s.ws.OPEN) return false;
    s.ws.send(frame);
    return true;
  }

  private socketsOf(channelId: string): OpenSocket[] {
    return [...this.sockets].filter((s) => s.channelId === channelId && s.ws.readyState === s.ws.OPEN);
  }

  /** The open sockets of one live channel, or of all. */
  private targets(channelId: string | undefined): OpenSocket[] {
    if (channelId === undefined) return [...this.sockets].filter((s) => s.ws.readyState === s.ws.OPEN);
    if (!this.registry.get(channelId)) throw new UnknownChannelError(`No channel ${JSON.stringify(channelId)}: unknown or expired`);
    return this.socketsOf(channelId);
  }

  private channelGone(channel: Channel, reason: GoneReason): void {
    for (const s of [...this.sockets]) {
      if (s.channelId !== channel.id) continue;
      this.forget(s);
      s.ws.close(1000, `channel ${reason}`);
    }
  }

  private forget(s: OpenSocket): void {
    clearInterval(s.heartbeat);
    clearTimeout(s.closing);
    this.sockets.delete(s);
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Answers an upgrade with an HTTP 404 and closes the connection. */
function refuse(socket: Duplex, message: string): void {
  const body = JSON.stringify({ message, code: 'not.found', status: 404 });
  socket.end(
    `HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}
