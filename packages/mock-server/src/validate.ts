/** Request validation against the spec: required parameters, parameter types, and the JSON body with ajv. */
import Ajv, { type ValidateFunction } from 'ajv';
import type { Spec, SpecOperation, SpecParam } from './spec.js';

export class Validator {
  private readonly ajv: Ajv;
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(spec: Spec) {
    // Swagger 2.0 schemas are JSON Schema draft 4 in substance; unknown keywords are not errors.
    this.ajv = new Ajv({ strict: false, allErrors: false, validateFormats: false, addUsedSchema: false });
    this.ajv.addSchema({ $id: 'spec', definitions: spec.definitions });
  }

  /** Problems with the request, empty when it is valid. */
  check(
    operation: SpecOperation,
    query: URLSearchParams,
    headers: Record<string, string | string[] | undefined>,
    rawBody: string,
  ): { problems: string[]; body: unknown } {
    const problems: string[] = [];
    let body: unknown;
    for (const p of operation.parameters ?? []) {
      if (p.in === 'query') {
        const value = query.get(p.name);
        if (value === null) {
          if (p.required) problems.push(`Missing required query parameter ${p.name}`);
        } else problems.push(...typeProblems(p, value));
      } else if (p.in === 'header') {
        const value = headers[p.name.toLowerCase()];
        if (value === undefined && p.required) problems.push(`Missing required header ${p.name}`);
      } else if (p.in === 'body') {
        if (!rawBody.trim()) {
          if (p.required) problems.push('The request body is required');
          continue;
        }
        try {
          body = JSON.parse(rawBody);
        } catch {
          problems.push('The request body is not valid JSON');
          continue;
        }
        const validate = this.validatorFor(p);
        if (validate && !validate(body)) {
          for (const e of validate.errors ?? []) problems.push(`body${e.instancePath} ${e.message ?? 'is invalid'}`);
        }
      }
    }
    return { problems, body };
  }

  private validatorFor(p: SpecParam): ValidateFunction | undefined {
    const schema = p.schema;
    if (!schema) return undefined;
    const key = JSON.stringify(schema);
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile({ $ref: undefined, ...rewriteRefs(schema) });
      this.cache.set(key, validate);
    }
    return validate;
  }
}

/** `#/definitions/X` becomes `spec#/definitions/X`, the schema registered above. */
function rewriteRefs(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value).replace(/"#\/definitions\//g, '"spec#/definitions/')) as Record<string, unknown>;
}

function typeProblems(p: SpecParam, value: string): string[] {
  const values = p.type === 'array' ? value.split(',') : [value];
  const type = p.type === 'array' ? (p.items?.type ?? 'string') : p.type;
  const bad = values.filter(
    (v) =>
      (type === 'integer' && !/^-?\d+$/.test(v)) ||
      (type === 'number' && Number.isNaN(Number(v))) ||
      (type === 'boolean' && !/^(true|false)$/.test(v)),
  );
  return bad.length
    ? [
        `Query parameter ${p.name} must be ${type === 'integer' ? 'an integer' : type === 'number' ? 'a number' : 'true or false'}, got ${JSON.stringify(bad[0])}`,
      ]
    : [];
}
