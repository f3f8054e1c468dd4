/**
 * Puts a Swagger 2.0 document in one canonical form, so that the extractor's output and a
 * genuine swagger (`--from-file`, `--from-url`) are written the same way and diff cleanly:
 * paths, definitions and tags sorted by name; methods in a fixed order; the keys of each kind
 * of object in the order the Swagger 2.0 specification lists them, vendor extensions last.
 * Property and parameter order carry meaning and are kept.
 */
import { HTTP_METHODS, isHttpMethod, type SwaggerDocument } from './swagger';

type Kind = 'document' | 'pathItem' | 'operation' | 'parameter' | 'response' | 'schema' | 'other';

const KEY_ORDER: Record<Kind, string[]> = {
  document: [
    'swagger',
    'info',
    'host',
    'basePath',
    'schemes',
    'consumes',
    'produces',
    'tags',
    'paths',
    'definitions',
    'parameters',
    'responses',
    'securityDefinitions',
    'security',
    'externalDocs',
  ],
  pathItem: [...HTTP_METHODS, 'parameters'],
  operation: ['tags', 'summary', 'description', 'operationId', 'consumes', 'produces', 'parameters', 'responses', 'deprecated', 'security'],
  parameter: ['name', 'in', 'description', 'required', 'schema', 'type', 'format', 'items', 'collectionFormat', 'default', 'enum'],
  response: ['description', 'schema', 'headers', 'examples'],
  schema: [
    '$ref',
    'title',
    'description',
    'type',
    'format',
    'items',
    'default',
    'enum',
    'required',
    'allOf',
    'properties',
    'additionalProperties',
    'readOnly',
    'example',
  ],
  other: ['name', 'title', 'version', 'description', 'type'],
};

/** What kind of object sits under `key` in an object of kind `parent`; `named` maps keep their key order. */
function childOf(parent: Kind, key: string): { kind: Kind; named?: boolean } {
  if (key.startsWith('x-')) return { kind: 'other' };
  switch (parent) {
    case 'document':
      if (key === 'paths') return { kind: 'pathItem', named: true };
      if (key === 'definitions') return { kind: 'schema', named: true };
      if (key === 'parameters') return { kind: 'parameter', named: true };
      if (key === 'responses') return { kind: 'response', named: true };
      return { kind: 'other' };
    case 'pathItem':
      return key === 'parameters' ? { kind: 'parameter' } : { kind: 'operation' };
    case 'operation':
      if (key === 'parameters') return { kind: 'parameter' };
      if (key === 'responses') return { kind: 'response', named: true };
      return { kind: 'other' };
    case 'parameter':
      return key === 'schema' || key === 'items' ? { kind: 'schema' } : { kind: 'other' };
    case 'response':
      if (key === 'schema') return { kind: 'schema' };
      return { kind: 'other', named: key === 'headers' || key === 'examples' };
    case 'schema':
      if (key === 'properties') return { kind: 'schema', named: true };
      if (key === 'items' || key === 'additionalProperties' || key === 'allOf') return { kind: 'schema' };
      return { kind: 'other' };
    default:
      return { kind: 'other' };
  }
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function rank(kind: Kind, key: string): number {
  const index = KEY_ORDER[kind].indexOf(key);
  if (index >= 0) return index;
  return key.startsWith('x-') ? Number.MAX_SAFE_INTEGER : KEY_ORDER[kind].length;
}

function canonical(value: unknown, kind: Kind, named = false): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item, kind));
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, child]) => child !== undefined);
  if (named) return Object.fromEntries(entries.map(([key, child]) => [key, canonical(child, kind)]));
  entries.sort(([a], [b]) => rank(kind, a) - rank(kind, b) || byName(a, b));
  return Object.fromEntries(
    entries.map(([key, child]) => {
      const { kind: childKind, named: childNamed } = childOf(kind, key);
      return [key, canonical(child, childKind, childNamed)];
    }),
  );
}

function sortedRecord<T>(record: Record<string, T> | undefined): Record<string, T> | undefined {
  if (!record) return undefined;
  return Object.fromEntries(
    Object.keys(record)
      .sort(byName)
      .map((key) => [key, record[key]!]),
  );
}

/** Checks the parts every later step relies on and names what is wrong. */
export function assertSwagger(value: unknown, origin: string): asserts value is SwaggerDocument {
  const doc = value as Partial<SwaggerDocument> | null;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error(`${origin} is not a JSON object`);
  if (doc.swagger !== '2.0')
    throw new Error(`${origin} is not a Swagger 2.0 document (its "swagger" field is ${JSON.stringify(doc.swagger)})`);
  if (!doc.paths || typeof doc.paths !== 'object') throw new Error(`${origin} has no "paths" object`);
}

export function normalizeSwagger(input: SwaggerDocument): SwaggerDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const path of Object.keys(input.paths).sort(byName)) {
    const item: Record<string, unknown> = { ...input.paths[path] };
    for (const method of Object.keys(item).filter(isHttpMethod)) {
      const operation = item[method] as { tags?: string[] };
      if (operation.tags) item[method] = { ...operation, tags: [...new Set(operation.tags)].sort(byName) };
    }
    paths[path] = item;
  }
  const doc = {
    ...input,
    tags: input.tags ? [...input.tags].sort((a, b) => byName(a.name, b.name)) : undefined,
    paths,
    definitions: sortedRecord(input.definitions),
    securityDefinitions: sortedRecord(input.securityDefinitions),
  };
  return canonical(doc, 'document') as SwaggerDocument;
}

/** Two-space JSON with a final newline: the committed form. */
export function serializeSwagger(doc: SwaggerDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
