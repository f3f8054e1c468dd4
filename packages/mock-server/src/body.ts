/**
 * Reads a request body up to a limit. Past it, the rest is read and dropped (so that the client,
 * still sending, gets the 413 instead of a reset), up to a hard cap after which the caller answers at once.
 */
import type { IncomingMessage } from 'node:http';

export const TOO_LARGE = Symbol('too large');

/** Bytes read and dropped after the limit before answering 413 without waiting for the end. */
const MAX_DISCARD = 64 * 1024 * 1024;

export function readBody(req: IncomingMessage, maxBytes: number): Promise<string | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = Number(req.headers['content-length']) > maxBytes;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (!tooLarge && size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
      }
      if (!tooLarge) chunks.push(chunk);
      else if (size > maxBytes + MAX_DISCARD) resolve(TOO_LARGE);
    });
    req.on('end', () => resolve(tooLarge ? TOO_LARGE : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
