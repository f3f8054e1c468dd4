/**
 * Differential wire test: the same API calls made through the reference SDK (purecloud-platform-client-v2
 * 262.0.0) and through our ApiClient, with the very arguments the reference's generated code hands
 * to its callApi, must reach the server as the same request: method, target (path and query, byte
 * for byte), body, and headers (our User-Agent names this SDK instead of axios).
 */
import { ApiClient, NodeHttpClient } from '../src/index.js';
import { startServer, type RecordedRequest, type TestServer } from './support/server.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const reference = require('purecloud-platform-client-v2') as ReferenceModule;

interface ReferenceClient {
  setGateway(g: object): void;
  setAccessToken(t: string): void;
  callApi(...args: unknown[]): Promise<unknown>;
  setDefaultHeaders(h: Record<string, string>): void;
}
interface ReferenceModule {
  ApiClient: { instance: ReferenceClient };
  [api: string]: unknown;
}

type Call = { api: string; method: string; args: unknown[] };

const calls: Call[] = [
  {
    api: 'UsersApi',
    method: 'getUsers',
    args: [{ pageSize: 5, pageNumber: 2, id: ['a b', 'c,d'], expand: ['routingStatus', 'presence'], sortOrder: "it's:$ok", state: 'any' }],
  },
  { api: 'UsersApi', method: 'getUser', args: ["a/b?c#d %:/?#[]@!$&'()*+,;=😹", { expand: ['presence'], state: 'active' }] },
  { api: 'UsersApi', method: 'getUsersMe', args: [{ expand: [] }] },
  {
    api: 'UsersApi',
    method: 'patchUser',
    args: ['u-1', { name: 'Zoë', version: 3, addresses: [{ address: '+1 555', mediaType: 'PHONE' }] }],
  },
  { api: 'UsersApi', method: 'deleteUser', args: ['u-1'] },
  {
    api: 'RoutingApi',
    method: 'getRoutingQueues',
    args: [{ pageSize: 100, pageNumber: 1, sortOrder: 'asc', name: 'Sales & Support', divisionId: ['d1', 'd2'], hasMember: false }],
  },
  { api: 'RoutingApi', method: 'postRoutingQueues', args: [{ name: 'q', memberFlow: null, acwSettings: { timeoutMs: 0 } }] },
  { api: 'RoutingApi', method: 'putRoutingQueue', args: ['q-1', { name: 'q2', enableTranscription: true }] },
  {
    api: 'AnalyticsApi',
    method: 'postAnalyticsConversationsDetailsQuery',
    args: [{ interval: '2024-01-01T00:00:00.000Z/2024-01-02T00:00:00.000Z', paging: { pageSize: 25, pageNumber: 1 } }],
  },
  { api: 'ConversationsApi', method: 'getConversations', args: [{ communicationType: 'call' }] },
  {
    api: 'ExternalContactsApi',
    method: 'getExternalcontactsContacts',
    args: [{ pageSize: 10, q: 'name:"Ann Lee" & co', expand: ['externalOrganization'] }],
  },
  {
    api: 'ArchitectApi',
    method: 'getFlows',
    args: [{ type: ['inboundcall', 'inboundemail'], pageNumber: 1, deleted: true, includeSchemas: false }],
  },
  { api: 'SCIMApi', method: 'getScimV2Users', args: [{ startIndex: 1, count: 25, filter: 'userName eq "a@b.c"' }] },
  { api: 'UsersApi', method: 'getUsers', args: [{ customHeaders: { 'X-Trace-Id': 'abc-123', 'Accept-Language': 'fr-CA' } }] },
];

let server: TestServer;
// Ours on each transport that must match the reference's axios on the wire: axios itself, and Node's http.
const axiosClient = new ApiClient({ readConfigFile: false });
const nodeClient = new ApiClient({ readConfigFile: false });
nodeClient.setHttpClient(new NodeHttpClient());
const transports: [string, ApiClient][] = [
  ['axios', axiosClient],
  ['node', nodeClient],
];
const ref = reference.ApiClient.instance;

beforeAll(async () => {
  server = await startServer((req) => (req.method === 'DELETE' ? { status: 204 } : { status: 200, body: { id: 'x', path: req.url } }));
  for (const client of [axiosClient, nodeClient, ref]) {
    client.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port });
    client.setAccessToken('differential-token');
  }
});
afterAll(() => server.close());

/** The reference's generated method, run with a spy that records what it gives callApi. */
async function referenceCall(call: Call): Promise<{ callApiArgs: unknown[]; received: RecordedRequest }> {
  const Api = reference[call.api] as new () => Record<string, (...a: unknown[]) => Promise<unknown>>;
  const api = new Api();
  const original = ref.callApi.bind(ref);
  let callApiArgs: unknown[] = [];
  ref.callApi = (...args: unknown[]) => {
    callApiArgs = args;
    return original(...args);
  };
  try {
    await api[call.method]!(...structuredClone(call.args));
  } finally {
    ref.callApi = original;
  }
  return { callApiArgs, received: server.requests.at(-1)! };
}

function comparableHeaders(request: RecordedRequest): Record<string, unknown> {
  const { 'user-agent': _agent, host: _host, ...rest } = request.headers;
  return rest;
}

describe.each(transports.flatMap(([name, ours]) => calls.map((call) => ({ ...call, transport: name, ours }))))(
  '$api.$method ($transport)',
  ({ ours, ...call }) => {
    it('sends the same request as the reference SDK', async () => {
      const { callApiArgs, received: expected } = await referenceCall(call);
      await ours.callApi(...(callApiArgs as Parameters<ApiClient['callApi']>));
      const actual = server.requests.at(-1)!;
      expect(actual.method).toBe(expected.method);
      expect(actual.url).toBe(expected.url);
      expect(actual.body).toBe(expected.body);
      expect(comparableHeaders(actual)).toEqual(comparableHeaders(expected));
      expect([...actual.rawHeaderNames].sort()).toEqual([...expected.rawHeaderNames].sort());
      expect(actual.headers['user-agent']).toMatch(/^gcsdk\/\S+ \(node v\d+/);
    });
  },
);

it.each(transports)('resolves with the same value as the reference (body, or undefined for 204) (%s)', async (_name, ours) => {
  const usersApi = new (
    reference['UsersApi'] as new () => { getUser(id: string): Promise<unknown>; deleteUser(id: string): Promise<unknown> }
  )();
  expect(
    await ours.callApi(
      '/api/v2/users/{userId}',
      'GET',
      { userId: 'u' },
      {},
      {},
      {},
      null,
      ['PureCloud OAuth'],
      ['application/json'],
      ['application/json'],
    ),
  ).toEqual(await usersApi.getUser('u'));
  expect(
    await ours.callApi(
      '/api/v2/users/{userId}',
      'DELETE',
      { userId: 'u' },
      {},
      {},
      {},
      null,
      ['PureCloud OAuth'],
      ['application/json'],
      ['application/json'],
    ),
  ).toBeUndefined();
});
