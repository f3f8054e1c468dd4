/**
 * Pagination over any generated list method, for every page envelope of the Platform API (see
 * paging/envelope.ts for the envelopes and how each names its next page). Items by default, pages
 * with `.byPage()`. Never yields a page twice and never loops: see {@link paginate}.
 */
import { envelopeOf, isObject, type ITEM_KEYS, itemsOf, finiteNumber, nextPageOf, type PageParams } from './paging/envelope.js';
import { PageHistory } from './paging/history.js';
import { PaginationError } from './paging/PaginationError.js';

export { PaginationError, type PaginationProblem } from './paging/PaginationError.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- list methods have arbitrary parameter lists
type ListMethod = (...args: any[]) => unknown;

/** The elements of an array type, `never` for anything else (distributive, so `never` stays `never`). */
type ArrayElement<A> = A extends readonly (infer T)[] ? T : never;
type ElementOf<A> = ArrayElement<NonNullable<A>>;
type ItemsIn<P, Keys extends readonly string[], Otherwise> = Keys extends readonly [infer K extends string, ...infer Rest extends string[]]
  ? K extends keyof P
    ? [ElementOf<P[K]>] extends [never]
      ? ItemsIn<P, Rest, Otherwise>
      : ElementOf<P[K]>
    : ItemsIn<P, Rest, Otherwise>
  : Otherwise;

/**
 * The item type of a page: the elements of its `entities`, `Resources`, `results`, `conversations`,
 * `userDetails` or `data` array (the first it has, as at run time), also inside an extended
 * response's `body`; `unknown` for a page without one.
 */
export type ItemOf<P> = ItemsIn<
  P,
  typeof ITEM_KEYS,
  P extends { status: number; body: infer B } ? ItemsIn<B, typeof ITEM_KEYS, unknown> : unknown
>;

export interface PagedAsyncIterableIterator<TItem, TPage> extends AsyncIterableIterator<TItem> {
  /**
   * Iterates whole pages. `maxPageSize` (a positive integer) sets `pageSize` on every request; SCIM
   * lists take `count` and External Contacts scans `limit` instead: give those in the opts.
   */
  byPage(settings?: { maxPageSize?: number }): AsyncIterableIterator<TPage>;
}

export interface PaginateOptions {
  /** Fetches at most this many pages (a positive integer; default 10,000), then ends without an error. */
  maxPages?: number;
}

const DEFAULT_MAX_PAGES = 10_000;

/**
 * Iterates every item of a list method, fetching pages only as they are consumed (breaking out of
 * the loop sends no further request).
 *
 * `args` are the method's arguments. Its `opts` (the last parameter of a generated method, found
 * from the method's declared parameter count, else the last plain-object argument) is copied for
 * every request and never changed; the next page is asked for through it, with the parameter the
 * page names: the `nextUri`'s `pageNumber`, `cursor`, `after`, `nextPage` or `startIndex`, else
 * `cursor` for a `cursor`, `after` for `after` or `cursors.after`, `startIndex` for SCIM, and
 * `pageNumber` for page numbers or analytics `totalHits`. Operations that page through their body
 * (searches, `…/query` endpoints) take a wrapper that puts those parameters where they go:
 * `paginate((page) => usersApi.postUsersSearch({ ...query, ...page }), [{}])`. Bind or wrap methods
 * that use `this`: `paginate(usersApi.getUsers.bind(usersApi), [{ pageSize: 100 }])`.
 *
 * The list ends on a page without a next one, on an empty page, or after `maxPages` pages.
 * Repeated data is never yielded and a loop never happens: when a page comes back with another page
 * number (or SCIM start) than the one asked for, has the same items as an earlier page, points back
 * to a page already fetched, or has a `nextUri` naming no parameter paginate can send, the iteration
 * rejects with a {@link PaginationError} (naming the method and the page) after every item before
 * that page, because ending quietly would hand over part of the list as if it were all of it.
 * It also rejects with a PaginationError when the method resolves with something that is not a page
 * object or fails with something that is not an `Error`; the method's own errors pass through.
 *
 * @throws TypeError when `listMethod` is not a function, `args` not an array or `options` not an object.
 * @throws RangeError when `options.maxPages` (or `byPage`'s `maxPageSize`) is not a positive integer.
 */
export function paginate<F extends ListMethod>(
  listMethod: F,
  args?: Parameters<F>,
  options: PaginateOptions = {},
): PagedAsyncIterableIterator<ItemOf<Awaited<ReturnType<F>>>, Awaited<ReturnType<F>>> {
  type Page = Awaited<ReturnType<F>>;
  type Item = ItemOf<Page>;
  if (typeof listMethod !== 'function') throw new TypeError(`paginate: listMethod must be a function, got ${describeValue(listMethod)}`);
  const method = nameOf(listMethod);
  if (args !== undefined && !Array.isArray(args)) {
    throw new TypeError(
      `paginate(${method}): args must be an array of the method's arguments (e.g. [{ pageSize: 100 }]), got ${describeValue(args)}`,
    );
  }
  if (!isObject(options as unknown)) throw new TypeError(`paginate(${method}): options must be an object, got ${describeValue(options)}`);
  const maxPages: number = options.maxPages === undefined ? DEFAULT_MAX_PAGES : options.maxPages;
  checkPositiveInteger(maxPages, `paginate(${method}): maxPages`);
  const { positional, opts } = splitArgs(listMethod, method, (args ?? []) as readonly unknown[]);

  async function fetchPage(request: Record<string, unknown>, page: number): Promise<unknown> {
    try {
      return await listMethod(...positional, request);
    } catch (error) {
      if (isError(error)) throw error;
      throw new PaginationError({
        method,
        page,
        problem: 'non-error-rejection',
        detail: `page ${page} failed with ${describeValue(error)}, which is not an Error`,
        cause: error,
      });
    }
  }

  async function* walk(pageSize: number | undefined): AsyncGenerator<{ page: Page; items: Item[] }, void, undefined> {
    const firstRequest: Record<string, unknown> = pageSize === undefined ? { ...opts } : { ...opts, pageSize };
    const history = new PageHistory(firstRequest);
    let asked: PageParams | undefined;
    let itemsSoFar = 0;
    for (let page = 1; ; page++) {
      const request = { ...firstRequest, ...asked };
      const result = await fetchPage(request, page);
      const envelope = isObject(result) ? envelopeOf(result) : undefined;
      if (!envelope) {
        throw new PaginationError({
          method,
          page,
          problem: 'not-a-page',
          detail: `page ${page} is ${describeValue(result)}, not a page object`,
        });
      }
      const items = itemsOf(envelope) as Item[];
      const repeat = history.repeatOf(page, envelope, items, asked);
      if (repeat) throw new PaginationError({ method, page, problem: 'repeated-page', detail: `${repeat}; stopped without yielding it` });
      yield { page: result as Page, items };
      itemsSoFar += items.length;
      if (items.length === 0 || page >= maxPages) return;
      const next = nextPageOf(envelope, items, {
        requestedPageNumber: finiteNumber(request['pageNumber']) ?? 1,
        requestedStartIndex: finiteNumber(request['startIndex']) ?? 1,
        itemsSoFar,
      });
      if (!next) return;
      if (Object.keys(next.params).length === 0) {
        const link = linkShape(String(envelope['nextUri']));
        throw new PaginationError({
          method,
          page,
          problem: 'unfollowable-link',
          detail: `page ${page} has a nextUri (${link}) that names none of pageNumber, cursor, after, nextPage, startIndex`,
        });
      }
      const refetch = history.refetchOf(page + 1, next.params);
      if (refetch) throw new PaginationError({ method, page: page + 1, problem: 'repeated-request', detail: `${refetch}; stopped there` });
      asked = next.params;
    }
  }

  async function* items(): AsyncGenerator<Item, void, undefined> {
    for await (const { items: pageItems } of walk(undefined)) yield* pageItems;
  }

  async function* pages(pageSize: number | undefined): AsyncGenerator<Page, void, undefined> {
    for await (const { page } of walk(pageSize)) yield page;
  }

  const iterator = items() as AsyncGenerator<Item, void, undefined> & PagedAsyncIterableIterator<Item, Page>;
  iterator.byPage = (settings = {}) => {
    if (!isObject(settings)) throw new TypeError(`paginate(${method}).byPage: settings must be an object, got ${describeValue(settings)}`);
    const { maxPageSize } = settings;
    if (maxPageSize !== undefined) checkPositiveInteger(maxPageSize, `paginate(${method}).byPage: maxPageSize`);
    return pages(maxPageSize);
  };
  return iterator;
}

/**
 * The positional arguments and the opts. A generated method declares `(…required, opts)`, so its
 * `length` places the opts: missing required arguments stay missing (the method rejects with
 * MissingParameterError) rather than the opts landing in their place. Without a declared count
 * (rest or default parameters) the last plain-object argument is the opts.
 */
function splitArgs(
  listMethod: ListMethod,
  method: string,
  given: readonly unknown[],
): { positional: unknown[]; opts: Record<string, unknown> } {
  const arity = listMethod.length;
  if (arity >= 1 && given.length <= arity) {
    const positional = given.slice(0, arity - 1);
    while (positional.length < arity - 1) positional.push(undefined);
    const last = given.length === arity ? given[arity - 1] : undefined;
    if (last === undefined || last === null) return { positional, opts: {} };
    if (!isObject(last))
      throw new TypeError(`paginate(${method}): the last argument is the method's opts and must be an object, got ${describeValue(last)}`);
    return { positional, opts: last };
  }
  const last = given[given.length - 1];
  return isPlainObject(last) ? { positional: given.slice(0, -1), opts: last } : { positional: [...given], opts: {} };
}

/** A link's path and query parameter names, without values (which could be anything). */
function linkShape(link: string): string {
  const [path = '', query = ''] = link.split('#')[0]!.split('?', 2);
  const names = [...new URLSearchParams(query).keys()];
  return `${path.slice(0, 160)}${names.length > 0 ? `?${names.join('&')}` : ''}`;
}

function checkPositiveInteger(value: unknown, what: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new RangeError(`${what} must be a positive integer, got ${describeValue(value)}`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isError(value: unknown): value is Error {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

/** `getUsers` for `api.getUsers` and `api.getUsers.bind(api)`. */
function nameOf(fn: ListMethod): string {
  return fn.name.replace(/^(bound )+/, '') || 'listMethod';
}

/** A short description of a value for messages: its kind, and a number's or boolean's value, never a string's. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return 'a string';
    case 'number':
    case 'boolean':
    case 'bigint':
      return `${typeof value} ${String(value)}`;
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      return 'an object';
  }
}
