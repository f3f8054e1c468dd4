/**
 * An API failure's `message` is the API's own message, as the reference (which rejects with the
 * body) shows it: `User nope not found`, not `GET http://… failed with 404: …`. Without one it is
 * the status line. Method, URL, status and correlation id are fields. Logins: the OAuth error's
 * own text (`error_description`, else `error`), with `error` as `code`.
 */
import { ApiClient, ApiError, FetchHttpClient } from '../src/index.js';
import { startServer, type Reply, type TestServer } from './support/server.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const reference = require('purecloud-platform-client-v2') as {
  ApiClient: { instance: { setGateway(g: object): void; setAccessToken(t: string): void; callApi(...args: unknown[]): Promise<unknown> } };
};

const JSON_TYPES = ['application/json'];
const AUTH = ['PureCloud OAuth'];

let server: TestServer;
let reply: Reply = { status: 200, body: {} };
beforeAll(async () => {
  server = await startServer(() => reply);
  reference.ApiClient.instance.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port });
  reference.ApiClient.instance.setAccessToken('ref-token');
});
afterAll(() => server.close());

const TRANSPORTS = [
  ['axios', () => undefined],
  ['fetch', (c: ApiClient) => c.setHttpClient(new FetchHttpClient())],
] as const;

function client(setup: (c: ApiClient) => void): ApiClient {
  const c = new ApiClient({ readConfigFile: false });
  c.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port });
  c.setRetryOptions({ enabled: false });
  c.setAccessToken('our-token');
  setup(c);
  return c;
}

const args = ['/api/v2/users/{userId}', 'GET', { userId: 'nope' }, { expand: 'presence' }, {}, {}, null, AUTH, JSON_TYPES, JSON_TYPES];

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe.each(TRANSPORTS)('ApiError.message (%s)', (_name, setup) => {
  it("is the body's message, exactly as the reference's rejection has it", async () => {
    reply = {
      status: 404,
      body: { message: 'User nope not found', code: 'not.found', status: 404, contextId: 'ctx-1' },
      headers: { 'inin-correlation-id': 'corr-404' },
    };
    const theirs = (await rejection(reference.ApiClient.instance.callApi(...args))) as { message: string };
    const ours = (await rejection(client(setup).callApi(...(args as Parameters<ApiClient['callApi']>)))) as ApiError;
    expect(ours).toBeInstanceOf(ApiError);
    expect(ours.message).toBe('User nope not found');
    expect(ours.message).toBe(theirs.message);
    expect(ours.method).toBe('GET');
    expect(ours.url).toBe(`${server.url}/api/v2/users/nope?expand=presence`);
    expect(ours.status).toBe(404);
    expect(ours.statusText).toBe('Not Found');
    expect(ours.correlationId).toBe('corr-404');
    expect(ours.code).toBe('not.found');
    expect(String(ours)).toBe('ApiError: User nope not found');
  });

  it.each<[string, Reply, string]>([
    ['an empty message', { status: 400, body: { message: '', code: 'bad.request' } }, '400 Bad Request'],
    ['a blank message', { status: 409, body: { message: '   ' } }, '409 Conflict'],
    ['a message that is not a string', { status: 422, body: { message: { text: 'x' } } }, '422 Unprocessable Entity'],
    ['no message', { status: 503, body: { status: 503, code: 'unavailable' } }, '503 Service Unavailable'],
    ['no body', { status: 500 }, '500 Internal Server Error'],
    ['an HTML page', { status: 502, body: '<html>bad gateway</html>', headers: { 'content-type': 'text/html' } }, '502 Bad Gateway'],
    ['a JSON array', { status: 400, body: [{ message: 'inner' }] }, '400 Bad Request'],
  ])('is the status line for %s', async (_case, answer, expected) => {
    reply = answer;
    const error = (await rejection(client(setup).callApi(...(args as Parameters<ApiClient['callApi']>)))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(expected);
    expect(error.status).toBe(answer.status);
    expect(error.url).toContain('/api/v2/users/nope');
  });

  it('is the same with extended responses on', async () => {
    reply = { status: 404, body: { message: 'User nope not found' } };
    const c = client(setup);
    c.setReturnExtendedResponses(true);
    const error = (await rejection(c.callApi(...(args as Parameters<ApiClient['callApi']>)))) as ApiError;
    expect(error.message).toBe('User nope not found');
  });
});

describe.each(TRANSPORTS)('a failed login (%s)', (_name, setup) => {
  const SECRET = 'login-SECRET-3a9f';

  it.each<[string, Reply, string, string | undefined]>([
    [
      'error_description',
      { status: 401, body: { error: 'invalid_client', description: 'client not found', error_description: 'client not found' } },
      'client not found',
      'invalid_client',
    ],
    ['error alone', { status: 400, body: { error: 'invalid_grant' } }, 'invalid_grant', 'invalid_grant'],
    ['a Genesys message', { status: 400, body: { message: 'Bad login', code: 'bad.login' } }, 'Bad login', 'bad.login'],
    ['no body', { status: 400 }, '400 Bad Request', undefined],
  ])("has the OAuth server's own message: %s", async (_case, answer, expected, code) => {
    reply = answer;
    const error = (await rejection(client(setup).loginClientCredentialsGrant('id', SECRET))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(expected);
    expect(error.code).toBe(code);
    expect(error.status).toBe(answer.status);
    expect(error.method).toBe('POST');
    expect(error.url).toBe(`${server.url}/oauth/token`);
    expect(error.stack).not.toContain(SECRET);
  });
});
