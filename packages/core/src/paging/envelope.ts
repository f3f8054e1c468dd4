/**
 * Reading one page of the Platform API: where its items are and which request asks for the page
 * after it. The envelopes are the spec's list response models (test/paginate-spec.test.ts checks
 * every one of them against these rules): `entities` with `pageNumber`/`pageCount` or a `nextUri`,
 * `after` or `cursors.after` or `cursor`, SCIM `Resources` with `startIndex`/`totalResults`, search
 * `results` with page numbers, analytics `conversations`/`userDetails` with a `cursor` (job results)
 * or with `totalHits` (detail queries), and single-page lists (`entities` + `total`, `data` + `count`).
 */

export type Envelope = Record<string, unknown>;

/**
 * The arrays that hold a page's items, in the order they are looked for. Models with several arrays
 * list the items first: `entities` before `errorDetails`, `Resources` before `schemas`, `results`
 * before `types`, `conversations`/`userDetails` before `aggregations`.
 */
export const ITEM_KEYS = ['entities', 'Resources', 'results', 'conversations', 'userDetails', 'data'] as const;
export type ItemKey = (typeof ITEM_KEYS)[number];

/** The request parameters a `nextUri` may name for the next page; its other parameters (pageSize, filters) stay the caller's. */
export const LINK_KEYS = ['pageNumber', 'cursor', 'after', 'nextPage', 'startIndex'] as const;
const NUMERIC_LINK_KEYS: ReadonlySet<string> = new Set(['pageNumber', 'startIndex']);

/** How a page said where the next one is. */
export type NextRule = 'nextUri' | 'cursor' | 'cursors.after' | 'after' | 'startIndex' | 'pageNumber' | 'totalHits';

export type PageParams = Record<string, string | number>;

export interface NextPage {
  rule: NextRule;
  /** The parameters that ask for the next page; empty when a `nextUri` names none paginate can send. */
  params: PageParams;
}

export interface PageContext {
  /** The `pageNumber` this page was asked for (1 when the request named none). */
  requestedPageNumber: number;
  /** The `startIndex` this page was asked for (1 when the request named none). */
  requestedStartIndex: number;
  /** Items on this page and on the pages before it. */
  itemsSoFar: number;
}

/** The envelope, unwrapped from an extended response (`{ status, headers, body }`) if needed. */
export function envelopeOf(page: object): Envelope {
  const p = page as Envelope;
  if (typeof p['status'] === 'number' && 'headers' in p && isObject(p['body'])) return p['body'] as Envelope;
  return p;
}

/** The name of the array holding the page's items, if it has one. */
export function itemKeyOf(envelope: Envelope): ItemKey | undefined {
  return ITEM_KEYS.find((key) => Array.isArray(envelope[key]));
}

export function itemsOf(envelope: Envelope): unknown[] {
  const key = itemKeyOf(envelope);
  return key ? (envelope[key] as unknown[]) : [];
}

/**
 * Where the next page is, or undefined on the last page. Rules in order: the server's `nextUri`
 * (it names the parameter its own operation takes), then the tokens (`cursor`, `cursors.after`,
 * `after`), then what can be counted (SCIM `startIndex`, `pageNumber`, analytics `totalHits`).
 */
export function nextPageOf(envelope: Envelope, items: readonly unknown[], context: PageContext): NextPage | undefined {
  const link = nonEmptyString(envelope['nextUri']);
  const fromLink = link === undefined ? undefined : linkParams(link);
  if (fromLink) return { rule: 'nextUri', params: fromLink };
  const cursor = nonEmptyString(envelope['cursor']);
  if (cursor !== undefined) return { rule: 'cursor', params: { cursor } };
  const cursors = envelope['cursors'];
  const afterCursor = isObject(cursors) ? nonEmptyString(cursors['after']) : undefined;
  if (afterCursor !== undefined) return { rule: 'cursors.after', params: { after: afterCursor } };
  const after = nonEmptyString(envelope['after']);
  if (after !== undefined) return { rule: 'after', params: { after } };
  const counted = scimNext(envelope, items, context) ?? numberedNext(envelope, items) ?? totalHitsNext(envelope, context);
  if (counted) return counted;
  // A link paginate cannot follow: say so rather than end the list early.
  if (link !== undefined) return { rule: 'nextUri', params: {} };
  return undefined;
}

/** The next-page parameters named in a `nextUri`'s query, or undefined when it names none. */
function linkParams(link: string): PageParams | undefined {
  const at = link.indexOf('?');
  if (at < 0) return undefined;
  const query = new URLSearchParams(link.slice(at + 1).split('#')[0]);
  const params: PageParams = {};
  for (const key of LINK_KEYS) {
    const value = query.get(key);
    if (value === null || value === '') continue;
    const numeric = Number(value);
    params[key] = NUMERIC_LINK_KEYS.has(key) && Number.isFinite(numeric) ? numeric : value;
  }
  return Object.keys(params).length > 0 ? params : undefined;
}

/** SCIM: `startIndex` (1-based) plus the items on this page, while that does not pass `totalResults`. */
function scimNext(envelope: Envelope, items: readonly unknown[], context: PageContext): NextPage | undefined {
  if (!Array.isArray(envelope['Resources'])) return undefined;
  const total = finiteNumber(envelope['totalResults']);
  if (total === undefined) return undefined;
  const start = finiteNumber(envelope['startIndex']) ?? context.requestedStartIndex;
  const next = start + items.length;
  return next <= total ? { rule: 'startIndex', params: { startIndex: next } } : undefined;
}

/** `pageNumber` below `pageCount`; without a count, below `total / pageSize`; without either, after a full page. */
function numberedNext(envelope: Envelope, items: readonly unknown[]): NextPage | undefined {
  const pageNumber = finiteNumber(envelope['pageNumber']);
  if (pageNumber === undefined) return undefined;
  const pageCount = finiteNumber(envelope['pageCount']);
  const total = finiteNumber(envelope['total']);
  const pageSize = finiteNumber(envelope['pageSize']);
  const more =
    pageCount !== undefined
      ? pageNumber < pageCount
      : total !== undefined && pageSize
        ? pageNumber * pageSize < total
        : pageSize !== undefined && pageSize > 0 && items.length >= pageSize;
  return more ? { rule: 'pageNumber', params: { pageNumber: pageNumber + 1 } } : undefined;
}

/** Analytics detail queries (`{ conversations | userDetails, totalHits }`) echo no page number: count the items. */
function totalHitsNext(envelope: Envelope, context: PageContext): NextPage | undefined {
  const totalHits = finiteNumber(envelope['totalHits']);
  if (totalHits === undefined || context.itemsSoFar >= totalHits) return undefined;
  return { rule: 'totalHits', params: { pageNumber: context.requestedPageNumber + 1 } };
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
