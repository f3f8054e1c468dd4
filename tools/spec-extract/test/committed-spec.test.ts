/**
 * Checks the committed spec against the reference SDK it was rebuilt from. The reference is
 * read here with plain regular expressions over its generated text, independently of the
 * extractor's TypeScript-AST parsing, so that a bug in one is caught by the other.
 */
import SwaggerParser from '@apidevtools/swagger-parser';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectRefs } from '../src/build-swagger';
import { operationsOf } from '../src/coverage';
import { DEFAULT_ENRICHMENT } from '../src/cli';
import { enrichSwagger } from '../src/enrichment/merge';
import { readEnrichment } from '../src/enrichment/read';
import { extractFromSdk } from '../src/extract';
import { jsParameterName, tagFromClassName } from '../src/naming';
import { serializeSwagger } from '../src/normalize';
import { API_DIR, defaultSdkDir } from '../src/sdk-source';
import type { Operation, SwaggerDocument } from '../src/swagger';
import { COMMITTED_SPEC, operation } from './helpers';

const committedText = readFileSync(COMMITTED_SPEC, 'utf8');
const spec = JSON.parse(committedText) as SwaggerDocument;
const sdkDir = defaultSdkDir();
const enrichment = readEnrichment(DEFAULT_ENRICHMENT);

interface ReferenceMethod {
  className: string;
  name: string;
  path: string;
  method: string;
  /** Wire names per location, in the order callApi receives them. */
  locations: Record<'path' | 'query' | 'header' | 'formData', string[]>;
  multi: string[];
  body?: string;
  required: string[];
  /** The method's arguments then its documented `opts` keys: the order a caller passes them. */
  signature: string[];
}

/** Every method of every API class, read with regular expressions. */
function readReference(): ReferenceMethod[] {
  const methods: ReferenceMethod[] = [];
  const apiDir = join(sdkDir, API_DIR);
  for (const file of readdirSync(apiDir).filter((f) => f.endsWith('.js'))) {
    const text = readFileSync(join(apiDir, file), 'utf8');
    const className = /class (\w+) \{/.exec(text)![1]!;
    for (const block of text.split('\n\t/**\n').slice(1)) {
      const declaration = /\n\t(\w+)\(([\w, ]*)\) \{ ?\n/.exec(block);
      const name = declaration?.[1];
      if (!declaration || !name || name === 'constructor') continue;
      const args = declaration[2]!.split(', ').filter((arg) => arg !== 'opts');
      const optsKeys = [...block.matchAll(/@param \{.*\} opts\.(\w+)/g)].map((m) => m[1]!).filter((key) => key !== 'customHeaders');
      const call = /callApi\(\n\t+'([^']*)', \n\t+'(\w+)', \n((?:\t+\{[^\n]*\},\n){4})\t+([^\n]*), \n/.exec(block);
      if (!call) throw new Error(`${className}.${name}: no callApi found by the test's reader`);
      const objects = call[3]!.trim().split('\n');
      const keys = (line: string) => [...line.matchAll(/'([^']+)': /g)].map((m) => m[1]!);
      const bodyText = call[4]!.trim();
      methods.push({
        className,
        name,
        path: call[1]!,
        method: call[2]!.toLowerCase(),
        locations: { path: keys(objects[0]!), query: keys(objects[1]!), header: keys(objects[2]!), formData: keys(objects[3]!) },
        multi: [...call[3]!.matchAll(/'([^']+)': this\.apiClient\.buildCollectionParam\([^)]*, 'multi'\)/g)].map((m) => m[1]!),
        body: bodyText === 'null' ? undefined : bodyText.replace(/^opts\['(\w+)'\]$/, '$1'),
        required: [...block.matchAll(/Missing the required parameter "(\w+)" when calling /g)].map((m) => m[1]!),
        signature: [...args, ...optsKeys],
      });
    }
  }
  return methods;
}

const reference = readReference();
const operations = operationsOf(spec);
const byId = new Map<string, { path: string; method: string; operation: Operation }>(operations.map((o) => [o.operation.operationId, o]));

describe('the committed spec', () => {
  it('holds 87 tags, 3,315 operations listed as 3,468 methods, and 6,596 definitions', () => {
    expect(spec.tags).toHaveLength(87);
    expect(operations).toHaveLength(3315);
    expect(operations.reduce((sum, { operation }) => sum + operation.tags.length, 0)).toBe(3468);
    expect(Object.keys(spec.definitions!)).toHaveLength(6596);
    expect(reference).toHaveLength(3468);
  });

  it('gives each tag exactly the methods of its class', () => {
    const expected = new Map<string, string[]>();
    for (const method of reference) {
      const tag = tagFromClassName(method.className);
      expected.set(tag, [...(expected.get(tag) ?? []), method.name].sort());
    }
    const actual = new Map<string, string[]>();
    for (const { operation } of operations) {
      for (const tag of operation.tags) actual.set(tag, [...(actual.get(tag) ?? []), operation.operationId].sort());
    }
    expect(new Map([...actual].sort())).toEqual(new Map([...expected].sort()));
    expect(spec.tags!.map((t) => t.name).sort()).toEqual([...expected.keys()].sort());
  });

  it('has every parameter as the reference sends it: location, wire name, order, collection format, required, argument order', () => {
    const mismatches: string[] = [];
    for (const ref of reference) {
      const found = byId.get(ref.name);
      if (!found || found.path !== ref.path || found.method !== ref.method) {
        mismatches.push(
          `${ref.className}.${ref.name}: ${ref.method} ${ref.path} is ${found ? `${found.method} ${found.path}` : 'missing'}`,
        );
        continue;
      }
      const params = found.operation.parameters;
      for (const location of ['path', 'query', 'header', 'formData'] as const) {
        const names = params.filter((p) => p.in === location).map((p) => p.name);
        if (names.join() !== ref.locations[location].join()) {
          mismatches.push(`${ref.name}: ${location} ${names.join()} != ${ref.locations[location].join()}`);
        }
      }
      const multi = params.filter((p) => p.collectionFormat === 'multi').map((p) => p.name);
      if (multi.sort().join() !== [...ref.multi].sort().join())
        mismatches.push(`${ref.name}: multi ${multi.join()} != ${ref.multi.join()}`);
      const body = params.find((p) => p.in === 'body');
      if (body?.name !== ref.body) mismatches.push(`${ref.name}: body ${body?.name} != ${ref.body}`);
      const required = params.filter((p) => p.required).map((p) => (p.in === 'body' ? p.name : jsParameterName(p.name)));
      if (required.join() !== ref.required.join()) mismatches.push(`${ref.name}: required ${required.join()} != ${ref.required.join()}`);
      // Required first, otherwise in spec order: how a generator recovers the reference's arguments.
      const jsName = (p: (typeof params)[number]) => (p.in === 'body' ? p.name : jsParameterName(p.name));
      const argumentOrder = [...params.filter((p) => p.required), ...params.filter((p) => !p.required)].map(jsName);
      if (argumentOrder.join() !== ref.signature.join())
        mismatches.push(`${ref.name}: arguments ${argumentOrder.join()} != ${ref.signature.join()}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('has a definition for every model of index.d.ts, with its properties and required list', () => {
    const dts = readFileSync(join(sdkDir, 'index.d.ts'), 'utf8');
    const models = dts.slice(dts.indexOf('declare namespace Models {'));
    const mismatches: string[] = [];
    let count = 0;
    for (const match of models.matchAll(/export interface (\w+) \{ \n([\s\S]*?)\t\}/g)) {
      count++;
      const [, name, body] = match;
      const props = [...body!.matchAll(/^\t\t"([^"]+)"(\??):/gm)];
      const definition = spec.definitions![name!];
      const expectedRequired = props.filter((p) => p[2] !== '?').map((p) => p[1]);
      if (!definition) mismatches.push(`${name}: missing`);
      else if (Object.keys(definition.properties ?? {}).join() !== props.map((p) => p[1]).join())
        mismatches.push(`${name}: properties differ`);
      else if ((definition.required ?? []).join() !== expectedRequired.join()) mismatches.push(`${name}: required differs`);
    }
    expect(count).toBe(6596);
    expect(mismatches).toEqual([]);
  });

  it('resolves every $ref', () => {
    const unresolved = [...collectRefs(spec)].filter((ref) => !spec.definitions![ref.replace('#/definitions/', '')]);
    expect(unresolved).toEqual([]);
    expect(collectRefs(spec.paths).size).toBeGreaterThan(1000);
  });

  it('validates against the Swagger 2.0 schema', async () => {
    await expect(SwaggerParser.validate(structuredClone(spec) as never)).resolves.toBeDefined();
  }, 60_000);

  it('regenerates byte for byte from the pinned reference SDK and spec/enrichment.json', () => {
    const result = extractFromSdk(sdkDir);
    expect(result.problems).toEqual([]);
    expect(result.origin).toBe('purecloud-platform-client-v2@262.0.0');
    const { doc, report } = enrichSwagger(result.doc, enrichment);
    expect(Object.keys(report.conflicts).length).toBeLessThan(5);
    expect(serializeSwagger(doc) === committedText).toBe(true);
  }, 120_000);
});

describe('the enrichment in the committed spec', () => {
  const definitions = spec.definitions!;
  const allProperties = Object.entries(definitions).flatMap(([model, d]) =>
    Object.entries(d.properties ?? {}).map(([name, schema]) => ({ model, name, schema })),
  );

  it('records the two source repositories at their commits, as spec/enrichment.json does', () => {
    expect(spec.info['x-enrichment']).toEqual({ sources: enrichment.sources });
    expect(enrichment.sources.map((s) => [s.repository, s.commit, s.release, s.license])).toEqual([
      ['MyPureCloud/platform-client-sdk-javascript', 'e09e27aa2f5657f4aa76f526bb909e893199d384', '259.0.0', 'MIT'],
      ['MyPureCloud/platform-client-sdk-python', 'f80f2db2c783b8d9500b54a9e7e8077e1fa87367', '257.1.0', 'MIT'],
    ]);
  });

  it('has each parameter enum exactly as the JavaScript docs list it, on items for arrays', () => {
    let count = 0;
    const mismatches: string[] = [];
    for (const { operation } of operations) {
      for (const p of operation.parameters) {
        const values = p.enum ?? p.items?.enum;
        if (!values) continue;
        count++;
        const source = enrichment.operations[operation.operationId]?.params?.[jsParameterName(p.name)];
        if (!source || source.enum.join() !== values.join() || Boolean(source.array) !== (p.type === 'array'))
          mismatches.push(`${operation.operationId}(${p.name})`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(count).toBe(631);
    const sortOrder = operation(spec, 'get', '/api/v2/users').parameters.find((p) => p.name === 'sortOrder');
    expect(sortOrder?.enum).toEqual(['ascending', 'descending']);
  });

  it('has the permissions of 2,921 operations, in the genuine swagger shape', () => {
    const withPermissions = operations.filter(({ operation }) => operation['x-inin-requires-permissions']);
    expect(withPermissions).toHaveLength(2921);
    expect(operation(spec, 'delete', '/api/v2/users/{userId}')['x-inin-requires-permissions']).toEqual({
      type: 'ANY',
      permissions: ['admin', 'directory:user:delete', 'directory:organization:admin'],
    });
    for (const { operation: op } of withPermissions) {
      const value = op['x-inin-requires-permissions'] as { type: string; permissions: string[] };
      expect(['ANY', 'ALL']).toContain(value.type);
      expect(value.permissions.length).toBeGreaterThan(0);
    }
  });

  it('types model properties: integers, dates, date-times, enums and descriptions', () => {
    const count = (test: (schema: (typeof allProperties)[number]['schema']) => boolean) =>
      allProperties.filter(({ schema }) => test(schema) || Boolean(schema.items && test(schema.items))).length;
    expect(count((s) => s.type === 'integer')).toBeGreaterThan(3500);
    expect(count((s) => s.format === 'date')).toBeGreaterThan(150);
    expect(count((s) => s.format === 'date-time')).toBeGreaterThan(1900);
    expect(count((s) => Boolean(s.enum))).toBeGreaterThan(3000);
    expect(allProperties.filter(({ schema }) => schema.description).length).toBeGreaterThan(22000);
    const user = definitions.User!.properties!;
    expect(user.version).toMatchObject({ type: 'integer' });
    expect(user.dateLastLogin).toMatchObject({ type: 'string', format: 'date-time' });
    expect(user.state).toMatchObject({ type: 'string', enum: ['active', 'inactive', 'deleted'] });
    expect(user.id!.description).toBe('The globally unique identifier for the object.');
    expect(committedText).not.toContain('outdated_sdk_version');
  });
});
