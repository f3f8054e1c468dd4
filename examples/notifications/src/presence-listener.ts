/**
 * The notifications example: subscribe to the signed-in user's presence, change the presence through
 * the API, and print the event that the change publishes. Works against the embedded mock server and
 * against a real org alike.
 */
import type { ApiClient } from '@gcsdk/core';
import { PresenceApi } from '@gcsdk/api-presence';
import { UsersApi } from '@gcsdk/api-users';
import { createNotificationClient, type NotificationEvent } from '@gcsdk/notifications';

export interface ListenResult {
  user: string;
  topic: string;
  from: string;
  to: string;
  /** The system presence the event carried. */
  received: string;
}

/** The presence definition to switch to: Busy, or Available when the user is already busy. */
function target(current: string | undefined): string {
  return current?.toUpperCase() === 'BUSY' ? 'AVAILABLE' : 'BUSY';
}

export async function listenToPresence(client: ApiClient, print: (line: string) => void, timeoutMs = 15_000): Promise<ListenResult> {
  const users = new UsersApi(client);
  const presence = new PresenceApi(client);
  const me = await users.getUsersMe();
  if (!me.id) throw new Error('users/me returned no id: sign in as a user (a client-credentials token has none on a real org)');
  print(`Signed in as ${me.name} (${me.id})`);

  const notifications = await createNotificationClient(client);
  print(`Notifications: ${notifications.state}`);
  notifications.on('state', (state) => print(`Notifications: ${state}`));
  try {
    const topic = `v2.users.${me.id}.presence` as const;
    let deliver!: (event: NotificationEvent<typeof topic>) => void;
    const received = new Promise<NotificationEvent<typeof topic>>((resolve) => (deliver = resolve));
    // subscribe() resolves once the channel holds the topic, so the change below cannot outrun it.
    await notifications.subscribe(topic, (event) => deliver(event));
    print(`Subscribed to ${topic}`);

    const current = await presence.getUserPresencesPurecloud(me.id);
    const from = current.presenceDefinition?.systemPresence ?? 'unknown';
    const wanted = target(from);
    const definitions = await presence.getPresenceDefinitions0();
    const definition = definitions.entities?.find((d) => d.systemPresence?.toUpperCase() === wanted);
    if (!definition?.id) throw new Error(`the org has no ${wanted} presence definition`);
    print(`Changing presence from ${from} to ${definition.systemPresence}`);
    await presence.patchUserPresencesPurecloud(me.id, { presenceDefinition: { id: definition.id } });

    const event = await withTimeout(received, timeoutMs, `no ${topic} event within ${timeoutMs} ms`);
    const systemPresence = event.eventBody.presenceDefinition?.systemPresence ?? 'unknown';
    print(`Event ${event.topicName}: presence is now ${systemPresence}`);
    return { user: me.id, topic, from, to: definition.systemPresence ?? wanted, received: systemPresence };
  } finally {
    await notifications.close();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
