/**
 * The request target, read as it came: the path is not normalised (a dot segment or `//` reaches no
 * other operation than the one the client named) and malformed percent-encoding is reported, not thrown.
 */

export interface RequestTarget {
  /** The path as sent, still percent-encoded. */
  pathname: string;
  /** `?` and the raw query, or ''. */
  search: string;
  query: URLSearchParams;
}

const MAX_ECHO = 200;
const echo = (text: string) => JSON.stringify(text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text);

function decodeComponent(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Splits `req.url` into path and query; `{ error }` says what is malformed. */
export function parseTarget(raw: string): RequestTarget | { error: string } {
  let target = raw;
  if (!target.startsWith('/')) {
    // Absolute form (`http://host/path`), which HTTP/1.1 servers must accept.
    try {
      const url = new URL(target);
      target = `${url.pathname}${url.search}`;
    } catch {
      return { error: `The request target ${echo(raw)} is not a path` };
    }
  }
  const hash = target.indexOf('#');
  if (hash !== -1) target = target.slice(0, hash);
  const q = target.indexOf('?');
  const pathname = q === -1 ? target : target.slice(0, q);
  const rawQuery = q === -1 ? '' : target.slice(q + 1);
  try {
    decodeURIComponent(pathname);
  } catch {
    return { error: `The path ${echo(pathname)} has a malformed percent-encoding` };
  }
  const query = new URLSearchParams();
  for (const part of rawQuery.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decodeComponent(eq === -1 ? part : part.slice(0, eq));
    const value = decodeComponent(eq === -1 ? '' : part.slice(eq + 1));
    if (key === undefined || value === undefined) return { error: `The query parameter ${echo(part)} has a malformed percent-encoding` };
    query.append(key, value);
  }
  return { pathname, search: rawQuery ? `?${rawQuery}` : '', query };
}
