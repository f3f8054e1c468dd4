/** Reads `spec/enrichment.json` and checks its shape, naming the first thing that is wrong. */
import { readFileSync } from 'node:fs';
import type { EnrichmentDocument } from './types';

const KINDS = new Set(['integer', 'number', 'date', 'date-time']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string');
}

function check(condition: boolean, origin: string, what: string): void {
  if (!condition) throw new Error(`${origin}: ${what}`);
}

export function assertEnrichment(value: unknown, origin: string): asserts value is EnrichmentDocument {
  check(isRecord(value), origin, 'is not a JSON object');
  const doc = value as Record<string, unknown>;
  check(Array.isArray(doc.sources), origin, '"sources" is not a list');
  (doc.sources as unknown[]).forEach((source, i) => {
    check(isRecord(source), origin, `sources[${i}] is not an object`);
    for (const key of ['repository', 'commit', 'release', 'license', 'what']) {
      check(typeof (source as Record<string, unknown>)[key] === 'string', origin, `sources[${i}].${key} is not a string`);
    }
  });
  check(isRecord(doc.operations), origin, '"operations" is not an object');
  for (const [id, op] of Object.entries(doc.operations as Record<string, unknown>)) {
    check(isRecord(op), origin, `operations.${id} is not an object`);
    const { permissions, params } = op as Record<string, unknown>;
    if (permissions !== undefined) {
      const p = permissions as Record<string, unknown>;
      check(
        isRecord(p) && (p.type === 'ANY' || p.type === 'ALL') && isStringList(p.list),
        origin,
        `operations.${id}.permissions is not { type: ANY|ALL, list: [...] }`,
      );
    }
    if (params !== undefined) {
      check(isRecord(params), origin, `operations.${id}.params is not an object`);
      for (const [name, param] of Object.entries(params as Record<string, unknown>)) {
        check(isRecord(param) && isStringList(param.enum), origin, `operations.${id}.params.${name}.enum is not a list of strings`);
        check(
          (param as Record<string, unknown>).array === undefined || (param as Record<string, unknown>).array === true,
          origin,
          `operations.${id}.params.${name}.array is not true`,
        );
      }
    }
  }
  check(isRecord(doc.models), origin, '"models" is not an object');
  for (const [name, model] of Object.entries(doc.models as Record<string, unknown>)) {
    check(isRecord(model) && isRecord(model.properties), origin, `models.${name}.properties is not an object`);
    const m = model as Record<string, unknown>;
    check(m.description === undefined || typeof m.description === 'string', origin, `models.${name}.description is not a string`);
    for (const [wire, prop] of Object.entries(m.properties as Record<string, unknown>)) {
      const at = `models.${name}.properties.${wire}`;
      check(isRecord(prop), origin, `${at} is not an object`);
      const p = prop as Record<string, unknown>;
      check(p.kind === undefined || KINDS.has(p.kind as string), origin, `${at}.kind is not one of ${[...KINDS].join(', ')}`);
      check(p.container === undefined || p.container === 'array' || p.container === 'map', origin, `${at}.container is not array or map`);
      check(p.description === undefined || typeof p.description === 'string', origin, `${at}.description is not a string`);
      check(p.enum === undefined || isStringList(p.enum), origin, `${at}.enum is not a list of strings`);
    }
  }
}

export function readEnrichment(path: string): EnrichmentDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the enrichment ${path}: ${(error as Error).message}`, { cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`the enrichment ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  assertEnrichment(value, path);
  return value;
}
