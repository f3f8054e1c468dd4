/** The unmodified reference SDK, pointed at the mock through its gateway setting, works as against Genesys Cloud. */
import { startMockServer, type MockServer } from '../src/index.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const platformClient = require('purecloud-platform-client-v2') as {
  ApiClientClass: new () => {
    setGateway(g: object): void;
    loginClientCredentialsGrant(id: string, secret: string): Promise<{ accessToken: string }>;
  };
  UsersApi: new (client: unknown) => {
    getUsersMe(opts?: object): Promise<{ name: string }>;
    getUsers(opts?: object): Promise<{ entities: unknown[]; pageCount: number }>;
  };
  RoutingApi: new (client: unknown) => {
    postRoutingQueues(body: object): Promise<{ id: string; name: string }>;
    postRoutingQueueMembers(queueId: string, body: object[]): Promise<unknown>;
    getRoutingQueueMembers(queueId: string, opts?: object): Promise<{ total: number }>;
    deleteRoutingQueue(queueId: string): Promise<unknown>;
  };
};

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(() => mock.close());

it('logs in with client credentials and calls users and routing operations', async () => {
  const client = new platformClient.ApiClientClass();
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: mock.port });
  const auth = await client.loginClientCredentialsGrant('demo-client', 'demo-secret');
  expect(auth.accessToken).toEqual(expect.any(String));
  const users = new platformClient.UsersApi(client);
  expect((await users.getUsersMe()).name).toBe('Demo User');
  const page = await users.getUsers({ pageSize: 10, pageNumber: 2 });
  expect(page.entities).toHaveLength(10);
  expect(page.pageCount).toBe(6);
  const routing = new platformClient.RoutingApi(client);
  const queue = await routing.postRoutingQueues({ name: 'Reference queue' });
  const member = (page.entities[0] as { id: string }).id;
  await routing.postRoutingQueueMembers(queue.id, [{ id: member }]);
  expect((await routing.getRoutingQueueMembers(queue.id)).total).toBe(1);
  await routing.deleteRoutingQueue(queue.id);
  expect(mock.requests.filter((r) => r.path.startsWith('/api/')).every((r) => r.status < 300)).toBe(true);
});
