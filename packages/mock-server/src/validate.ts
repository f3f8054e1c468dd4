/**
 * Request validation against the spec: one ajv schema per operation (path, query and header
 * parameters and the JSON body), compiled on first use and cached. Parameter strings are first read
 * as their declared types (`"5"` → 5, `"true"` → true, `a,b` or repeated keys → arrays), so that what
 * cannot be read stays a string and ajv reports it.
 *
 * Parameters are checked in full: types, enums (without regard to case, and taking the documented
 * default) and dates. In a body, types are checked; a missing required property, a value outside an
 * enum and a malformed date are warnings (the spec is stricter than the service in places: a user is
 * created without `divisionId`, and enum lists trail the service's values) unless `strict` is set.
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
  /** Accepted deviations from the spec (a body's missing required properties, enums and dates, unless strict). */
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

/**
 * The formats checked: ISO 8601 dates. A date-time may leave out its seconds and its zone, as the
 * service's parser allows. Every other format in the spec (int32, uri…) is taken as it comes.
 */
export const DATE_FORMATS: Record<'date' | 'date-time', RegExp> = {
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  'date-time': /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/i,
};
const FORMAT_TEXT: Record<string, string> = {
  date: 'a date (YYYY-MM-DD)',
  'date-time': 'a date and time (ISO 8601, e.g. 2024-01-15T10:00:00Z)',
};

/** Every `format` named in the spec's definitions, so that those not checked can be declared ignored (ajv warns of unknown ones). */
function formatsIn(value: unknown, found = new Set<string>()): Set<string> {
  const stack = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    const format = (v as { format?: unknown }).format;
    if (typeof format === 'string') found.add(format);
    for (const child of Object.values(v)) if (typeof child === 'object') stack.push(child);
  }
  return found;
}

/** The value at a JSON pointer's segments, or undefined. */
function valueAt(value: unknown, segments: string[]): unknown {
  let v = value;
  for (const s of segments) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[s] : undefined;
  return v;
}

/** A string that matches one of the allowed values but for case: the service reads enums so. */
const matchesIgnoringCase = (value: unknown, allowed: unknown[]) =>
  typeof value === 'string' && allowed.some((a) => typeof a === 'string' && a.toLowerCase() === value.toLowerCase());

/** Body deviations that are warnings unless strict: the spec's required flags, enum lists and date formats trail the service. */
const LENIENT_IN_BODY = new Set(['required', 'enum', 'format']);

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
  if (e.keyword === 'format') return `must be ${FORMAT_TEXT[String(e.params['format'])] ?? `of format ${String(e.params['format'])}`}`;
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
    const ignored = [...formatsIn(spec.definitions)].filter((f) => !(f in DATE_FORMATS));
    this.ajv = new Ajv({
      strict: false,
      allErrors: true,
      addUsedSchema: false,
      // The spec's schemas are checked once when each operation is compiled; checking all 6,596
      // definitions against the meta-schema at start-up would cost every mock server ~70 ms.
      validateSchema: false,
      formats: { ...Object.fromEntries(ignored.map((f) => [f, true])), ...DATE_FORMATS },
    });
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
    const sentBody = instance.body; // read before validate(), whose type guard narrows `instance` in the else branch
    if (!validate(instance)) {
      for (const e of validate.errors ?? []) {
        const [, location, ...rest] = e.instancePath.split('/').map(unescapePointer);
        if (location === 'body') {
          if (e.keyword === 'enum' && matchesIgnoringCase(valueAt(sentBody, rest), e.params['allowedValues'] as unknown[])) continue;
          const message = `body${rest.map((s) => `/${s}`).join('')} ${describe(e)}`;
          (LENIENT_IN_BODY.has(e.keyword) && !this.strict ? warnings : problems).push(message);
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
