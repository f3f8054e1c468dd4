/** A local HTTP(S) server for tests: records every request exactly as received and answers from a handler. */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer, type ServerOptions } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { FetchHttpClient, NodeHttpClient } from '../../src/index.js';

export interface RecordedRequest {
  method: string;
  /** The request target exactly as sent (path and query). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  /** Header names in the order and case they were sent. */
  rawHeaderNames: string[];
  /** Every header line as sent, `[name, value]` (Node's `headers` drops or joins repeated ones). */
  rawHeaders: [string, string][];
  body: string;
  socket: Socket;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Never answer (for timeouts). */
  hang?: boolean;
  /** Destroy the connection without answering. */
  drop?: boolean;
}

export type Handler = (request: RecordedRequest) => Reply | Promise<Reply>;

export interface TestServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  handler: Handler;
  close(): Promise<void>;
}

export async function startServer(handler: Handler = () => ({ status: 200, body: {} }), tls?: ServerOptions): Promise<TestServer> {
  const sockets = new Set<Socket>();
  const state: TestServer = { url: '', port: 0, requests: [], handler, close: async () => undefined };
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        rawHeaderNames: req.rawHeaders.filter((_, i) => i % 2 === 0),
        rawHeaders: req.rawHeaders.flatMap((name, i) => (i % 2 === 0 ? [[name, req.rawHeaders[i + 1]!] as [string, string]] : [])),
        body: Buffer.concat(chunks).toString('utf8'),
        socket: req.socket,
      };
      state.requests.push(recorded);
      void Promise.resolve(state.handler(recorded)).then((reply) => {
        if (reply.hang) return;
        if (reply.drop) return req.socket.destroy();
        const body = reply.body === undefined ? '' : typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
        const headers = {
          ...(typeof reply.body === 'object' && reply.body !== null ? { 'content-type': 'application/json' } : {}),
          ...reply.headers,
        };
        res.writeHead(reply.status ?? 200, headers);
        res.end(body);
      });
    });
  };
  const server: Server = tls ? createHttpsServer(tls, listener) : createHttpServer(listener);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  state.port = port;
  state.url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return state;
}

/**
 * The server of a test file: started before its tests, closed after them, and before each test
 * emptied of recorded requests and set to answer 200 `{ ok: true }`. The object returned stands
 * for the server once it has started.
 */
export function useTestServer(): TestServer {
  let current: TestServer | undefined;
  beforeAll(async () => {
    current = await startServer();
  });
  afterAll(() => current?.close());
  beforeEach(() => {
    current!.requests.length = 0;
    current!.handler = () => ({ status: 200, body: { ok: true } });
  });
  return new Proxy({} as TestServer, {
    get: (_target, key) => Reflect.get(current!, key),
    set: (_target, key, value) => Reflect.set(current!, key, value),
  });
}

/** The transports every wire behaviour is checked on: axios (the default), fetch and Node's http. */
export const TRANSPORTS = [
  ['axios', () => undefined],
  ['fetch', () => new FetchHttpClient()],
  ['node', () => new NodeHttpClient()],
] as const;
