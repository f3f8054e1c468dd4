/** invoke(): the generated methods' path into the core, checked against the reference's own generated code. */
import { ApiClient, invoke, MissingParameterError, type OperationDescriptor } from '../src/index.js';
import { startServer, type TestServer } from './support/server.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const reference = require('purecloud-platform-client-v2') as {
  ApiClient: { instance: { setGateway(g: object): void; setAccessToken(t: string): void } };
  UsersApi: new () => { getUser(id: unknown, opts?: object): Promise<unknown>; patchUser(id: unknown, body: unknown): Promise<unknown> };
};

/** The descriptor a generator would emit for UsersApi.getUser (query parameters in the spec's order). */
const getUser: OperationDescriptor = {
  name: 'getUser',
  method: 'GET',
  path: '/api/v2/users/{userId}',
  params: [
    ['userId', 'path', 'userId', '', 0],
    ['expand', 'query', 'expand', 'multi'],
    ['integrationPresenceSource', 'query'],
    ['userCustomAttributeSchemaIds', 'query', 'userCustomAttributeSchemaIds', 'multi'],
    ['state', 'query'],
  ],
};
const patchUser: OperationDescriptor = {
  name: 'patchUser',
  method: 'PATCH',
  path: '/api/v2/users/{userId}',
  params: [
    ['userId', 'path', 'userId', '', 0],
    ['body', 'body', 'body', '', 1],
  ],
};

let server: TestServer;
const client = new ApiClient({ readConfigFile: false });
beforeAll(async () => {
  server = await startServer();
  for (const c of [client, reference.ApiClient.instance]) {
    c.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port });
    c.setAccessToken('t');
  }
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

it('puts the same request on the wire as the reference method', async () => {
  const opts = {
    state: 'active',
    expand: ['presence', 'routingStatus'],
    integrationPresenceSource: 'Teams',
    customHeaders: { 'X-A': 'b' },
  };
  await new reference.UsersApi().getUser('u 1', opts);
  await invoke(client, getUser, ['u 1'], opts);
  const [expected, actual] = server.requests;
  expect(actual!.url).toBe(expected!.url);
  expect(actual!.url).toBe('/api/v2/users/u%201?expand=presence,routingStatus&integrationPresenceSource=Teams&state=active');
  expect(actual!.headers['x-a']).toBe('b');
});

it.each([undefined, null, ''])('rejects a missing required argument (%p) with the reference message, sending nothing', async (userId) => {
  const error = (await invoke(client, getUser, [userId], {}).catch((e: unknown) => e)) as MissingParameterError;
  expect(error).toBeInstanceOf(MissingParameterError);
  expect(error).toBeInstanceOf(Error);
  expect(error.message).toBe('Missing the required parameter "userId" when calling getUser');
  let referenceMessage: unknown;
  try {
    await new reference.UsersApi().getUser(userId);
  } catch (e) {
    referenceMessage = e;
  }
  expect(error.message).toBe(referenceMessage);
  expect(server.requests).toHaveLength(0);
});

it('checks a body only for null and undefined, as the reference', async () => {
  await expect(invoke(client, patchUser, ['u', undefined], {})).rejects.toThrow(
    'Missing the required parameter "body" when calling patchUser',
  );
  await invoke(client, patchUser, ['u', { name: 'n' }], {});
  expect(server.requests[0]!.body).toBe('{"name":"n"}');
});
