/** paginate() over every Genesys page envelope, on fake list methods that record their calls. */
import { paginate } from '../src/index.js';

interface User {
  id: number;
}
const data: User[] = Array.from({ length: 23 }, (_, i) => ({ id: i + 1 }));
const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

interface Opts {
  pageSize?: number;
  pageNumber?: number;
  cursor?: string;
  after?: string;
  startIndex?: number;
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

describe('envelopes', () => {
  it('pageNumber / pageCount', async () => {
    const { method, calls } = recorder(numbered);
    const opts = { pageSize: 5, expand: ['x'] };
    const users = await collect(paginate(method, [opts]));
    expect(users.map((u) => u.id)).toEqual(data.map((u) => u.id));
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
    ['cursor', (next: string | undefined) => ({ cursor: next }), 'cursor'],
    ['cursors.after', (next: string | undefined) => ({ cursors: next ? { after: next } : {} }), 'after'],
    ['after', (next: string | undefined) => ({ after: next }), 'after'],
  ] as const)('%s', async (_name, shape, key) => {
    const { method, calls } = recorder((o: Opts) => {
      const start = Number(o[key] ?? 0);
      return { entities: data.slice(start, start + 8), ...shape(start + 8 < 23 ? String(start + 8) : undefined) };
    });
    expect((await collect(paginate(method, []))).map((u) => u.id)).toEqual(data.map((u) => u.id));
    expect(calls.map((c) => c[key])).toEqual([undefined, '8', '16']);
  });

  it('SCIM Resources / startIndex / totalResults', async () => {
    const { method, calls } = recorder((o: Opts) => {
      const start = o.startIndex ?? 1;
      return { Resources: data.slice(start - 1, start - 1 + 10), startIndex: start, itemsPerPage: 10, totalResults: 23 };
    });
    expect(await collect(paginate(method, [{}]))).toHaveLength(23);
    expect(calls.map((c) => c.startIndex)).toEqual([undefined, 11, 21]);
  });

  it('analytics-style results, and extended responses', async () => {
    const { method } = recorder(() => ({ status: 200, headers: {}, body: { results: [{ id: 1 }, { id: 2 }] } }));
    expect(await collect(paginate(method, []))).toEqual([{ id: 1 }, { id: 2 }]);
  });
});

describe('loop safety', () => {
  it('stops on an empty page', async () => {
    const { method, calls } = recorder(() => ({ entities: [], pageNumber: 1, pageCount: 99 }));
    expect(await collect(paginate(method, []))).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it('stops on a repeated nextUri', async () => {
    const { method, calls } = recorder(() => ({ entities: [{ id: 1 }], nextUri: '/api/v2/x?cursor=same' }));
    expect(await collect(paginate(method, []))).toHaveLength(2);
    expect(calls).toHaveLength(2);
  });

  it('stops on a repeated cursor', async () => {
    const { method, calls } = recorder(() => ({ entities: [{ id: 1 }], cursor: 'stuck' }));
    await collect(paginate(method, []));
    expect(calls).toHaveLength(2);
  });

  it('caps at maxPages', async () => {
    let n = 0;
    const method = async () => ({ entities: [{ id: ++n }], cursor: `c${n}` });
    expect(await collect(paginate(method, [], { maxPages: 7 }))).toHaveLength(7);
  });
});

describe('iteration', () => {
  it('byPage yields pages and sets pageSize', async () => {
    const { method, calls } = recorder(numbered);
    const pages = await collect(paginate(method, [{}]).byPage({ maxPageSize: 10 }));
    expect(pages.map((p) => p.pageNumber)).toEqual([1, 2, 3]);
    expect(calls.map((c) => c.pageSize)).toEqual([10, 10, 10]);
  });

  it('is lazy and stops requesting when the loop breaks', async () => {
    const { method, calls } = recorder(numbered);
    const iterator = paginate(method, [{}]);
    expect(calls).toHaveLength(0);
    for await (const user of iterator) if (user.id === 3) break;
    expect(calls).toHaveLength(1);
  });

  it('propagates errors from the list method', async () => {
    const method = async (o?: Opts) => {
      if (o?.pageNumber === 2) throw new Error('page 2 failed');
      return numbered(o ?? {});
    };
    await expect(collect(paginate(method, [{}]))).rejects.toThrow('page 2 failed');
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
