/**
 * The typing of events, checked by the compiler: `npm run typecheck` (tsc, which covers test/) fails on
 * this file if `eventBody` loses its model (becomes unknown, any, or the generic record) for a mapped
 * topic. Jest only transpiles it (isolatedModules), so the runtime assertions are the lesser half.
 */
import type { EventHandler, NotificationClient, NotificationEvent } from '../src/index.js';
import type { GenericEventBody } from '../src/generated/topics.js';

type IsAny<T> = 0 extends 1 & T ? true : false;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

it('types a mapped topic by its model and any other topic as GenericEventBody', () => {
  const onPresence: EventHandler<'v2.users.abc.presence'> = (event) => {
    const systemPresence: string | undefined = event.eventBody.presenceDefinition?.systemPresence;
    const topic: 'v2.users.abc.presence' = event.topicName;
    const notAny: IsAny<typeof event.eventBody> = false;
    // @ts-expect-error a presence body has no routingStatus
    void event.eventBody.routingStatus;
    return [systemPresence, topic, notAny];
  };
  const onRouting: EventHandler<'v2.users.abc.routingStatus'> = (event) => {
    const status: string | undefined = event.eventBody.routingStatus?.status;
    return status;
  };
  const generic: Equal<NotificationEvent<'v2.not.a.mapped.topic'>['eventBody'], GenericEventBody> = true;
  expect([typeof onPresence, typeof onRouting, generic]).toEqual(['function', 'function', true]);
});

it('infers the handler type from the topic passed to subscribe', () => {
  const subscribeTyped = (client: NotificationClient) =>
    client.subscribe('v2.users.abc.presence', (event) => {
      const systemPresence: string | undefined = event.eventBody.presenceDefinition?.systemPresence;
      return systemPresence;
    });
  // A callback written for any topic is accepted too (its eventBody is the generic record).
  const anyTopic: EventHandler = (event) => void event.eventBody['whatever'];
  const subscribeGeneric = (client: NotificationClient) => client.subscribe(['v2.users.abc.presence', 'v2.other'], anyTopic);
  expect([typeof subscribeTyped, typeof subscribeGeneric]).toEqual(['function', 'function']);
});
