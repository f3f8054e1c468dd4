/**
 * The quick start: log in with client credentials, read users/me, walk every user with paginate,
 * create a routing queue and add members, survive an injected 429 through the retry policy, clean
 * up, and summarise. Runs against the embedded mock server unless real credentials are given.
 */
import { ApiClient, ApiError, paginate } from '@gcsdk/core';
import { RoutingApi } from '@gcsdk/api-routing';
import { UsersApi } from '@gcsdk/api-users';

export interface Target {
  /** 'mock' or the real org's region host. */
  kind: 'mock' | 'org';
  description: string;
  clientId: string;
  clientSecret: string;
  configure(client: ApiClient): void;
  /** Makes the next matching request answer 429 once (mock only). */
  inject429?(route: string): void;
}

export interface Summary {
  target: string;
  me: string;
  users: number;
  pages: number;
  queue: string;
  members: number;
  rateLimitedAttempts: number;
  cleanedUp: boolean;
}

export async function runQuickstart(target: Target, print: (line: string) => void): Promise<Summary> {
  const client = new ApiClient({ readConfigFile: false });
  target.configure(client);
  let rateLimited = 0;
  client.use({ afterResponse: (response) => void (response.status === 429 && rateLimited++) });
  const users = new UsersApi(client);
  const routing = new RoutingApi(client);
  try {
    print(`Target: ${target.description}`);
    const auth = await client.loginClientCredentialsGrant(target.clientId, target.clientSecret);
    print(`Logged in with client credentials (token valid until ${auth.tokenExpiryTimeString})`);

    let me = '(none: client-credentials tokens have no user)';
    try {
      const user = await users.getUsersMe();
      me = `${user.name} <${user.email}>`;
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
    print(`users/me: ${me}`);

    let userCount = 0;
    let pages = 0;
    for await (const page of paginate(users.getUsers.bind(users), [{ pageSize: 25 }]).byPage()) {
      pages++;
      userCount += page.entities?.length ?? 0;
    }
    print(`Users: ${userCount} in ${pages} pages`);

    const queue = await routing.postRoutingQueues({ name: `gcsdk-quickstart-${Date.now()}` });
    const queueId = queue.id!;
    print(`Created routing queue ${queue.name} (${queueId})`);
    const firstUsers = [];
    for await (const user of paginate(users.getUsers.bind(users), [{ pageSize: 3 }])) {
      firstUsers.push({ id: user.id! });
      if (firstUsers.length === 3) break;
    }
    await routing.postRoutingQueueMembers(queueId, firstUsers);

    if (target.inject429) {
      target.inject429(`GET /api/v2/routing/queues/${queueId}/members`);
      print('Injected a 429 on the next members read; the retry policy will wait and resend');
    }
    const members = await routing.getRoutingQueueMembers(queueId);
    print(`Queue members: ${members.entities?.length ?? 0}${rateLimited ? ` (after ${rateLimited} rate-limited attempt, retried)` : ''}`);

    await routing.deleteRoutingQueue(queueId);
    print(`Deleted queue ${queueId}`);
    return {
      target: target.description,
      me,
      users: userCount,
      pages,
      queue: queue.name ?? queueId,
      members: members.entities?.length ?? 0,
      rateLimitedAttempts: rateLimited,
      cleanedUp: true,
    };
  } finally {
    client.close();
  }
}

export function formatSummary(s: Summary): string {
  return [
    '',
    'Summary',
    `  target                ${s.target}`,
    `  users/me              ${s.me}`,
    `  users walked          ${s.users} (${s.pages} pages)`,
    `  queue created         ${s.queue}, ${s.members} members`,
    `  429s survived         ${s.rateLimitedAttempts}`,
    `  cleaned up            ${s.cleanedUp ? 'yes' : 'no'}`,
  ].join('\n');
}
