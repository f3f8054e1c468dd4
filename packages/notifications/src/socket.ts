import { NotificationsError } from './errors.js';
import type { WebSocketConstructor } from './types.js';

/**
 * The WebSocket class for Node: `ws`, loaded on first use so that importing the package costs nothing.
 * The browser build replaces this module by `socket.browser.ts`, so `ws` never reaches a page.
 */
export async function defaultWebSocket(): Promise<WebSocketConstructor> {
  try {
    const module = (await import('ws')) as { default?: unknown; WebSocket?: unknown };
    return (module.default ?? module.WebSocket) as WebSocketConstructor;
  } catch (error) {
    throw new NotificationsError('websocket-unavailable', 'cannot load the "ws" package; install it or pass options.WebSocket', {
      cause: error,
    });
  }
}
