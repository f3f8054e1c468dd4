/**
 * Call conversations the mock holds: POST places a call for the signed-in user, GET reads it,
 * PATCH changes its state; each change publishes v2.users.{id}.conversations and …conversations.calls.
 */
import { randomUUID } from 'node:crypto';
import { setBounded } from '../bounded.js';
import type { Handler, ResourceResult } from '../resources.js';
import { MAX_ENTITIES, type Store } from '../store.js';
import {
  callConversationEvent,
  callConversationsTopic,
  conversationEvent,
  conversationsTopic,
  type CallConversation,
  type CallParticipant,
} from './state-events.js';

/** Conversation states a PATCH may set (the service's). */
const STATES = ['alerting', 'dialing', 'contacting', 'offering', 'connected', 'disconnected', 'terminated', 'none'];

const badRequest = (message: string): ResourceResult => ({ status: 400, body: { message, code: 'bad.request' } });
const object = (body: unknown): Record<string, unknown> =>
  body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
const noConversation = (id: string): ResourceResult => ({
  status: 404,
  body: { message: `Conversation ${id} not found`, code: 'not.found' },
});

function publishChange(store: Store, c: CallConversation): void {
  store.publish(conversationsTopic(c.ownerUserId), conversationEvent(c));
  store.publish(callConversationsTopic(c.ownerUserId), callConversationEvent(c));
}

/** The answer of GET: the stored conversation without the mock's bookkeeping. */
function view(c: CallConversation) {
  const { ownerUserId: _owner, ...rest } = c;
  return rest;
}

export const CONVERSATION_RESOURCES: Record<string, Handler> = {
  'POST /api/v2/conversations/calls': (store, req, oauth) => {
    const body = object(req.body);
    const phoneNumber = body['phoneNumber'];
    if (typeof phoneNumber !== 'string' || !phoneNumber.trim())
      return badRequest('phoneNumber is required: the mock places calls to a phone number');
    const userId = req.token.userId ?? oauth.options.user.id;
    const user = store.users.items.get(userId);
    const now = new Date().toISOString();
    const party = (p: Partial<CallParticipant> & Pick<CallParticipant, 'name' | 'address' | 'purpose'>): CallParticipant => ({
      id: randomUUID(),
      startTime: now,
      connectedTime: now,
      state: 'connected',
      direction: 'outbound',
      held: false,
      muted: false,
      recording: false,
      ...p,
    });
    const id = randomUUID();
    const conversation: CallConversation = {
      id,
      ownerUserId: userId,
      startTime: now,
      participants: [
        party({
          name: user?.name ?? 'Agent',
          address: `sip:${userId}@mock.invalid`,
          purpose: 'agent',
          user: { id: userId, selfUri: `/api/v2/users/${userId}` },
        }),
        party({ name: phoneNumber, address: `tel:${phoneNumber}`, purpose: 'customer' }),
      ],
      recordingState: 'none',
      maxParticipants: 2,
      selfUri: `/api/v2/conversations/calls/${id}`,
    };
    setBounded(store.conversations, id, conversation, MAX_ENTITIES);
    publishChange(store, conversation);
    return { status: 200, body: { id, selfUri: conversation.selfUri } };
  },
  'GET /api/v2/conversations/calls/{conversationId}': (store, req) => {
    const c = store.conversations.get(req.params['conversationId']!);
    return c ? { status: 200, body: view(c) } : noConversation(req.params['conversationId']!);
  },
  'PATCH /api/v2/conversations/calls/{conversationId}': (store, req) => {
    const c = store.conversations.get(req.params['conversationId']!);
    if (!c) return noConversation(req.params['conversationId']!);
    const body = object(req.body);
    const state = body['state'];
    if (state !== undefined && (typeof state !== 'string' || !STATES.includes(state.toLowerCase())))
      return badRequest(`state must be one of ${STATES.join(', ')}, got ${JSON.stringify(state)}`);
    if (typeof body['recordingState'] === 'string') c.recordingState = body['recordingState'];
    if (typeof state === 'string') {
      const next = state.toLowerCase();
      const ending = next === 'disconnected' || next === 'terminated';
      const now = new Date().toISOString();
      for (const p of c.participants) {
        p.state = next;
        if (ending && !p.endTime) {
          p.endTime = now;
          p.disconnectType = p.purpose === 'agent' ? 'client' : 'peer';
        }
      }
      if (ending && !c.endTime) c.endTime = now;
    }
    publishChange(store, c);
    return { status: 200, body: view(c) };
  },
};
