/** invoke(): the generated methods' path into the core, checked against the reference's own generated code. */
import { ApiClient, InvalidRequestError, MissingParameterError } from '../src/index.js';
import { invoke, type OperationDescriptor } from '../src/internal.js';
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

it.each([undefined, null, ''])(
  'rejects a missing required path argument (%p) with the reference message, sending nothing',
  async (userId) => {
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
  },
);

it('checks a body only for null and undefined, as the reference', async () => {
  await expect(invoke(client, patchUser, ['u', undefined], {})).rejects.toThrow(
    'Missing the required parameter "body" when calling patchUser',
  );
  await invoke(client, patchUser, ['u', { name: 'n' }], {});
  expect(server.requests[0]!.body).toBe('{"name":"n"}');
});

describe("'' and dot-segment values of required parameters, as the reference puts them on the wire", () => {
  const getUsersDevelopmentActivity: OperationDescriptor = {
    name: 'getUsersDevelopmentActivity',
    method: 'GET',
    path: '/api/v2/users/development/activities/{activityId}',
    params: [
      ['activityId', 'path', '', '', 0],
      ['type', 'query', '', '', 1],
    ],
  };
  const getUserCustomattributesBulk: OperationDescriptor = {
    name: 'getUserCustomattributesBulk',
    method: 'GET',
    path: '/api/v2/users/{userId}/customattributes/bulk',
    params: [
      ['userId', 'path', '', '', 0],
      ['schemaIds', 'query', '', 'multi', 1],
    ],
  };
  const ours: Record<string, OperationDescriptor> = { getUsersDevelopmentActivity, getUserCustomattributesBulk, patchUser };
  const refApi = () => new reference.UsersApi() as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;

  async function both(method: string, args: unknown[]) {
    await refApi()[method]!(...args);
    await invoke(client, ours[method]!, args, {});
    const [expected, actual] = server.requests;
    return { expected: expected!, actual: actual! };
  }

  it.each([
    ['a query parameter: name=', 'getUsersDevelopmentActivity', ['a-1', ''], '/api/v2/users/development/activities/a-1?type='],
    ['a multi query parameter: left out', 'getUserCustomattributesBulk', ['u', ''], '/api/v2/users/u/customattributes/bulk'],
  ])("'' for %s", async (_what, method, args, url) => {
    const { expected, actual } = await both(method, args);
    expect(actual.url).toBe(expected.url);
    expect(actual.url).toBe(url);
  });

  it("'' for a body: no body, as the reference sends it", async () => {
    const { expected, actual } = await both('patchUser', ['u', '']);
    expect(actual.body).toBe(expected.body);
    expect(actual.body).toBe('');
    expect(actual.headers['content-length']).toBe(expected.headers['content-length']);
  });

  it.each(['.', '..'])('%p for a path parameter is refused (the reference sends it to another path), nothing sent', async (value) => {
    await refApi()['getUsersDevelopmentActivity']!(value, 'Informational');
    expect(server.requests[0]!.url).not.toMatch(/^\/api\/v2\/users\/development\/activities\/[^/?]+\?/);
    server.requests.length = 0;
    const error = (await invoke(client, getUsersDevelopmentActivity, [value, 'Informational'], {}).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain('"activityId"');
    expect(server.requests).toHaveLength(0);
  });

  it.each([' . ', '%2e', '.%2e', '%2e%2e', '...', '.a', 'a.', './', '/..'])(
    '%p for a path parameter is sent as the reference sends it (encoded, not a dot segment)',
    async (value) => {
      const { expected, actual } = await both('getUsersDevelopmentActivity', [value, 'Informational']);
      expect(actual.url).toBe(expected.url);
      expect(actual.url).toMatch(/^\/api\/v2\/users\/development\/activities\/[^/?]+\?type=Informational$/);
    },
  );
});
