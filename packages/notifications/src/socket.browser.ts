import { NotificationsError } from './errors.js';
import type { WebSocketConstructor } from './types.js';

/** The WebSocket class in browsers (and other runtimes that have one): the platform's own. */
export async function defaultWebSocket(): Promise<WebSocketConstructor> {
  const platform = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (typeof platform !== 'function')
    throw new NotificationsError('websocket-unavailable', 'this runtime has no globalThis.WebSocket; pass options.WebSocket');
  return platform;
}
