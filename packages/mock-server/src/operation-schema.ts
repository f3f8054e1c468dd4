/**
 * One JSON schema per operation, from its spec parameters: `{ path, query, header, body }`, each
 * parameter as its declared type (integer, number, boolean, string, enum, arrays of these), so that
 * ajv checks all of them in one pass. Of the formats, dates are checked (`date`, `date-time`: see
 * DATE_FORMATS in validate.ts); a documented default is accepted even where the enum lacks it.
 */
import type { SpecOperation, SpecParam, SpecSchema } from './spec.js';

export type Location = 'path' | 'query' | 'header';
export type JsonSchema = Record<string, unknown>;

export interface ParamShape {
  name: string;
  in: Location;
  required: boolean;
  schema: JsonSchema;
  /** For arrays: the separator of joined values (`multi` also accepts repeated keys). */
  separator?: string;
}

export interface OperationShape {
  params: ParamShape[];
  /** Absent when the operation takes no body. */
  body?: { required: boolean };
  schema: JsonSchema;
}

/** The largest page the mock serves; beyond it a pageSize is absurd (the service's own ceilings are 100 to 1,000). */
export const MAX_PAGE_SIZE = 10_000;

/**
 * Paging parameters are integers ≥ 1 wherever an operation has them, whatever type the spec gives
 * (the reference's typings, which the spec is rebuilt from, say `number` or even `string`).
 */
const PAGING: Record<string, JsonSchema> = {
  pageNumber: { type: 'integer', minimum: 1, maximum: 2 ** 31 - 1 },
  pageSize: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
};

const SEPARATORS: Record<string, string> = { csv: ',', multi: ',', ssv: ' ', tsv: '\t', pipes: '|' };

/** The JSON-schema part of a spec parameter or items object. */
export function valueSchema(source: Omit<SpecSchema, 'required'> | undefined): JsonSchema {
  if (!source) return {};
  const schema: JsonSchema = {};
  switch (source.type) {
    case 'integer':
    case 'number':
    case 'boolean':
    case 'string':
      schema['type'] = source.type;
      break;
    case 'array':
      schema['type'] = 'array';
      schema['items'] = valueSchema(source.items ?? { type: 'string' });
      break;
    default: // `file`, absent or unknown: anything
  }
  if (source.type === 'string' && (source.format === 'date' || source.format === 'date-time')) schema['format'] = source.format;
  if (Array.isArray(source.enum) && source.enum.length && source.enum.every((v) => ['string', 'number', 'boolean'].includes(typeof v)))
    schema['enum'] = source.enum;
  for (const key of ['minLength', 'maxLength', 'minItems', 'maxItems'] as const)
    if (Number.isInteger(source[key]) && source[key]! >= 0) schema[key] = source[key];
  for (const [bound, exclusive] of [
    ['minimum', 'exclusiveMinimum'],
    ['maximum', 'exclusiveMaximum'],
  ] as const) {
    const limit = source[bound];
    if (typeof limit !== 'number' || !Number.isFinite(limit)) continue;
    // Swagger 2.0 (draft 4) marks an exclusive bound with `true`; ajv reads draft 7, where it is the number.
    if (source[exclusive] === true) schema[exclusive] = limit;
    else schema[bound] = limit;
  }
  return schema;
}

/**
 * The enum with the parameter's documented default added when it lacks it: the service takes its
 * own default (the docs give `sortOrder` the default `ASC` and the values `ascending, descending`).
 */
function withDefault(schema: JsonSchema, defaults: unknown): JsonSchema {
  const target = schema['type'] === 'array' ? (schema['items'] as JsonSchema) : schema;
  const values = target['enum'] as unknown[] | undefined;
  if (!values) return schema;
  const missing = ([] as unknown[])
    .concat(defaults)
    .filter((d) => ['string', 'number', 'boolean'].includes(typeof d))
    .filter((d) => !values.some((v) => v === d || (typeof v === 'string' && typeof d === 'string' && v.toLowerCase() === d.toLowerCase())));
  if (missing.length) target['enum'] = [...values, ...missing];
  return schema;
}

function paramShape(p: SpecParam): ParamShape | undefined {
  if (p.in !== 'path' && p.in !== 'query' && p.in !== 'header') return undefined;
  const paging = p.in === 'query' && p.type !== 'array' ? PAGING[p.name] : undefined;
  const schema = paging ?? withDefault(valueSchema(p), p.default);
  return {
    name: p.name,
    in: p.in,
    required: p.in === 'path' || p.required === true,
    schema,
    ...(schema['type'] === 'array' ? { separator: SEPARATORS[p.collectionFormat ?? 'csv'] ?? ',' } : {}),
  };
}

/** `#/definitions/X` becomes `spec#/definitions/X`, the schema the validator registers. */
function rewriteRefs(value: unknown): JsonSchema {
  return JSON.parse(JSON.stringify(value).replace(/"#\/definitions\//g, '"spec#/definitions/')) as JsonSchema;
}

export function operationShape(operation: SpecOperation): OperationShape {
  const params = (operation.parameters ?? []).map(paramShape).filter((p): p is ParamShape => p !== undefined);
  const group = (location: Location) => {
    const own = params.filter((p) => p.in === location);
    return {
      type: 'object',
      properties: Object.fromEntries(own.map((p) => [p.name, p.schema])),
      required: [...new Set(own.filter((p) => p.required).map((p) => p.name))],
    };
  };
  const properties: JsonSchema = { path: group('path'), query: group('query'), header: group('header') };
  const bodyParam = operation.parameters?.find((p) => p.in === 'body');
  if (bodyParam) {
    // A string body is sent as it is (the reference hands the string to axios): any JSON is taken.
    properties['body'] = bodyParam.schema && bodyParam.schema.type !== 'string' ? rewriteRefs(bodyParam.schema) : {};
  }
  return {
    params,
    ...(bodyParam ? { body: { required: bodyParam.required === true } } : {}),
    schema: { type: 'object', properties },
  };
}
