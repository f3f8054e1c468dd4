/**
 * Redirects as axios follows them (through follow-redirects): up to 21, POST turned into GET on
 * 301/302 and anything but GET/HEAD on 303 (the body and its `Content-*` headers dropped), and the
 * credentials (`Authorization`, `Cookie`, `Proxy-Authorization`) dropped on the way to another host
 * (not a subdomain) or from https to http.
 */
export const MAX_REDIRECTS = 21;

const CREDENTIALS = /^(?:authorization|cookie|proxy-authorization)$/i;

export interface Hop<Body> {
  url: URL;
  /** The request target as sent: the query is appended to the parsed URL as axios does, not re-encoded. */
  path: string;
  method: string;
  headers: Record<string, string>;
  body: Body | undefined;
}

/** The next request after a response, or undefined when the response is not a redirect to follow. */
export function redirectFrom<Body>(hop: Hop<Body>, status: number, location: string | undefined): Hop<Body> | undefined {
  if (!location || status < 300 || status >= 400) return undefined;
  const url = new URL(location, hop.url);
  const headers = { ...hop.headers };
  let { method, body } = hop;
  if (((status === 301 || status === 302) && method === 'POST') || (status === 303 && method !== 'GET' && method !== 'HEAD')) {
    method = 'GET';
    body = undefined;
    for (const name of Object.keys(headers)) if (/^content-/i.test(name)) delete headers[name];
  }
  const downgrade = url.protocol !== hop.url.protocol && url.protocol !== 'https:';
  const elsewhere = url.host !== hop.url.host && !url.host.endsWith(`.${hop.url.host}`);
  if (downgrade || elsewhere) for (const name of Object.keys(headers)) if (CREDENTIALS.test(name)) delete headers[name];
  return { url, path: url.pathname + url.search, method, headers, body };
}

export function tooManyRedirects(): Error {
  return Object.assign(new Error('Maximum number of redirects exceeded'), { code: 'ERR_FR_TOO_MANY_REDIRECTS' });
}
