/** paginate() over every page envelope, its loop safety and its input checks, on fake list methods that record their calls. */
import { GcsdkError, paginate, PaginationError } from '../src/index.js';

interface User {
  id: number;
}
const data: User[] = Array.from({ length: 23 }, (_, i) => ({ id: i + 1 }));
const ids = (items: readonly { id: number }[]) => items.map((u) => u.id);
const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};
/** Collects until the iteration fails; returns what was yielded and the failure. */
const collectUntilError = async <T>(it: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> => {
  const items: T[] = [];
  try {
    for await (const x of it) items.push(x);
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
};

interface Opts {
  pageSize?: number;
  pageNumber?: number;
  cursor?: string;
  after?: string;
  startIndex?: number;
  count?: number;
  expand?: string[];
}

function recorder<P>(page: (opts: Opts) => P) {
  const calls: Opts[] = [];
  const method = async (opts?: Opts): Promise<P> => {
    calls.push({ ...opts });
    return page(opts ?? {});
  };
  return { method, calls };
}

const numbered = (o: Opts) => {
  const size = o.pageSize ?? 5;
  const n = o.pageNumber ?? 1;
  return { entities: data.slice((n - 1) * size, n * size), pageSize: size, pageNumber: n, total: 23, pageCount: Math.ceil(23 / size) };
};

/** A cursor envelope over `data`, 8 items a page, the token named by `key` in the request. */
const byToken =
  (key: 'cursor' | 'after', shape: (next: string | undefined) => object, items = 'entities') =>
  (o: Opts) => {
    const start = Number(o[key] ?? 0);
    return { [items]: data.slice(start, start + 8), ...shape(start + 8 < 23 ? String(start + 8) : undefined) };
  };

describe('envelopes', () => {
  it('entities + pageNumber / pageCount', async () => {
    const { method, calls } = recorder(numbered);
    const opts = { pageSize: 5, expand: ['x'] };
    const users = await collect(paginate(method, [opts]));
    expect(ids(users)).toEqual(ids(data));
    expect(calls.map((c) => c.pageNumber)).toEqual([undefined, 2, 3, 4, 5]);
    expect(calls.every((c) => c.pageSize === 5 && c.expand?.[0] === 'x')).toBe(true);
    expect(opts).toEqual({ pageSize: 5, expand: ['x'] });
  });

  it('nextUri with a cursor, keeping positional arguments', async () => {
    const calls: [string, Opts][] = [];
    const method = async (userId: string, opts?: Opts) => {
      calls.push([userId, { ...opts }]);
      const start = opts?.cursor ? Number(opts.cursor) : 0;
      const next = start + 10 < 23 ? `/api/v2/users/${userId}/things?pageSize=10&cursor=${start + 10}` : undefined;
      return { entities: data.slice(start, start + 10), ...(next ? { nextUri: next } : {}) };
    };
    const items = await collect(paginate(method, ['u1', {}]));
    expect(items).toHaveLength(23);
    expect(calls).toEqual([
      ['u1', {}],
      ['u1', { cursor: '10' }],
      ['u1', { cursor: '20' }],
    ]);
  });

  it('nextUri with a pageNumber', async () => {
    const { method, calls } = recorder((o: Opts) => ({
      ...numbered(o),
      nextUri: (o.pageNumber ?? 1) < 5 ? `/api/v2/x?pageNumber=${(o.pageNumber ?? 1) + 1}&pageSize=5` : undefined,
    }));
    expect(await collect(paginate(method, [{ pageSize: 5 }]))).toHaveLength(23);
    expect(calls.map((c) => c.pageNumber)).toEqual([undefined, 2, 3, 4, 5]);
  });

  it.each([
    ['entities + cursor', byToken('cursor', (next) => ({ cursor: next })), 'cursor'],
    ['entities + cursors.after', byToken('after', (next) => ({ cursors: next ? { after: next } : {} })), 'after'],
    ['entities + after', byToken('after', (next) => ({ after: next })), 'after'],
    ['analytics job results: conversations + cursor', byToken('cursor', (next) => ({ cursor: next }), 'conversations'), 'cursor'],
    ['analytics job results: userDetails + cursor', byToken('cursor', (next) => ({ cursor: next }), 'userDetails'), 'cursor'],
    ['aggregate job results: results + cursor', byToken('cursor', (next) => ({ cursor: next }), 'results'), 'cursor'],
    ['usage results: results + cursors.after', byToken('after', (next) => ({ cursors: next ? { after: next } : {} }), 'results'), 'after'],
  ] as const)('%s', async (_name, page, key) => {
    const { method, calls } = recorder(page);
    expect(ids((await collect(paginate(method, []))) as User[])).toEqual(ids(data));
    expect(calls.map((c) => c[key])).toEqual([undefined, '8', '16']);
  });

  it('cursors.after with a nextUri naming cursor (External Contacts scans) asks with cursor', async () => {
    const { method, calls } = recorder((o: Opts) => {
      const start = Number(o.cursor ?? 0);
      const next = start + 8 < 23 ? String(start + 8) : undefined;
      return {
        entities: data.slice(start, start + 8),
        ...(next ? { cursors: { after: next }, nextUri: `/api/v2/externalcontacts/scan/contacts?limit=8&cursor=${next}` } : {}),
      };
    });
    expect(await collect(paginate(method, [{ count: 8 }]))).toHaveLength(23);
    expect(calls.map((c) => [c.cursor, c.after])).toEqual([
      [undefined, undefined],
      ['8', undefined],
      ['16', undefined],
    ]);
  });

  it('SCIM Resources / startIndex / totalResults', async () => {
    const { method, calls } = recorder((o: Opts) => {
      const start = o.startIndex ?? 1;
      return {
        schemas: ['urn:x'],
        Resources: data.slice(start - 1, start - 1 + 10),
        startIndex: start,
        itemsPerPage: 10,
        totalResults: 23,
      };
    });
    expect(await collect(paginate(method, [{}]))).toHaveLength(23);
    expect(calls.map((c) => c.startIndex)).toEqual([undefined, 11, 21]);
  });

  it('search results + pageNumber / pageCount (types is not the items)', async () => {
    const { method, calls } = recorder((o: Opts) => ({
      ...numbered(o),
      entities: undefined,
      types: ['users'],
      results: numbered(o).entities,
    }));
    expect(ids(await collect(paginate(method, [{ pageSize: 10 }])))).toEqual(ids(data));
    expect(calls.map((c) => c.pageNumber)).toEqual([undefined, 2, 3]);
  });

  it('search results + pageNumber / pageSize without a count: goes on after full pages', async () => {
    const { method, calls } = recorder((o: Opts) => ({
      pageNumber: o.pageNumber ?? 1,
      pageSize: 10,
      results: numbered({ ...o, pageSize: 10 }).entities,
    }));
    expect(await collect(paginate(method, [{}]))).toHaveLength(23);
    expect(calls.map((c) => c.pageNumber)).toEqual([undefined, 2, 3]);
  });

  it('analytics detail queries: conversations + totalHits, through a wrapper that puts the page in the body', async () => {
    const bodies: object[] = [];
    const postQuery = async (body: { paging?: { pageSize?: number; pageNumber?: number } }) => {
      bodies.push(body);
      const { pageSize = 10, pageNumber = 1 } = body.paging ?? {};
      const conversations = data.slice((pageNumber - 1) * pageSize, pageNumber * pageSize).map((u) => ({ conversationId: `c${u.id}` }));
      return { conversations, totalHits: 23 };
    };
    const query = { interval: 'x' };
    const items = await collect(
      paginate((page: { pageNumber?: number }) => postQuery({ ...query, paging: { pageSize: 10, ...page } }), [{}]),
    );
    expect(items.map((c) => c.conversationId)).toEqual(data.map((u) => `c${u.id}`));
    expect(bodies).toEqual([1, 2, 3].map((n) => ({ interval: 'x', paging: { pageSize: 10, ...(n > 1 ? { pageNumber: n } : {}) } })));
    expect(query).toEqual({ interval: 'x' });
  });

  it('single-page lists: entities + total, data + count', async () => {
    for (const page of [
      { entities: data, total: 23 },
      { data, count: 23 },
    ]) {
      const { method, calls } = recorder(() => page);
      expect(await collect(paginate(method, []))).toHaveLength(23);
      expect(calls).toHaveLength(1);
    }
  });

  it('extended responses', async () => {
    const { method } = recorder(() => ({ status: 200, headers: {}, body: { results: [{ id: 1 }, { id: 2 }] } }));
    expect(await collect(paginate(method, []))).toEqual([{ id: 1 }, { id: 2 }]);
  });

  it('a nextUri that names no parameter paginate can send is reported, not taken for the end', async () => {
    const { method, calls } = recorder(() => ({ entities: [{ id: 1 }], nextUri: '/api/v2/x?token=secret-value&pageSize=1' }));
    const { items, error } = await collectUntilError(paginate(method, []));
    expect(items).toEqual([{ id: 1 }]);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ problem: 'unfollowable-link', page: 1, method: 'method' });
    expect((error as Error).message).toContain('/api/v2/x?token&pageSize');
    expect((error as Error).message).not.toContain('secret-value');
    expect(calls).toHaveLength(1);
  });
});

describe('loop safety', () => {
  it('stops on an empty page', async () => {
    const { method, calls } = recorder(() => ({ entities: [], pageNumber: 1, pageCount: 99 }));
    expect(await collect(paginate(method, []))).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('a server that ignores pageNumber: one extra request, page 1 yielded once, then a PaginationError', async () => {
    const { method, calls } = recorder(() => ({ entities: data.slice(0, 5), pageNumber: 1, pageSize: 5, pageCount: 5, total: 23 }));
    async function getUsers(opts?: Opts) {
      return method(opts);
    }
    const { items, error } = await collectUntilError(paginate(getUsers, [{ pageSize: 5 }]));
    expect(ids(items)).toEqual([1, 2, 3, 4, 5]);
    expect(calls.map((c) => c.pageNumber)).toEqual([undefined, 2]);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toBeInstanceOf(GcsdkError);
    expect(error).toMatchObject({ name: 'PaginationError', method: 'getUsers', page: 2, problem: 'repeated-page' });
    expect((error as Error).message).toBe(
      'paginate(getUsers): page 2 was asked for with pageNumber=2 and came back as pageNumber=1: the server ignored the page parameter; stopped without yielding it',
    );
  });

  it('a server that ignores startIndex (SCIM)', async () => {
    const { method, calls } = recorder(() => ({ Resources: data.slice(0, 10), startIndex: 1, itemsPerPage: 10, totalResults: 23 }));
    const { items, error } = await collectUntilError(paginate(method, [{}]));
    expect(items).toHaveLength(10);
    expect(calls).toHaveLength(2);
    expect(error).toMatchObject({ problem: 'repeated-page', page: 2 });
  });

  it('a page repeated under a new cursor is not yielded again', async () => {
    let n = 0;
    const { method, calls } = recorder(() => ({ entities: [{ id: 1 }, { id: 2 }], cursor: `c${++n}` }));
    const { items, error } = await collectUntilError(paginate(method, []));
    expect(ids(items)).toEqual([1, 2]);
    expect(calls).toHaveLength(2);
    expect(error).toMatchObject({ problem: 'repeated-page', page: 2 });
    expect((error as Error).message).toContain('page 2 has the same items as page 1');
  });

  it('a repeated page of items without ids is recognised by content', async () => {
    let n = 0;
    const { method } = recorder(() => ({ results: [{ group: { queueId: 'q' }, data: [{ metric: 'nConnected' }] }], cursor: `c${++n}` }));
    const { items, error } = await collectUntilError(paginate(method, []));
    expect(items).toHaveLength(1);
    expect(error).toMatchObject({ problem: 'repeated-page', page: 2 });
  });

  it('the same nextUri again: the repeat is neither requested twice nor yielded', async () => {
    const { method, calls } = recorder((o: Opts) => ({ entities: [{ id: o.cursor ? 2 : 1 }], nextUri: '/api/v2/x?cursor=same' }));
    const { items, error } = await collectUntilError(paginate(method, []));
    expect(ids(items)).toEqual([1, 2]);
    expect(calls.map((c) => c.cursor)).toEqual([undefined, 'same']);
    expect(error).toMatchObject({ problem: 'repeated-request', page: 3 });
    expect((error as Error).message).toContain('page 2 points to cursor=same, which is page 2 again');
  });

  it('a cursor cycle (a -> b -> a) stops before asking for a page again', async () => {
    const next: Record<string, string> = { start: 'a', a: 'b', b: 'a' };
    let n = 0;
    const { method, calls } = recorder((o: Opts) => ({ entities: [{ id: ++n }], cursor: next[o.cursor ?? 'start'] }));
    const { items, error } = await collectUntilError(paginate(method, []));
    expect(ids(items)).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.cursor)).toEqual([undefined, 'a', 'b']);
    expect(error).toMatchObject({ problem: 'repeated-request', page: 4 });
  });

  it('a nextUri pointing back to page 1', async () => {
    const { method, calls } = recorder((o: Opts) => ({
      entities: [{ id: o.pageNumber ?? 1 }],
      nextUri: `/api/v2/x?pageNumber=${(o.pageNumber ?? 1) === 1 ? 2 : 1}`,
    }));
    const { items, error } = await collectUntilError(paginate(method, []));
    expect(ids(items)).toEqual([1, 2]);
    expect(calls).toHaveLength(2);
    expect(error).toMatchObject({ problem: 'repeated-request', page: 3 });
    expect((error as Error).message).toContain('which is page 1 again');
  });

  it('caps at maxPages, without an error', async () => {
    let n = 0;
    const method = async () => ({ entities: [{ id: ++n }], cursor: `c${n}` });
    expect(await collect(paginate(method, [], { maxPages: 7 }))).toHaveLength(7);
    expect(n).toBe(7);
  });
});

describe('bad input', () => {
  const { method } = recorder(numbered);

  it.each([0, -1, 1.5, NaN, Infinity, '5', null])('maxPages %p is refused when paginate is called', (maxPages) => {
    expect(() => paginate(method, [{}], { maxPages: maxPages as number })).toThrow(RangeError);
    expect(() => paginate(method, [{}], { maxPages: maxPages as number })).toThrow(
      /^paginate\(method\): maxPages must be a positive integer, got /,
    );
  });

  it.each([0, -3, 2.5, '10', NaN])('byPage maxPageSize %p is refused when byPage is called', (maxPageSize) => {
    const iterator = paginate(method, [{}]);
    expect(() => iterator.byPage({ maxPageSize: maxPageSize as number })).toThrow(RangeError);
    expect(() => iterator.byPage({ maxPageSize: maxPageSize as number })).toThrow(/maxPageSize must be a positive integer/);
  });

  it('a list method that is not a function, args that are not an array, options that are not an object', () => {
    expect(() => paginate(undefined as unknown as () => Promise<object>)).toThrow(
      new TypeError('paginate: listMethod must be a function, got undefined'),
    );
    expect(() => paginate(method, { pageSize: 5 } as unknown as [Opts])).toThrow(/args must be an array of the method's arguments/);
    expect(() => paginate(method, [], 5 as unknown as object)).toThrow(/options must be an object, got number 5/);
    expect(() => paginate(method, ['x' as unknown as Opts])).toThrow(
      /the last argument is the method's opts and must be an object, got a string/,
    );
  });

  it('a list method that throws synchronously: its Error passes through', async () => {
    const failure = new Error('sync failure');
    const throwing = (_opts?: Opts): Promise<{ entities: User[] }> => {
      throw failure;
    };
    await expect(collect(paginate(throwing, [{}]))).rejects.toBe(failure);
  });

  it.each([
    ['throws a string synchronously', (): Promise<object> => { throw 'boom'; }, 'a string'], // prettier-ignore
    ['rejects with a plain object', () => Promise.reject({ status: 500 }), 'an object'],
    ['rejects with undefined', () => Promise.reject(undefined), 'undefined'],
  ])('a list method that %s rejects with a PaginationError', async (_name, listMethod, described) => {
    const error = await collect(paginate(listMethod, [])).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'PaginationError', problem: 'non-error-rejection', page: 1 });
    expect((error as Error).message).toBe(`paginate(listMethod): page 1 failed with ${described}, which is not an Error`);
  });

  it('propagates the Error of a later page', async () => {
    const failing = async (o?: Opts) => {
      if (o?.pageNumber === 2) throw new Error('page 2 failed');
      return numbered(o ?? {});
    };
    await expect(collect(paginate(failing, [{}]))).rejects.toThrow('page 2 failed');
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'page'],
    ['number 42', 42],
    ['an array', [{ id: 1 }]],
  ])('a page that is %s rejects with a PaginationError', async (described, value) => {
    const { method: odd } = recorder(() => value);
    for (const iterator of [paginate(odd, []), paginate(odd, []).byPage()]) {
      const { items, error } = await collectUntilError(iterator as AsyncIterable<unknown>);
      expect(items).toEqual([]);
      expect(error).toBeInstanceOf(PaginationError);
      expect((error as Error).message).toBe(`paginate(method): page 1 is ${described}, not a page object`);
    }
  });

  it('a later page that is not an object is reported with its number', async () => {
    const { method: odd } = recorder((o: Opts) => (o.pageNumber === 2 ? null : numbered(o)));
    const { items, error } = await collectUntilError(paginate(odd, [{}]));
    expect(items).toHaveLength(5);
    expect(error).toMatchObject({ problem: 'not-a-page', page: 2 });
  });

  it('never changes the caller opts, even when the list method changes its own', async () => {
    const seen: Opts[] = [];
    const mutating = async (opts?: Opts) => {
      seen.push({ ...opts });
      const page = numbered(opts ?? {});
      if (opts) {
        opts.pageNumber = 99;
        opts.pageSize = 1;
      }
      return page;
    };
    const opts = Object.freeze({ pageSize: 5, expand: Object.freeze(['x']) as string[] });
    expect(await collect(paginate(mutating, [opts]))).toHaveLength(23);
    expect(await collect(paginate(mutating, [opts]).byPage({ maxPageSize: 10 }))).toHaveLength(3);
    expect(opts).toEqual({ pageSize: 5, expand: ['x'] });
    expect(seen.map((o) => [o.pageNumber, o.pageSize])).toEqual([
      ...[undefined, 2, 3, 4, 5].map((n) => [n, 5]),
      ...[undefined, 2, 3].map((n) => [n, 10]),
    ]);
  });

  it('places opts after the required arguments a generated method declares: a body is not taken for the opts', async () => {
    const calls: unknown[][] = [];
    const postQuery = async (body: { filter: string }, opts?: { after?: string }) => {
      calls.push([body, opts]);
      return {
        entities: [{ id: calls.length }],
        ...(calls.length < 3 ? { nextUri: `/api/v2/usage/events/query?after=a${calls.length}` } : {}),
      };
    };
    const body = { filter: 'f' };
    expect(ids(await collect(paginate(postQuery, [body])))).toEqual([1, 2, 3]);
    expect(calls).toEqual([
      [{ filter: 'f' }, {}],
      [{ filter: 'f' }, { after: 'a1' }],
      [{ filter: 'f' }, { after: 'a2' }],
    ]);
    expect(body).toEqual({ filter: 'f' });
  });

  it('a missing required argument stays missing (the opts do not take its place)', async () => {
    const calls: unknown[][] = [];
    const getResults = async (jobId: string, opts?: Opts) => {
      calls.push([jobId, opts]);
      if (jobId === undefined) throw new Error('Missing the required parameter "jobId"');
      return { conversations: [] };
    };
    await expect(collect(paginate(getResults, [] as unknown as [string]))).rejects.toThrow('Missing the required parameter "jobId"');
    expect(calls).toEqual([[undefined, {}]]);
  });
});

describe('iteration', () => {
  it('byPage yields pages and sets pageSize', async () => {
    const { method, calls } = recorder(numbered);
    const pages = await collect(paginate(method, [{}]).byPage({ maxPageSize: 10 }));
    expect(pages.map((p) => p.pageNumber)).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.pageSize)).toEqual([10, 10, 10]);
  });

  it('is lazy and sends no further request when the loop breaks', async () => {
    const { method, calls } = recorder(numbered);
    const iterator = paginate(method, [{}]);
    expect(calls).toHaveLength(0);
    for await (const user of iterator) if (user.id === 3) break;
    expect(calls).toHaveLength(1);
    for await (const user of paginate(method, [{}])) if (user.id === 5) break; // the last item of page 1
    expect(calls).toHaveLength(2);
    for await (const page of paginate(method, [{}]).byPage()) if (page.pageNumber === 2) break;
    expect(calls).toHaveLength(4);
  });

  it('types items from the page envelope', async () => {
    const { method } = recorder(numbered);
    for await (const user of paginate(method, [{}])) {
      const typed: User = user; // compile-time check: items are Users
      expect(typed.id).toBeGreaterThan(0);
      break;
    }
  });
});
