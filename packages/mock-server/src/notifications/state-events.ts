/**
 * Event bodies for state changes made through the API, shaped like the spec's notification
 * models (PresenceEventUserPresence, UserRoutingStatusUserRoutingStatus, QueueUserEventTopicQueueMember,
 * ConversationEventTopicConversation, ConversationCallEventTopicCallConversation).
 */

export interface PresenceDefinitionRef {
  id: string;
  systemPresence: string;
}

export interface UserPresence {
  id: string;
  source: string;
  sourceId: string;
  primary: boolean;
  presenceDefinition: PresenceDefinitionRef & { selfUri: string };
  message: string;
  modifiedDate: string;
  selfUri: string;
}

/** A participant of a mock call conversation (the CallMediaParticipant fields the mock fills). */
export interface CallParticipant {
  id: string;
  name: string;
  address: string;
  startTime: string;
  connectedTime?: string;
  endTime?: string;
  purpose: 'agent' | 'customer';
  state: string;
  direction: 'outbound';
  disconnectType?: string;
  held: boolean;
  muted: boolean;
  recording: boolean;
  user?: { id: string; selfUri: string };
}

export interface CallConversation {
  id: string;
  /** The signed-in user who placed the call: the conversation topics are theirs. */
  ownerUserId: string;
  startTime: string;
  endTime?: string;
  participants: CallParticipant[];
  recordingState: string;
  maxParticipants: number;
  selfUri: string;
}

export const presenceTopic = (userId: string) => `v2.users.${userId}.presence`;
export const routingStatusTopic = (userId: string) => `v2.users.${userId}.routingStatus`;
export const queueMembersTopic = (queueId: string) => `v2.routing.queues.${queueId}.users`;
export const conversationsTopic = (userId: string) => `v2.users.${userId}.conversations`;
export const callConversationsTopic = (userId: string) => `v2.users.${userId}.conversations.calls`;

export const presenceEvent = (p: UserPresence) => ({
  source: p.source,
  presenceDefinition: { id: p.presenceDefinition.id, systemPresence: p.presenceDefinition.systemPresence },
  primary: p.primary,
  message: p.message,
  modifiedDate: p.modifiedDate,
});

export const routingStatusEvent = (status: { status: string; startTime: string }) => ({
  routingStatus: { status: status.status, startTime: status.startTime },
});

export const queueMemberEvent = (queueId: string, userId: string, joined: boolean) => ({
  id: userId,
  user: { id: userId },
  queueId,
  joined,
});

/** `v2.users.{id}.conversations`: participants carry their media under `calls`. */
export const conversationEvent = (c: CallConversation) => ({
  id: c.id,
  maxParticipants: c.maxParticipants,
  recordingState: c.recordingState,
  participants: c.participants.map((p) => ({
    id: p.id,
    ...(p.connectedTime ? { connectedTime: p.connectedTime } : {}),
    ...(p.endTime ? { endTime: p.endTime } : {}),
    ...(p.user ? { userId: p.user.id } : {}),
    name: p.name,
    purpose: p.purpose,
    address: p.address,
    calls: [
      {
        id: `${p.id}-call`,
        state: p.state,
        direction: p.direction,
        held: p.held,
        muted: p.muted,
        recording: p.recording,
        ...(p.connectedTime ? { connectedTime: p.connectedTime } : {}),
        ...(p.endTime ? { disconnectedTime: p.endTime } : {}),
        ...(p.disconnectType ? { disconnectType: p.disconnectType } : {}),
        self: { addressNormalized: p.address },
      },
    ],
  })),
});

/** `v2.users.{id}.conversations.calls`: the call conversation with its media participants. */
export const callConversationEvent = (c: CallConversation) => ({
  id: c.id,
  maxParticipants: c.maxParticipants,
  recordingState: c.recordingState,
  participants: c.participants.map((p) => {
    const { user, ...rest } = p;
    return { ...rest, ...(user ? { user: { id: user.id, selfUri: user.selfUri } } : {}) };
  }),
});
