/** The operation table: what generated API classes are built from (tools/generator writes the tables). */
import { ApiClient, MissingParameterError, type OperationDescriptor } from '../src/index.js';
import { defineOperations, invoke, operationName, parseOperationTable } from '../src/internal.js';
import { startServer, type TestServer } from './support/server.js';

describe('parseOperationTable', () => {
  it('reads every kind of field back into descriptors', () => {
    const table = [
      'G0users ?pageSize ?expand* ?sort.order=sortOrder',
      'P1 #! ^ifMatch=If-Match',
      'D1{}',
      'A2 #!',
      'G2queues/{} ?joined*csv',
      'U0scim/v2/users/{} #body2=body! <scim+json,json >scim+json,json',
      'G0presence/definitions @getPresenceDefinitions0 ~Guest%20Chat%20JWT',
      'P2{} :definitionId! &file! &note >text/plain ~',
      'G0/api/v1/old/{a}/{b}',
      'G0things/{thingId}/parts :partId! :thingId!',
    ].join('\n');
    const expected: OperationDescriptor[] = [
      {
        name: 'getUsers',
        method: 'GET',
        path: '/api/v2/users',
        params: [
          ['pageSize', 'query'],
          ['expand', 'query', '', 'multi'],
          ['sort.order', 'query', 'sortOrder'],
        ],
      },
      {
        name: 'postUsers',
        method: 'POST',
        path: '/api/v2/users',
        params: [
          ['body', 'body', '', '', 0],
          ['ifMatch', 'header', 'If-Match'],
        ],
      },
      { name: 'deleteUser', method: 'DELETE', path: '/api/v2/users/{userId}', params: [['userId', 'path', '', '', 0]] },
      {
        name: 'patchUser',
        method: 'PATCH',
        path: '/api/v2/users/{userId}',
        params: [
          ['userId', 'path', '', '', 0],
          ['body', 'body', '', '', 1],
        ],
      },
      {
        name: 'getUserQueue',
        method: 'GET',
        path: '/api/v2/users/{userId}/queues/{queueId}',
        params: [
          ['userId', 'path', '', '', 0],
          ['queueId', 'path', '', '', 1],
          ['joined', 'query', '', 'csv'],
        ],
      },
      {
        name: 'putScimV2User',
        method: 'PUT',
        path: '/api/v2/scim/v2/users/{userId}',
        params: [
          ['userId', 'path', '', '', 0],
          ['body2', 'body', 'body', '', 1],
        ],
        consumes: ['application/scim+json', 'application/json'],
        produces: ['application/scim+json', 'application/json'],
      },
      { name: 'getPresenceDefinitions0', method: 'GET', path: '/api/v2/presence/definitions', params: [], auth: ['Guest Chat JWT'] },
      {
        name: 'postPresenceDefinition',
        method: 'POST',
        path: '/api/v2/presence/definitions/{definitionId}',
        params: [
          ['definitionId', 'path', '', '', 0],
          ['file', 'form', '', '', 1],
          ['note', 'form'],
        ],
        produces: ['text/plain'],
        auth: [],
      },
      {
        name: 'getApiV1OldAB',
        method: 'GET',
        path: '/api/v1/old/{a}/{b}',
        params: [
          ['a', 'path', '', '', 0],
          ['b', 'path', '', '', 1],
        ],
      },
      {
        name: 'getThingParts',
        method: 'GET',
        path: '/api/v2/things/{thingId}/parts',
        params: [
          ['partId', 'path', '', '', 0],
          ['thingId', 'path', '', '', 1],
        ],
      },
    ];
    expect(parseOperationTable(table)).toEqual(expected);
  });

  it('shares leading path segments with the line above, and spells out {} from the segment before it', () => {
    const paths = parseOperationTable(['G0routing/queues/{}/members', 'G3', 'G2{}/wrapupcodes/{}', 'G1skills/{}'].join('\n')).map(
      (d) => d.path,
    );
    expect(paths).toEqual([
      '/api/v2/routing/queues/{queueId}/members',
      '/api/v2/routing/queues/{queueId}',
      '/api/v2/routing/queues/{queueId}/wrapupcodes/{wrapupcodeId}',
      '/api/v2/routing/skills/{skillId}',
    ]);
  });

  it('decodes %XX escapes in every field', () => {
    const [op] = parseOperationTable('G0a%20b/{x} @get%40it ?q%3Dx=q%2Cw*pi%21pes');
    expect(op).toEqual({
      name: 'get@it',
      method: 'GET',
      path: '/api/v2/a b/{x}',
      params: [
        ['x', 'path', '', '', 0],
        ['q=x', 'query', 'q,w', 'pi!pes'],
      ],
    });
  });
});

describe('operationName', () => {
  it.each([
    ['GET', '/api/v2/users/{userId}', 'getUser'],
    ['GET', '/api/v2/users/{userId}/queues', 'getUserQueues'],
    ['POST', '/api/v2/routing/queues/{queueId}/members', 'postRoutingQueueMembers'],
    ['GET', '/api/v2/analytics/queries/{queryId}', 'getAnalyticsQuery'],
    ['GET', '/api/v2/routing/sms/addresses/{addressId}', 'getRoutingSmsAddress'],
    ['PATCH', '/api/v2/taskmanagement/worktypes/{worktypeId}/statuses/{statusId}', 'patchTaskmanagementWorktypeStatus'],
    ['GET', '/api/v2/flows/{flowId}/history/{historyId}', 'getFlowHistoryHistoryId'],
    ['GET', '/api/v2/contentmanagement/status/{statusId}', 'getContentmanagementStatusStatusId'],
    ['DELETE', '/api/v2/users/{userId}/externalid/{authorityName}/{externalKey}', 'deleteUserExternalidAuthorityNameExternalKey'],
    ['GET', '/api/v2/users/agentui/agents/autoanswer/{agentId}/settings', 'getUsersAgentuiAgentsAutoanswerAgentIdSettings'],
    ['GET', '/api/v2/speechandtextanalytics/topics-general', 'getSpeechandtextanalyticsTopicsGeneral'],
  ])('%s %s is %s', (method, path, name) => {
    expect(operationName(method, path)).toBe(name);
  });
});

describe('garbled tables', () => {
  it.each([
    ['X0users', 'line 1 "X0users": cannot read "X0users"'],
    ['G', 'line 1 "G": cannot read "G"'],
    ['Gusers', 'line 1 "Gusers": the line above has no u path segments to share'],
    ['G0users ?', 'line 1 "G0users ?": cannot read "?"'],
    ['G0users ?a b', 'cannot read "b"'],
    ['G0users ?a=b=c', 'cannot read "?a=b=c"'],
    ['G0users  ?a', 'cannot read ""'],
    ['G0users ?a%2', 'cannot read "?a%2"'],
    ['G0users @a @b', 'line 1 "G0users @a @b": two @names'],
    ['G0users\nG5x', 'line 2 "G5x": the line above has no 5 path segments to share'],
    ['G0a%2/b', 'line 1 "G0a%2/b": cannot read "G0a%2/b"'],
    ['G0a b', 'line 1 "G0a b": cannot read "b"'],
    ['G0users\n', 'line 2 "": cannot read ""'],
  ])('%j: an Error naming the line', (table, message) => {
    expect(() => parseOperationTable(table)).toThrow(/^Operation table line \d+ "/);
    expect(() => parseOperationTable(table)).toThrow(message);
    class Api {}
    expect(() => defineOperations(Api, table)).toThrow(/^Operation table line \d/);
  });

  it('refuses a table that names a method twice', () => {
    class Api {}
    expect(() => defineOperations(Api, 'G0users\nG0users/me @getUsers')).toThrow(
      'Operation table line 2 "G0users/me @getUsers": getUsers is defined twice',
    );
    class Other {
      getUsers() {}
    }
    expect(() => defineOperations(Other, 'G0users')).toThrow('getUsers is defined twice');
  });

  it('what it reads on the first call of a method (a media type list given twice) throws then, naming the line', () => {
    class Api {}
    const table = 'G0users\nG1me <json <json';
    expect(() => defineOperations(Api, table)).not.toThrow();
    expect(() => (new Api() as { getUsersMe?(): unknown }).getUsersMe!()).toThrow('Operation table line 2 "G1me <json <json": "<" twice');
    expect(() => parseOperationTable(table)).toThrow('line 2');
  });
});

describe('defineOperations', () => {
  let server: TestServer;
  const client = new ApiClient({ readConfigFile: false });
  beforeAll(async () => {
    server = await startServer();
    client.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port });
    client.setAccessToken('t');
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  const table = 'G0users/{} ?expand*\nA2 #!\nG1me';
  // What generated code does: an interface with the methods' types, merged with the class.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
  class UsersApi {
    readonly apiClient: ApiClient;
    constructor(apiClient?: ApiClient) {
      this.apiClient = apiClient ?? ApiClient.instance;
    }
  }
  // eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
  interface UsersApi {
    getUser(userId: string, opts?: { expand?: string[] }): Promise<unknown>;
    patchUser(userId: string, body: unknown, opts?: object): Promise<unknown>;
    getUsersMe(opts?: object): Promise<unknown>;
  }
  defineOperations(UsersApi, table);

  it('defines one method per line on the prototype, as a class defines its methods', () => {
    expect(Object.getOwnPropertyNames(UsersApi.prototype).sort()).toEqual(['constructor', 'getUser', 'getUsersMe', 'patchUser']);
    const api = new UsersApi(client);
    expect(Object.keys(api)).toEqual(['apiClient']);
    for (const key in api) expect(key).toBe('apiClient');
    const descriptor = Object.getOwnPropertyDescriptor(UsersApi.prototype, 'patchUser')!;
    expect(descriptor).toMatchObject({ enumerable: false, writable: true, configurable: true });
    expect(api.patchUser.name).toBe('patchUser');
    expect('prototype' in api.getUser).toBe(false);
    expect(() => new (api.getUser as unknown as new () => unknown)()).toThrow(TypeError);
  });

  it('has the methods before any instance exists, so that tests can spy on the prototype', async () => {
    const spy = jest.spyOn(UsersApi.prototype, 'getUsersMe').mockResolvedValue('mocked');
    await expect(new UsersApi(client).getUsersMe()).resolves.toBe('mocked');
    spy.mockRestore();
    expect(server.requests).toHaveLength(0);
  });

  it('sends what invoke sends with the line’s descriptor', async () => {
    const api = new UsersApi(client);
    const [, patch] = parseOperationTable(table);
    await api.patchUser('u 1', { name: 'n' }, { customHeaders: { 'X-A': 'b' } });
    await invoke(client, patch!, ['u 1', { name: 'n' }], { customHeaders: { 'X-A': 'b' } });
    await api.getUser('u', { expand: ['a', 'b'] });
    const [ours, expected, get] = server.requests;
    expect(ours!.method).toBe('PATCH');
    expect(ours!.url).toBe('/api/v2/users/u%201');
    expect([ours!.url, ours!.body, ours!.headers['x-a']]).toEqual([expected!.url, expected!.body, expected!.headers['x-a']]);
    expect(get!.url).toBe('/api/v2/users/u?expand=a,b');
  });

  it('takes the required arguments positionally and opts after them; extra arguments are ignored', async () => {
    const api = new UsersApi(client);
    await (api.getUser as (...args: unknown[]) => Promise<unknown>)('u', { expand: ['x'] }, { expand: ['ignored'] });
    expect(server.requests[0]!.url).toBe('/api/v2/users/u?expand=x');
  });

  it('rejects a missing required argument with MissingParameterError, sending nothing', async () => {
    const api = new UsersApi(client);
    const patch = api.patchUser.bind(api) as (...args: unknown[]) => Promise<unknown>;
    await expect(patch('u')).rejects.toThrow(new MissingParameterError('body', 'patchUser'));
    await expect(patch(undefined, {})).rejects.toThrow('Missing the required parameter "userId" when calling patchUser');
    // opts in a required argument's place is that argument, as with a written method.
    await expect(patch('u', undefined, {})).rejects.toBeInstanceOf(MissingParameterError);
    expect(server.requests).toHaveLength(0);
  });

  it('uses the instance’s client, and the shared one by default', () => {
    expect(new UsersApi().apiClient).toBe(ApiClient.instance);
    ApiClient.instance.close();
    const other = new ApiClient({ readConfigFile: false });
    expect(new UsersApi(other).apiClient).toBe(other);
    other.close();
  });
});
