/**
 * CORS, as Genesys Cloud answers a browser app on one of its OAuth client's allowed origins: the
 * mock allows every origin. Responses to a cross-origin request name that origin and expose the
 * headers the SDK reads (correlation id, rate-limit state, Retry-After); a preflight is answered
 * at once, for every method and whatever request headers it asks for (Authorization, Content-Type,
 * Genesys-App, a caller's custom headers).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CORS_METHODS = 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS';
export const CORS_EXPOSED_HEADERS = [
  'inin-correlation-id',
  'inin-ratelimit-allowed',
  'inin-ratelimit-count',
  'inin-ratelimit-reset',
  'retry-after',
  'x-mock-warning',
].join(', ');

/** A comma-separated list of header names (RFC 7230 tokens), or undefined if it is anything else. */
const HEADER_LIST = /^\s*[!#$%&'*+\-.^_`|~0-9A-Za-z]+(?:\s*,\s*[!#$%&'*+\-.^_`|~0-9A-Za-z]+)*\s*$/;

/**
 * Sets the CORS headers of a response to `req`. True when `req` is a preflight, which this has
 * answered (204); the caller then does nothing more.
 */
export function answerCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (typeof origin !== 'string' || origin === '') return false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'Origin');
  const requestedMethod = req.headers['access-control-request-method'];
  if (req.method !== 'OPTIONS' || typeof requestedMethod !== 'string') {
    res.setHeader('access-control-expose-headers', CORS_EXPOSED_HEADERS);
    return false;
  }
  res.setHeader('access-control-allow-methods', CORS_METHODS);
  const requestedHeaders = req.headers['access-control-request-headers'];
  if (typeof requestedHeaders === 'string' && HEADER_LIST.test(requestedHeaders)) {
    res.setHeader('access-control-allow-headers', requestedHeaders.trim());
  }
  res.setHeader('access-control-max-age', '600');
  res.writeHead(204).end();
  return true;
}
