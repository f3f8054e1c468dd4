/**
 * What paginate remembers of the pages it fetched, so that a server that ignores the page it was
 * asked for, or sends a page again, ends the iteration instead of looping or yielding data twice.
 */
import { finiteNumber, type Envelope, type PageParams } from './envelope.js';

/** The value a request has for a page parameter it does not name: the first page. */
const FIRST_PAGE: Readonly<Record<string, number>> = { pageNumber: 1, startIndex: 1 };

export class PageHistory {
  /** Fingerprint of each page's items -> the page (1-based) that had them. */
  private readonly fingerprints = new Map<string, number>();
  /** Next-page request -> the page (1-based) it fetched. */
  private readonly requests = new Map<string, number>();

  /** `firstRequest`: the caller's own opts, which fetch page 1. */
  constructor(private readonly firstRequest: Readonly<Record<string, unknown>>) {}

  /**
   * Why page `page` must not be yielded, or undefined: the server answered with another page number
   * (or SCIM start) than the one paginate asked for, or with the same items as an earlier page.
   */
  repeatOf(page: number, envelope: Envelope, items: readonly unknown[], asked: PageParams | undefined): string | undefined {
    for (const key of ['pageNumber', 'startIndex'] as const) {
      const wanted = asked?.[key];
      const got = finiteNumber(envelope[key]);
      if (typeof wanted === 'number' && got !== undefined && got !== wanted) {
        return `page ${page} was asked for with ${key}=${wanted} and came back as ${key}=${got}: the server ignored the page parameter`;
      }
    }
    const fingerprint = fingerprintOf(items);
    if (fingerprint === undefined) return undefined;
    const earlier = this.fingerprints.get(fingerprint);
    if (earlier !== undefined) return `page ${page} has the same items as page ${earlier}`;
    this.fingerprints.set(fingerprint, page);
    return undefined;
  }

  /** Why the request for page `page` must not be sent, or undefined: it asks again for a page already fetched. */
  refetchOf(page: number, params: PageParams): string | undefined {
    const key = requestKey(params);
    const earlier = this.requests.get(key) ?? (this.asksForFirstPage(params) ? 1 : undefined);
    if (earlier !== undefined) return `page ${page - 1} points to ${describe(params)}, which is page ${earlier} again`;
    this.requests.set(key, page);
    return undefined;
  }

  private asksForFirstPage(params: PageParams): boolean {
    return Object.entries(params).every(([key, value]) => (this.firstRequest[key] ?? FIRST_PAGE[key]) === value);
  }
}

function requestKey(params: PageParams): string {
  return JSON.stringify(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function describe(params: PageParams): string {
  return Object.entries(params)
    .map(([key, value]) => `${key}=${String(value).slice(0, 80)}`)
    .join('&');
}

/**
 * A page's identity: its items' ids when every item has one, else its items' content; undefined
 * for an empty page (all empty pages look alike) or content that cannot be serialised.
 */
function fingerprintOf(items: readonly unknown[]): string | undefined {
  if (items.length === 0) return undefined;
  const ids = items.map((item) => (typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined));
  let text: string;
  if (ids.every((id) => typeof id === 'string' || typeof id === 'number')) text = `ids:${JSON.stringify(ids)}`;
  else {
    try {
      text = `content:${JSON.stringify(items)}`;
    } catch {
      return undefined;
    }
  }
  return `${items.length}:${hash53(text)}`;
}

/** cyrb53: a fast 53-bit string hash; it keeps 10,000 fingerprints small. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
