/**
 * A Node response's body as axios hands it over: read whole, decompressed when its
 * `Content-Encoding` is one axios decodes (the header then removed), decoded as UTF-8 without a BOM.
 */
import { Buffer } from 'node:buffer';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { brotliDecompress, constants, inflateRaw, unzip, type ZlibOptions } from 'node:zlib';

const decode = { unzip: promisify(unzip), inflateRaw: promisify(inflateRaw), brotli: promisify(brotliDecompress) };
// As axios: a body cut short still yields what arrived.
const ZLIB: ZlibOptions = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
const BROTLI = { flush: constants.BROTLI_OPERATION_FLUSH, finishFlush: constants.BROTLI_OPERATION_FLUSH };

export function readBody(response: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    response.on('error', reject);
    response.on('aborted', () => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
  });
}

/** The body text; `headers` (a copy) loses `content-encoding` when it was decoded, as axios's do. */
export async function decodeBody(bytes: Buffer, headers: IncomingHttpHeaders, method: string, status: number): Promise<string> {
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && (method === 'HEAD' || status === 204)) delete headers['content-encoding'];
  else if (encoding !== undefined) {
    const decoded = await decompress(bytes, encoding.toLowerCase());
    if (decoded) {
      delete headers['content-encoding'];
      bytes = decoded;
    }
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

async function decompress(bytes: Buffer, encoding: string): Promise<Buffer | undefined> {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
    case 'compress':
    case 'x-compress':
      return bytes.length ? decode.unzip(bytes, ZLIB) : bytes;
    case 'deflate':
      // A raw deflate stream (no zlib header, as some servers send) is accepted too, as axios does.
      if (!bytes.length) return bytes;
      return bytes[0] === 0x78 ? decode.unzip(bytes, ZLIB) : decode.inflateRaw(bytes, ZLIB);
    case 'br':
      return bytes.length ? decode.brotli(bytes, BROTLI) : bytes;
    default:
      return undefined;
  }
}
