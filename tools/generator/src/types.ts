/** Swagger schemas as TypeScript types. */
import type { Schema } from './model.js';

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A property name as written in a type literal: quoted when it is not an identifier. */
export function propertyName(name: string): string {
  return IDENTIFIER.test(name) ? name : JSON.stringify(name);
}

/** Whether a model is written as an interface of its properties (else as a type alias of `typeOf`). */
export function isInterfaceModel(schema: Schema): boolean {
  return Boolean(schema.properties || (schema.type === 'object' && !schema.additionalProperties));
}

/**
 * An enum's values as a union. String enums stay open (`| (string & {})`): editors offer the known
 * values, and a value Genesys adds after this release still compiles; other enums are closed.
 */
export function enumType(values: readonly unknown[]): string {
  const union = values.map((v) => JSON.stringify(v)).join(' | ');
  return values.every((v) => typeof v === 'string') ? `${union} | (string & {})` : union;
}

/** Whether typeOf writes the schema as an open string union (a string enum not behind a $ref). */
export function isOpenEnum(schema: Schema | undefined): boolean {
  return Boolean(schema && !schema.$ref && schema.enum?.length && schema.enum.every((v) => typeof v === 'string'));
}

/**
 * The TypeScript type of a schema. `modelPrefix` qualifies model names (`Models.` in API classes,
 * '' inside models.ts). Maps are written as index signatures, never `Record`, because the API defines
 * a model named `Record`.
 */
export function typeOf(schema: Schema | undefined, modelPrefix: string): string {
  if (!schema) return 'unknown';
  if (schema.$ref) return modelPrefix + schema.$ref.replace('#/definitions/', '');
  if (schema.enum && schema.enum.length > 0) return enumType(schema.enum);
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'file':
      return 'Blob | Uint8Array';
    case 'array': {
      const item = typeOf(schema.items, modelPrefix);
      return /^[\w.[\]]+$/.test(item) ? `${item}[]` : `Array<${item}>`;
    }
    case 'object':
    case undefined: {
      if (schema.properties)
        return `{ ${Object.entries(schema.properties)
          .map(([k, v]) => `${propertyName(k)}${schema.required?.includes(k) ? '' : '?'}: ${typeOf(v, modelPrefix)}`)
          .join('; ')} }`;
      const values = schema.additionalProperties;
      if (values && typeof values === 'object') return `{ [key: string]: ${typeOf(values, modelPrefix)} }`;
      return '{ [key: string]: unknown }';
    }
    default:
      return 'unknown';
  }
}
