/**
 * Header precedence, measured on the reference's wire and copied: for Authorization, Content-Type,
 * Accept, User-Agent, Genesys-App and a custom header, every combination of setting it (or not)
 * through setDefaultHeaders, a header parameter and customHeaders, each in the canonical and the
 * lower-case spelling (27 per header), goes through the reference (purecloud-platform-client-v2)
 * and through ours on both transports, to one recording server.
 *
 * What must hold: one header per name on the wire, never a comma-merged value; the same name
 * spelling as the reference, on both transports; and the value the
 * reference sends when every layer spells the name the same way. Header names being
 * case-insensitive, a combination of spellings gets that same value (the reference's own outcome
 * there depends on the spelling: it layers case-sensitive keys before axios merges them).
 */
import { ApiClient, FetchHttpClient } from '../src/index.js';
import { startServer, type RecordedRequest, type TestServer } from './support/server.js';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const reference = require('purecloud-platform-client-v2') as {
  ApiClient: {
    instance: {
      setGateway(g: object): void;
      setAccessToken(t: string | undefined): void;
      setDefaultHeaders(h: Record<string, string>): void;
      callApi(...args: unknown[]): Promise<unknown>;
    };
  };
};

const HEADERS = ['Authorization', 'Content-Type', 'Accept', 'User-Agent', 'Genesys-App', 'X-Custom'] as const;
type Spelling = 'canonical' | 'lower' | undefined;
const SPELLINGS: Spelling[] = [undefined, 'canonical', 'lower'];

interface Case {
  header: string;
  defaults: Spelling;
  param: Spelling;
  custom: Spelling;
  /** The operation's consumes and produces (the reference sets Content-Type and Accept from them). */
  types: string[];
  token: boolean;
}

function cases(): Case[] {
  const all: Case[] = [];
  for (const header of HEADERS)
    for (const defaults of SPELLINGS)
      for (const param of SPELLINGS)
        for (const custom of SPELLINGS) all.push({ header, defaults, param, custom, types: ['application/json'], token: true });
  // Without an operation type, and without a token.
  for (const header of ['Content-Type', 'Accept'])
    for (const custom of SPELLINGS) all.push({ header, defaults: undefined, param: undefined, custom, types: [], token: true });
  for (const custom of SPELLINGS)
    all.push({ header: 'Authorization', defaults: undefined, param: undefined, custom, types: ['application/json'], token: false });
  return all;
}

const spell = (header: string, spelling: Spelling) => (spelling === 'lower' ? header.toLowerCase() : header);
const layer = (c: Case, spelling: Spelling, value: string): Record<string, string> =>
  spelling ? { [spell(c.header, spelling)]: value } : {};
/** The same case with every layer that sets the header in the canonical spelling. */
const canonical = (c: Case): Case => {
  const to = (s: Spelling): Spelling => (s ? 'canonical' : undefined);
  return { ...c, defaults: to(c.defaults), param: to(c.param), custom: to(c.custom) };
};
const label = (c: Case) =>
  `${c.header} default=${c.defaults ?? '-'} param=${c.param ?? '-'} custom=${c.custom ?? '-'}${c.types.length ? '' : ' (no types)'}${c.token ? '' : ' (no token)'}`;

let server: TestServer;
const ref = reference.ApiClient.instance;
const ours = new ApiClient({ readConfigFile: false });
const oursFetch = new ApiClient({ readConfigFile: false });
oursFetch.setHttpClient(new FetchHttpClient());

beforeAll(async () => {
  server = await startServer();
  for (const client of [ref, ours, oursFetch]) client.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port });
  ours.setRetryOptions({ enabled: false });
  oursFetch.setRetryOptions({ enabled: false });
});
afterAll(() => server.close());

interface Client {
  setAccessToken(t: string | undefined): void;
  setDefaultHeaders(h: Record<string, string>): void;
  callApi(...args: never[]): Promise<unknown>;
}

/** The header's entries on the wire, `[name as sent, value]`, for `c` sent through `client`. */
async function wire(client: Client, c: Case): Promise<[string, string][]> {
  client.setAccessToken(c.token ? 'the-token' : undefined);
  client.setDefaultHeaders(layer(c, c.defaults, 'from-default'));
  const before = server.requests.length;
  await (client.callApi as (...args: unknown[]) => Promise<unknown>)(
    '/api/v2/things',
    'POST',
    {},
    {},
    layer(c, c.param, 'from-param'),
    {},
    { a: 1 },
    ['PureCloud OAuth'],
    c.types,
    c.types,
    layer(c, c.custom, 'from-custom'),
  );
  expect(server.requests.length).toBe(before + 1);
  return entries(server.requests.at(-1)!, c.header);
}

function entries(request: RecordedRequest, header: string): [string, string][] {
  return request.rawHeaders.filter(([name]) => name.toLowerCase() === header.toLowerCase());
}

const all = cases();
const referenceWire = new Map<string, [string, string][]>();

beforeAll(async () => {
  for (const c of all) referenceWire.set(label(c), await wire(ref, c));
});

describe.each(all.map((c) => [label(c), c] as const))('%s', (_label, c) => {
  it('is sent once, as the reference sends it (value of its same-spelling precedence)', async () => {
    const expected = referenceWire.get(label(c))!;
    const expectedValue = referenceWire.get(label(canonical(c)))!;
    const actual = await wire(ours, c);
    const actualFetch = await wire(oursFetch, c);
    expect(actual).toHaveLength(expectedValue.length);
    expect(actualFetch).toHaveLength(expectedValue.length);
    if (expected.length === 0) return;
    // Both transports spell the name as the reference does.
    expect(actual[0]![0]).toBe(expected[0]![0]);
    expect(actualFetch[0]![0]).toBe(expected[0]![0]);
    if (c.header === 'User-Agent' && !c.defaults && !c.param && !c.custom) {
      // Nobody set it: the reference sends axios's, we name this SDK.
      expect(actual[0]![1]).toMatch(/^gcsdk\//);
      expect(actualFetch[0]![1]).toMatch(/^gcsdk\//);
      return;
    }
    expect(actual[0]![1]).toBe(expectedValue[0]![1]);
    expect(actualFetch[0]![1]).toBe(expectedValue[0]![1]);
  });
});

it('measures the reference as documented in ApiClient.requestHeaders (same-spelling precedence)', () => {
  const value = (c: Omit<Case, 'types' | 'token'> & Partial<Case>) =>
    referenceWire.get(label({ types: ['application/json'], token: true, ...c }))?.[0]?.[1];
  const all3 = { defaults: 'canonical', param: 'canonical', custom: 'canonical' } as const;
  for (const header of ['Authorization', 'User-Agent', 'Genesys-App', 'X-Custom']) {
    expect(value({ header, ...all3 })).toBe('from-custom');
    expect(value({ header, ...all3, custom: undefined })).toBe('from-param');
    expect(value({ header, defaults: 'canonical', param: undefined, custom: undefined })).toBe('from-default');
  }
  expect(value({ header: 'Authorization', defaults: undefined, param: undefined, custom: undefined })).toBe('Bearer the-token');
  for (const header of ['Content-Type', 'Accept']) {
    expect(value({ header, ...all3 })).toBe('application/json');
    expect(value({ header, defaults: undefined, param: undefined, custom: 'canonical', types: [] })).toBe('from-custom');
  }
});
