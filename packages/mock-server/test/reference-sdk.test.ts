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
    postUsers(body: object): Promise<{ id: string; name: string }>;
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

it('creates a user with only name, email and password (the spec also requires divisionId: a warning, not a 400)', async () => {
  const client = new platformClient.ApiClientClass();
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: mock.port });
  await client.loginClientCredentialsGrant('demo-client', 'demo-secret');
  const users = new platformClient.UsersApi(client);
  const created = await users.postUsers({ name: 'Reference Person', email: 'ref@example.com', password: 'S3cret-pass!' });
  expect(created.name).toBe('Reference Person');
  expect(mock.requests.at(-1)).toMatchObject({ method: 'POST', status: 200, warning: expect.stringContaining("'divisionId'") });
});

it('sends multi collections comma-joined, which the mock reads as lists', async () => {
  const client = new platformClient.ApiClientClass();
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: mock.port });
  await client.loginClientCredentialsGrant('demo-client', 'demo-secret');
  const page = await new platformClient.UsersApi(client).getUsers({ pageSize: 5, expand: ['presence', 'routingStatus'], id: ['a', 'b'] });
  expect(page.entities).toHaveLength(5);
  expect(mock.requests.at(-1)?.query).toBe('?pageSize=5&id=a,b&expand=presence,routingStatus');
});
