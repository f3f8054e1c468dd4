/** The JSON text frames the notification service sends on a channel's WebSocket. */

export interface EventFrame {
  topicName: string;
  version: '2';
  eventBody: unknown;
  metadata: { CorrelationId: string };
}

export const eventFrame = (topicName: string, eventBody: unknown, correlationId: string): EventFrame => ({
  topicName,
  version: '2',
  eventBody,
  metadata: { CorrelationId: correlationId },
});

export const HEARTBEAT_FRAME = { topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } };
export const PONG_FRAME = { topicName: 'channel.metadata', eventBody: { message: 'pong' } };
export const SOCKET_CLOSING_TOPIC = 'v2.system.socket_closing';

export const socketClosingFrame = (correlationId: string): EventFrame =>
  eventFrame(SOCKET_CLOSING_TOPIC, { message: 'Socket closing' }, correlationId);

/** True for the client's keep-alive text frame `{"message":"ping"}`. */
export function isPing(text: string): boolean {
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null && (parsed as { message?: unknown }).message === 'ping';
  } catch {
    return false;
  }
}
