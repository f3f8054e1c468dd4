/** Shared by the integration tests: a mock server, a logged-in ApiClient, and ways to await what happens. */
import { ApiClient } from '@gcsdk/core';
import { DEFAULT_USER, startMockServer, type MockServer, type MockServerOptions } from '@gcsdk/mock-server';
import type { NotificationClient, NotificationEvent, NotificationState, NotificationsError } from '../../src/index.js';

export { DEFAULT_USER };

export async function startMock(options: MockServerOptions = {}): Promise<MockServer> {
  return startMockServer({ port: 0, host: '127.0.0.1', ...options });
}

/** A client of the mock's demo OAuth client, logged in with client credentials. */
export async function loggedInApiClient(mock: MockServer): Promise<ApiClient> {
  const apiClient = new ApiClient({ readConfigFile: false });
  apiClient.setGateway({ host: '127.0.0.1', protocol: 'http', port: mock.port });
  await apiClient.loginClientCredentialsGrant('demo-client', 'demo-secret');
  return apiClient;
}

/** Resolves when `check` holds, polling the mock's state; fails with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves at the next time the client enters `state`. */
export function nextState(client: NotificationClient, state: NotificationState, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`timed out waiting for state ${state} (now ${client.state})`));
    }, timeoutMs);
    const stop = client.on('state', (entered) => {
      if (entered !== state) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

/** Every state the client enters and every error it reports, for assertions after the fact. */
export function record(client: NotificationClient): { states: NotificationState[]; errors: NotificationsError[] } {
  const log = { states: [] as NotificationState[], errors: [] as NotificationsError[] };
  client.on('state', (state) => log.states.push(state));
  client.on('error', (error) => log.errors.push(error));
  return log;
}

/** Collects the events of a topic and lets a test await the n-th one. */
export class Inbox<T extends string = string> {
  readonly events: NotificationEvent<T>[] = [];
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  readonly handler = (event: NotificationEvent<T>): void => {
    this.events.push(event);
    this.waiters = this.waiters.filter((waiter) => {
      if (this.events.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  };

  /** Resolves once `count` events have arrived in total. */
  waitFor(count: number, timeoutMs = 5000): Promise<void> {
    if (this.events.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for event ${count} (got ${this.events.length})`)), timeoutMs);
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }
}
