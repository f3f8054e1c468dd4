/**
 * Pagination over any generated list method, for every Genesys Cloud page envelope:
 * `entities` + `pageNumber`/`pageCount`; `nextUri`; cursors (`cursor`, `cursors.after`, `after`);
 * SCIM (`Resources`, `startIndex`, `totalResults`). Items by default, pages with `.byPage()`.
 * Loop-safe: stops on an empty page, a repeated `nextUri` or cursor, or after `maxPages`.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- list methods have arbitrary parameter lists
type ListMethod = (...args: any[]) => Promise<unknown>;

/** The element type of a page's `entities`, `Resources` or `results`. */
export type ItemOf<P> = P extends { entities?: (infer T)[] | undefined }
  ? T
  : P extends { Resources?: (infer T)[] | undefined }
    ? T
    : P extends { results?: (infer T)[] | undefined }
      ? T
      : P extends { body: infer B }
        ? ItemOf<B>
        : unknown;

export interface PagedAsyncIterableIterator<TItem, TPage> extends AsyncIterableIterator<TItem> {
  /** Iterates whole pages; `maxPageSize` sets `pageSize` on each call. */
  byPage(settings?: { maxPageSize?: number }): AsyncIterableIterator<TPage>;
}

export interface PaginateOptions {
  /** Stops after this many pages (default 10,000). */
  maxPages?: number;
}

type Envelope = Record<string, unknown>;

/** Query parameters of a `nextUri` that say where the next page starts. */
const NEXT_URI_KEYS = ['pageNumber', 'cursor', 'after', 'before', 'nextPage', 'pageToken', 'startIndex'] as const;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** The envelope, unwrapped from an extended response (`{ status, headers, body }`) if needed. */
function envelopeOf(result: unknown): Envelope {
  if (!result || typeof result !== 'object') return {};
  const r = result as Envelope;
  if (typeof r['status'] === 'number' && r['body'] && typeof r['body'] === 'object' && 'headers' in r) return r['body'] as Envelope;
  return r;
}

function itemsOf(envelope: Envelope): unknown[] {
  for (const key of ['entities', 'Resources', 'results']) if (Array.isArray(envelope[key])) return envelope[key] as unknown[];
  return [];
}

/** The opts changes that fetch the next page, or undefined at the end. `seen` records cursors and URIs already followed. */
function nextPageOpts(envelope: Envelope, seen: Set<string>): Record<string, unknown> | undefined {
  const once = (token: string) => {
    if (seen.has(token)) return false;
    seen.add(token);
    return true;
  };
  const nextUri = envelope['nextUri'];
  if (typeof nextUri === 'string' && nextUri) {
    if (!once(`uri:${nextUri}`)) return undefined;
    const query = new URLSearchParams(nextUri.includes('?') ? nextUri.slice(nextUri.indexOf('?') + 1) : '');
    const opts: Record<string, unknown> = {};
    for (const key of NEXT_URI_KEYS) {
      const value = query.get(key);
      if (value !== null) opts[key] = key === 'pageNumber' || key === 'startIndex' ? Number(value) : value;
    }
    if (Object.keys(opts).length > 0) return opts;
    if (typeof envelope['pageNumber'] === 'number') return { pageNumber: envelope['pageNumber'] + 1 };
    return undefined;
  }
  const cursor = envelope['cursor'];
  if (typeof cursor === 'string' && cursor) return once(`cursor:${cursor}`) ? { cursor } : undefined;
  const cursors = envelope['cursors'] as { after?: unknown } | undefined;
  const after =
    typeof cursors?.after === 'string' && cursors.after
      ? cursors.after
      : typeof envelope['after'] === 'string' && envelope['after']
        ? envelope['after']
        : undefined;
  if (after) return once(`after:${after}`) ? { after } : undefined;
  if (Array.isArray(envelope['Resources'])) {
    const start = Number(envelope['startIndex'] ?? 1);
    const next = start + (envelope['Resources'] as unknown[]).length;
    return next <= Number(envelope['totalResults'] ?? 0) ? { startIndex: next } : undefined;
  }
  const pageNumber = envelope['pageNumber'];
  const pageCount = envelope['pageCount'];
  if (typeof pageNumber === 'number' && typeof pageCount === 'number' && pageNumber < pageCount) return { pageNumber: pageNumber + 1 };
  return undefined;
}

/**
 * Iterates every item of a list method. `args` are the method's arguments; the last one, when a
 * plain object, is its `opts` (copied, never changed), otherwise an `opts` object is appended.
 * Bind or wrap methods that use `this`: `paginate(api.getUsers.bind(api), [{ pageSize: 100 }])`.
 */
export function paginate<F extends ListMethod>(
  listMethod: F,
  args?: Parameters<F>,
  options: PaginateOptions = {},
): PagedAsyncIterableIterator<ItemOf<Awaited<ReturnType<F>>>, Awaited<ReturnType<F>>> {
  type Page = Awaited<ReturnType<F>>;
  type Item = ItemOf<Page>;
  const given = [...((args ?? []) as unknown[])];
  const last = given[given.length - 1];
  const positional = isPlainObject(last) ? given.slice(0, -1) : given;
  const baseOpts = isPlainObject(last) ? last : {};
  const maxPages = options.maxPages ?? 10_000;

  async function* pages(maxPageSize?: number): AsyncGenerator<Page> {
    const seen = new Set<string>();
    let opts: Record<string, unknown> = { ...baseOpts, ...(maxPageSize ? { pageSize: maxPageSize } : {}) };
    for (let count = 0; count < maxPages; count++) {
      const result = (await listMethod(...positional, { ...opts })) as Page;
      yield result;
      const envelope = envelopeOf(result);
      if (itemsOf(envelope).length === 0) return;
      const next = nextPageOpts(envelope, seen);
      if (!next) return;
      opts = { ...opts, ...next };
    }
  }

  async function* items(): AsyncGenerator<Item> {
    for await (const page of pages()) yield* itemsOf(envelopeOf(page)) as Item[];
  }

  const iterator = items() as AsyncGenerator<Item> & PagedAsyncIterableIterator<Item, Page>;
  iterator.byPage = (settings = {}) => pages(settings.maxPageSize);
  return iterator;
}
