/**
 * Validation: every parameter type (integer, number, boolean, enum, arrays of these, dates),
 * `multi` arrays as repeated keys and comma-joined, paging bounds, malformed percent-encoding, and
 * body checks with the warnings (missing required property, enum, date format) and --strict.
 */
import Ajv from 'ajv';
import { join } from 'node:path';
import { startMockServer, type MockServer } from '../src/index.js';
import { loadSpec } from '../src/spec.js';
import { Validator } from '../src/validate.js';
import { clientToken, raw } from './helpers.js';

const fixture = join(__dirname, 'fixtures/types.swagger.json');
let typed: MockServer;
let typedToken: string;
let real: MockServer;
let realToken: string;

beforeAll(async () => {
  typed = await startMockServer({ specPath: fixture });
  typedToken = await clientToken(typed);
  real = await startMockServer();
  realToken = await clientToken(real);
});
afterAll(async () => {
  await typed?.close();
  await real?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => raw(typed, 'GET', path, { token: typedToken, headers });

describe('every parameter type is validated', () => {
  it.each([
    ['/api/v2/things/5', 200],
    ['/api/v2/things/5?flag=true&ratio=1.5&kind=red&when=2024-01-15T10:00:00Z', 200],
    ['/api/v2/things/5?when=2024-01-15T10:00:00.123%2B02:00&day=2024-02-29', 200],
    ['/api/v2/things/5?when=2024-01-15T10:00', 200],
    ['/api/v2/things/5?sortOrder=ascending', 200],
    ['/api/v2/things/5?sortOrder=DESCENDING', 200],
    ['/api/v2/things/5?sortOrder=ASC', 200],
    ['/api/v2/things/5?sortOrder=asc', 200],
    ['/api/v2/things/5?flag=FALSE&kind=GREEN', 200],
    ['/api/v2/things/5?ids=1&ids=2&ids=3', 200],
    ['/api/v2/things/5?ids=1,2&ids=3', 200],
    ['/api/v2/things/5?kinds=red,green&kinds=RED', 200],
    ['/api/v2/things/5?tags=a,b,c', 200],
    ['/api/v2/things/5?bits=true|false', 200],
    ['/api/v2/things/5?levels=1.5,-2,3e2', 200],
    ['/api/v2/things/5?ratio=', 200],
  ])('%s is accepted', async (path, status) => {
    expect((await get(path)).status).toBe(status);
  });

  it.each([
    ['/api/v2/things/abc', 'Path parameter count must be an integer, got "abc"'],
    ['/api/v2/things/1.5', 'Path parameter count must be an integer, got "1.5"'],
    ['/api/v2/things/5?flag=yes', 'Query parameter flag must be true or false, got "yes"'],
    ['/api/v2/things/5?ratio=lots', 'Query parameter ratio must be a number, got "lots"'],
    ['/api/v2/things/5?kind=blue', 'Query parameter kind must be one of red, green, got "blue"'],
    ['/api/v2/things/5?sortOrder=up', 'Query parameter sortOrder must be one of ascending, descending, ASC, got "up"'],
    [
      '/api/v2/things/5?when=yesterday',
      'Query parameter when must be a date and time (ISO 8601, e.g. 2024-01-15T10:00:00Z), got "yesterday"',
    ],
    [
      '/api/v2/things/5?when=2024-01-15',
      'Query parameter when must be a date and time (ISO 8601, e.g. 2024-01-15T10:00:00Z), got "2024-01-15"',
    ],
    ['/api/v2/things/5?day=2024-13-01', 'Query parameter day must be a date (YYYY-MM-DD), got "2024-13-01"'],
    ['/api/v2/things/5?day=15.01.2024', 'Query parameter day must be a date (YYYY-MM-DD), got "15.01.2024"'],
    ['/api/v2/things/5?ids=1&ids=x', 'Query parameter ids (item 1) must be an integer, got "x"'],
    ['/api/v2/things/5?ids=1,2,x', 'Query parameter ids (item 2) must be an integer, got "x"'],
    ['/api/v2/things/5?kinds=red&kinds=green,blue', 'Query parameter kinds (item 2) must be one of red, green, got "blue"'],
    ['/api/v2/things/5?bits=true|maybe', 'Query parameter bits (item 1) must be true or false, got "maybe"'],
    ['/api/v2/things/5?levels=1,two', 'Query parameter levels (item 1) must be a number, got "two"'],
    ['/api/v2/shared/x', 'Missing required query parameter limit'],
    ['/api/v2/shared/x?limit=ten', 'Query parameter limit must be an integer, got "ten"'],
  ])('%s is a 400: %s', async (path, message) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: 400, code: 'bad.request', message, errors: [{ message, code: 'bad.request', status: 400 }] });
  });

  it('header parameters are validated too', async () => {
    expect((await get('/api/v2/things/5', { 'X-Mode': 'fast' })).status).toBe(200);
    expect((await get('/api/v2/things/5', { 'X-Mode': 'warp' })).body?.['message']).toBe(
      'Header X-Mode must be one of fast, slow, got "warp"',
    );
  });

  it('path-level parameters of the spec apply to the operation', async () => {
    expect((await get('/api/v2/shared/x?limit=3')).status).toBe(204);
  });

  it('compiles one schema per operation, lazily, and reuses it', () => {
    const compile = jest.spyOn(Ajv.prototype, 'compile');
    try {
      const spec = loadSpec(fixture);
      const validator = new Validator(spec);
      expect(compile).not.toHaveBeenCalled();
      const getThing = spec.paths['/api/v2/things/{count}']!['get']!;
      const parts = { params: { count: '1' }, query: new URLSearchParams('ids=1,2'), headers: {}, rawBody: '' };
      expect(validator.check(getThing, parts).problems).toEqual([]);
      expect(validator.check(getThing, { ...parts, query: new URLSearchParams('ids=x') }).problems).toEqual([
        'Query parameter ids (item 0) must be an integer, got "x"',
      ]);
      expect(compile).toHaveBeenCalledTimes(1);
      validator.check(spec.paths['/api/v2/things']!['post']!, { params: {}, query: new URLSearchParams(), headers: {}, rawBody: '{}' });
      expect(compile).toHaveBeenCalledTimes(2);
    } finally {
      compile.mockRestore();
    }
  });
});

describe('synthesised answers', () => {
  it('use the enum values and the date forms the spec declares', async () => {
    const seen = { status: new Set<unknown>(), labels: new Set<unknown>() };
    for (let n = 1; n <= 12; n++) {
      const res = await get(`/api/v2/things/${n}`);
      expect(res.status).toBe(200);
      const thing = res.body as Record<string, unknown>;
      seen.status.add(thing['status']);
      for (const label of thing['labels'] as unknown[]) seen.labels.add(label);
      // `checkedDate` is a date although its name says date-time, `madeOn` although it says neither.
      expect(thing['madeOn']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(thing['checkedDate']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(new Date(thing['updatedAt'] as string).toISOString()).toBe(thing['updatedAt']);
      expect(Number.isInteger(thing['count'])).toBe(true);
    }
    expect([...seen.status].every((v) => v === 'open' || v === 'closed')).toBe(true);
    expect([...seen.labels].every((v) => v === 'red' || v === 'green')).toBe(true);
  });
});

describe('paging parameters', () => {
  it.each([
    ['pageNumber=0', 'Query parameter pageNumber must be >= 1, got 0'],
    ['pageNumber=-3', 'Query parameter pageNumber must be >= 1, got -3'],
    ['pageNumber=1.5', 'Query parameter pageNumber must be an integer, got "1.5"'],
    ['pageSize=0', 'Query parameter pageSize must be >= 1, got 0'],
    ['pageSize=1000000000', 'Query parameter pageSize must be <= 10000, got 1000000000'],
  ])('%s is a 400 (the spec types them number and string here)', async (query, message) => {
    const res = await get(`/api/v2/things?${query}`);
    expect(res.status).toBe(400);
    expect(res.body?.['message']).toBe(message);
  });

  it('a page from 1 up is served', async () => {
    expect((await get('/api/v2/things?pageNumber=2&pageSize=10')).body).toMatchObject({ pageNumber: 2, pageSize: 10 });
  });

  it.each(['/api/v2/users?pageNumber=0', '/api/v2/architect/prompts?pageNumber=-1', '/api/v2/routing/queues?pageSize=0'])(
    '%s is a 400 on the real spec',
    async (path) => {
      const res = await raw(real, 'GET', path, { token: realToken });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ status: 400, code: 'bad.request' });
    },
  );
});

describe('percent-encoding', () => {
  it.each(['/api/v2/users/%E0%A4%A', '/api/v2/users/%', '/api/v2/users/%zz/roles'])('a malformed path %s is a 400', async (path) => {
    const res = await raw(real, 'GET', path, { token: realToken });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      status: 400,
      code: 'bad.request',
      message: expect.stringContaining('malformed percent-encoding'),
      contextId: expect.any(String),
    });
  });

  it.each(['/api/v2/users?name=%E0%A4%A', '/api/v2/users?%E0=1', '/oauth/authorize?client_id=%'])(
    'a malformed query %s is a 400',
    async (path) => {
      const res = await raw(real, 'GET', path, { token: realToken });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ status: 400, code: 'bad.request', message: expect.stringContaining('malformed percent-encoding') });
    },
  );

  it('a well-formed encoded path parameter is decoded', async () => {
    const res = await raw(real, 'GET', '/api/v2/users/%E0%A4%A4', { token: realToken });
    expect(res.status).toBe(404);
    expect(res.body?.['message']).toBe('User त not found');
  });

  it('dot segments are not resolved into another path', async () => {
    const res = await raw(real, 'GET', '/api/v2/users/me/..', { token: realToken });
    expect(res.status).toBe(404);
  });
});

describe('request bodies', () => {
  const post = (mock: MockServer, token: string, path: string, body: string) => raw(mock, 'POST', path, { token, body });

  it('a missing required property is answered, with an x-mock-warning naming it', async () => {
    const res = await post(typed, typedToken, '/api/v2/things', JSON.stringify({ name: 'x', child: {} }));
    expect(res.status).toBe(200);
    expect(res.headers['x-mock-warning']).toBe(
      "body must have required property 'size'; body/child must have required property 'label'; the service may accept this, --strict refuses it",
    );
    expect(typed.requests.at(-1)).toMatchObject({ status: 200, warning: res.headers['x-mock-warning'] });
  });

  it('a valid body has no warning; null properties count as absent', async () => {
    expect(
      (await post(typed, typedToken, '/api/v2/things', '{"name":"x","size":1,"child":null}')).headers['x-mock-warning'],
    ).toBeUndefined();
  });

  it.each([
    ['{"name":', 'The request body is not valid JSON'],
    ['{"name":"x","size":"big"}', 'body/size must be a number'],
    ['{"name":"x","size":1,"child":{"label":5}}', 'body/child/label must be a string'],
    ['[1]', 'body must be an object'],
    ['', 'The request body is required'],
  ])('%s is a 400 by default: %s', async (body, message) => {
    const res = await post(typed, typedToken, '/api/v2/things', body);
    expect(res.status).toBe(400);
    expect(res.body?.['message']).toBe(message);
  });

  const deviations = JSON.stringify({
    name: 'x',
    size: 1,
    status: 'ajar',
    labels: ['red', 'blue'],
    madeOn: '2024-01-15T10:00:00Z',
    updatedAt: 'noon',
  });
  const deviationMessages = [
    'body/status must be one of open, closed',
    'body/labels/1 must be one of red, green',
    'body/madeOn must be a date (YYYY-MM-DD)',
    'body/updatedAt must be a date and time (ISO 8601, e.g. 2024-01-15T10:00:00Z)',
  ];

  it("a body's enum values and dates are not refused by default: each is named in the x-mock-warning", async () => {
    const res = await post(typed, typedToken, '/api/v2/things', deviations);
    expect(res.status).toBe(200);
    expect(res.headers['x-mock-warning']).toBe(`${deviationMessages.join('; ')}; the service may accept this, --strict refuses it`);
  });

  it("a body's enum values are matched without regard to case; valid dates and integers pass without a warning", async () => {
    const body = {
      name: 'x',
      size: 1,
      status: 'OPEN',
      labels: ['Green'],
      madeOn: '2024-02-29',
      updatedAt: '2024-01-15T10:00:00.000Z',
      count: 3,
    };
    const res = await post(typed, typedToken, '/api/v2/things', JSON.stringify(body));
    expect(res.status).toBe(200);
    expect(res.headers['x-mock-warning']).toBeUndefined();
  });

  it("a body's wrong type is still a 400 by default, even beside enum deviations", async () => {
    const res = await post(typed, typedToken, '/api/v2/things', JSON.stringify({ name: 'x', size: 1, status: 'ajar', count: 'many' }));
    expect(res.status).toBe(400);
    expect(res.body?.['message']).toBe('body/count must be an integer');
  });

  it("strict: a body's enum values and dates are 400s, every one named", async () => {
    const strict = await startMockServer({ specPath: fixture, strict: true });
    try {
      const token = await clientToken(strict);
      const res = await post(strict, token, '/api/v2/things', deviations);
      expect(res.status).toBe(400);
      expect((res.body?.['errors'] as { message: string }[]).map((e) => e.message)).toEqual(deviationMessages);
      const cased = await post(strict, token, '/api/v2/things', JSON.stringify({ name: 'x', size: 1, status: 'Closed' }));
      expect(cased.status).toBe(200);
      // Parameters are checked the same with or without strict.
      expect((await raw(strict, 'GET', '/api/v2/things/5?sortOrder=ASC&day=2024-01-15', { token })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it('strict: a missing required property is a 400', async () => {
    const strict = await startMockServer({ specPath: fixture, strict: true });
    try {
      const res = await post(strict, await clientToken(strict), '/api/v2/things', '{"name":"x"}');
      expect(res.status).toBe(400);
      expect(res.body?.['message']).toBe("body must have required property 'size'");
      expect(res.headers['x-mock-warning']).toBeUndefined();
    } finally {
      await strict.close();
    }
  });

  it('creating a user with only name, email and password works, with a warning about divisionId; strict refuses it', async () => {
    const body = JSON.stringify({ name: 'New Person', email: 'new@example.com', password: 'S3cret-pass!' });
    const res = await post(real, realToken, '/api/v2/users', body);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'New Person', email: 'new@example.com' });
    expect(res.headers['x-mock-warning']).toContain("body must have required property 'divisionId'");
    const strict = await startMockServer({ strict: true });
    try {
      const refused = await post(strict, await clientToken(strict), '/api/v2/users', body);
      expect(refused.status).toBe(400);
      expect(refused.body?.['message']).toBe("body must have required property 'divisionId'");
    } finally {
      await strict.close();
    }
  });
});
