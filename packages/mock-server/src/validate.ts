/**
 * Request validation against the spec: one ajv schema per operation (path, query and header
 * parameters and the JSON body), compiled on first use and cached. Parameter strings are first read
 * as their declared types (`"5"` → 5, `"true"` → true, `a,b` or repeated keys → arrays), so that what
 * cannot be read stays a string and ajv reports it.
 *
 * A missing required body property is a warning (the spec's `required` flags are stricter than the
 * service in places: a user is created without `divisionId`) unless `strict` is set.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { IncomingHttpHeaders } from 'node:http';
import { operationShape, type JsonSchema, type Location, type ParamShape } from './operation-schema.js';
import type { Spec, SpecOperation } from './spec.js';

/** Bodies nested deeper than this are refused: they would overflow the stack when stored and sent back. */
export const MAX_BODY_DEPTH = 100;

export interface RequestParts {
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
}

export interface CheckResult {
  /** Reasons for a 400; empty when the request is valid. */
  problems: string[];
  /** Accepted deviations from the spec (missing required body properties, unless strict). */
  warnings: string[];
  body: unknown;
}

type Compiled = { params: ParamShape[]; body?: { required: boolean }; validate: ValidateFunction };

const INTEGER = /^[+-]?\d+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEAN = /^(true|false)$/i;

/** A parameter string as its schema's type, or the string itself when it cannot be read so. */
function read(schema: JsonSchema, text: string): unknown {
  switch (schema['type']) {
    case 'integer':
      return INTEGER.test(text) ? Number(text) : text;
    case 'number':
      return NUMBER.test(text) ? Number(text) : text;
    case 'boolean':
      return BOOLEAN.test(text) ? text.toLowerCase() === 'true' : text;
    default: {
      // Enum values are matched without regard to case, as the service's enum parsing does.
      const values = schema['enum'] as unknown[] | undefined;
      return values?.find((v) => typeof v === 'string' && v.toLowerCase() === text.toLowerCase()) ?? text;
    }
  }
}

const isString = (schema: JsonSchema) => schema['type'] === undefined || schema['type'] === 'string';

/** The value of one parameter from the request, or undefined when absent (an empty non-string value counts as absent). */
function valueOf(p: ParamShape, parts: RequestParts): unknown {
  let texts: string[];
  if (p.in === 'path') texts = parts.params[p.name] === undefined ? [] : [parts.params[p.name]!];
  else if (p.in === 'query') texts = parts.query.getAll(p.name);
  else {
    const h = parts.headers[p.name.toLowerCase()];
    texts = h === undefined ? [] : [Array.isArray(h) ? h[0]! : h];
  }
  if (!texts.length) return undefined;
  if (p.separator !== undefined) {
    const items = p.schema['items'] as JsonSchema;
    const all = texts.flatMap((t) => t.split(p.separator!)).filter((t) => t !== '' || isString(items));
    return all.length ? all.map((t) => read(items, t)) : undefined;
  }
  const text = texts[0]!;
  return text === '' && !isString(p.schema) ? undefined : read(p.schema, text);
}

function tooDeep(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** A copy without null-valued object properties: the service takes `"x": null` as `x` absent. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  const result: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) result[k] = withoutNulls(v);
  return result;
}

const LABEL: Record<Location, string> = { path: 'Path parameter', query: 'Query parameter', header: 'Header' };
const ARTICLE: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  string: 'a string',
  array: 'a list',
  object: 'an object',
};
const unescapePointer = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

function describe(e: ErrorObject): string {
  if (e.keyword === 'type') {
    const types = ([] as string[]).concat(e.params['type'] as string | string[]);
    return `must be ${types.map((t) => ARTICLE[t] ?? t).join(' or ')}`;
  }
  if (e.keyword === 'enum') return `must be one of ${(e.params['allowedValues'] as unknown[]).map(String).join(', ')}`;
  return e.message ?? 'is invalid';
}

export class Validator {
  private readonly ajv: Ajv;
  private readonly cache = new Map<SpecOperation, Compiled>();

  constructor(
    spec: Spec,
    private readonly strict = false,
  ) {
    // Swagger 2.0 schemas are JSON Schema draft 4 in substance; unknown keywords are not errors.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, addUsedSchema: false });
    this.ajv.addSchema({ $id: 'spec', definitions: spec.definitions });
  }

  private compiled(operation: SpecOperation): Compiled {
    let compiled = this.cache.get(operation);
    if (!compiled) {
      const shape = operationShape(operation);
      let validate: ValidateFunction;
      try {
        validate = this.ajv.compile(shape.schema);
      } catch (error) {
        throw new Error(`The spec's schema of ${operation.operationId} cannot be compiled: ${(error as Error).message}`, { cause: error });
      }
      compiled = { params: shape.params, ...(shape.body ? { body: shape.body } : {}), validate };
      this.cache.set(operation, compiled);
    }
    return compiled;
  }

  check(operation: SpecOperation, parts: RequestParts): CheckResult {
    const { params, body: bodyParam, validate } = this.compiled(operation);
    const problems: string[] = [];
    const warnings: string[] = [];
    const instance: Record<Location, Record<string, unknown>> & { body?: unknown } = { path: {}, query: {}, header: {} };
    for (const p of params) {
      const value = valueOf(p, parts);
      if (value !== undefined) instance[p.in][p.name] = value;
    }
    let body: unknown;
    if (bodyParam) {
      if (!parts.rawBody.trim()) {
        if (bodyParam.required) problems.push('The request body is required');
      } else {
        try {
          body = JSON.parse(parts.rawBody);
        } catch {
          problems.push('The request body is not valid JSON');
        }
        if (body !== undefined && tooDeep(body, MAX_BODY_DEPTH)) {
          problems.push(`The request body is nested deeper than ${MAX_BODY_DEPTH} levels`);
          body = undefined;
        }
        if (body !== undefined) instance.body = withoutNulls(body);
      }
    }
    if (!validate(instance)) {
      for (const e of validate.errors ?? []) {
        const [, location, ...rest] = e.instancePath.split('/').map(unescapePointer);
        if (location === 'body') {
          const message = `body${rest.map((s) => `/${s}`).join('')} ${describe(e)}`;
          (e.keyword === 'required' && !this.strict ? warnings : problems).push(message);
        } else if (e.keyword === 'required' && location) {
          const what = location === 'header' ? 'header' : `${location} parameter`;
          problems.push(`Missing required ${what} ${String(e.params['missingProperty'])}`);
        } else if (location && rest.length) {
          const [name, index] = rest as [string, string | undefined];
          const value = instance[location as Location][name];
          const got = index === undefined ? value : (value as unknown[])[Number(index)];
          problems.push(
            `${LABEL[location as Location]} ${name}${index === undefined ? '' : ` (item ${index})`} ${describe(e)}, got ${JSON.stringify(got)}`,
          );
        } else problems.push(`${e.instancePath || 'request'} ${describe(e)}`);
      }
    }
    return { problems: [...new Set(problems)], warnings: [...new Set(warnings)], body };
  }
}
