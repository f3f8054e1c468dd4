import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractFromFile, extractFromSdk, extractFromUrl } from '../src/extract';
import { serializeSwagger } from '../src/normalize';
import type { SwaggerDocument } from '../src/swagger';
import { FIXTURE_SDK } from './helpers';

/**
 * The fixture's spec with the keys of every object reversed (paths, definitions, keywords) and
 * tags reordered, as a genuine swagger might come. Property order carries meaning and stays.
 */
function scrambled(doc: SwaggerDocument): unknown {
  const reverse = (value: unknown, keepOrder = false): unknown => {
    if (Array.isArray(value)) return value.map((item) => reverse(item));
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    if (!keepOrder) entries.reverse();
    return Object.fromEntries(entries.map(([key, child]) => [key, reverse(child, key === 'properties')]));
  };
  const copy = reverse(doc) as SwaggerDocument;
  for (const op of Object.values(copy.paths).flatMap((item) => Object.values(item))) {
    if (op && 'tags' in op) op.tags.reverse();
  }
  return copy;
}

describe('--from-file and --from-url', () => {
  const expected = serializeSwagger(extractFromSdk(FIXTURE_SDK).doc);
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'spec-extract-'));
    writeFileSync(join(dir, 'scrambled.json'), JSON.stringify(scrambled(JSON.parse(expected))));
    writeFileSync(join(dir, 'broken.json'), '{"swagger": "2.0", ');
    writeFileSync(join(dir, 'openapi3.json'), JSON.stringify({ openapi: '3.0.0', paths: {} }));
    server = createServer((request, response) => {
      if (request.url === '/swagger') {
        response.setHeader('content-type', 'application/json');
        response.end(readFileSync(join(dir, 'scrambled.json')));
      } else {
        response.statusCode = 404;
        response.end('not here');
      }
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('normalises a file into the same bytes the SDK path writes', () => {
    expect(serializeSwagger(extractFromFile(join(dir, 'scrambled.json')).doc)).toBe(expected);
  });

  it('normalises a document fetched over HTTP the same way', async () => {
    const result = await extractFromUrl(`${base}/swagger`);
    expect(result.origin).toBe(`${base}/swagger`);
    expect(serializeSwagger(result.doc)).toBe(expected);
  });

  it('names what is wrong with a bad source', async () => {
    expect(() => extractFromFile(join(dir, 'missing.json'))).toThrow(/cannot read .*missing\.json/);
    expect(() => extractFromFile(join(dir, 'broken.json'))).toThrow(/broken\.json is not valid JSON/);
    expect(() => extractFromFile(join(dir, 'openapi3.json'))).toThrow(
      /is not a Swagger 2\.0 document \(its "swagger" field is undefined\)/,
    );
    await expect(extractFromUrl(`${base}/nope`)).rejects.toThrow(`cannot fetch ${base}/nope: HTTP 404`);
    await expect(extractFromUrl('ftp://example.com/swagger')).rejects.toThrow('needs an http(s) URL');
    await expect(extractFromUrl('not a url')).rejects.toThrow('needs an absolute http(s) URL');
  });
});
