/** Deterministic responses synthesised from the spec's schemas, with Genesys page envelopes. */
import type { SpecSchema } from './spec.js';

/** mulberry32: a small seeded PRNG, so the same seed gives the same responses. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashSeed(seed: number, text: string): number {
  let h = seed ^ 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

export function uuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const MAX_DEPTH = 3;

export function synthesize(
  schema: SpecSchema | undefined,
  definitions: Record<string, SpecSchema>,
  random: () => number,
  name = '',
  depth = 0,
): unknown {
  if (!schema) return undefined;
  if (schema.$ref) {
    if (depth >= MAX_DEPTH) return undefined;
    return synthesize(definitions[schema.$ref.replace('#/definitions/', '')], definitions, random, name, depth + 1);
  }
  if (schema.enum?.length) return schema.enum[Math.floor(random() * schema.enum.length)];
  switch (schema.type) {
    case 'string': {
      // The declared format first: a `date` is a day, whatever its name says.
      const day = () => new Date(Date.UTC(2024, 0, 1 + Math.floor(random() * 365))).toISOString();
      if (schema.format === 'date') return day().slice(0, 10);
      if (schema.format === 'date-time') return day();
      if (/^id$|Id$/.test(name)) return uuid(random);
      if (/date|time/i.test(name)) return day();
      if (/email/i.test(name)) return `user${Math.floor(random() * 1000)}@example.com`;
      return `${name || 'value'}-${Math.floor(random() * 1000)}`;
    }
    case 'integer':
    case 'number':
      return Math.floor(random() * 100);
    case 'boolean':
      return random() < 0.5;
    case 'array':
      return depth >= MAX_DEPTH
        ? []
        : [0, 1].map(() => synthesize(schema.items, definitions, random, name, depth + 1)).filter((v) => v !== undefined);
    default: {
      if (depth > MAX_DEPTH) return {};
      const result: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(schema.properties ?? {})) {
        const v = synthesize(value, definitions, random, key, depth + 1);
        if (v !== undefined) result[key] = v;
      }
      return result;
    }
  }
}

/** Fills Genesys paging fields of a synthesised list from the request's pageSize/pageNumber. */
export function pageEnvelope(body: unknown, query: URLSearchParams, path: string): unknown {
  if (!body || typeof body !== 'object' || !Array.isArray((body as { entities?: unknown }).entities)) return body;
  const pageSize = Number(query.get('pageSize') ?? 25) || 25;
  const pageNumber = Number(query.get('pageNumber') ?? 1) || 1;
  const entities = (body as { entities: unknown[] }).entities;
  return {
    ...body,
    entities,
    pageSize,
    pageNumber,
    total: entities.length,
    pageCount: 1,
    firstUri: `${path}?pageSize=${pageSize}&pageNumber=1`,
    selfUri: `${path}?pageSize=${pageSize}&pageNumber=${pageNumber}`,
    lastUri: `${path}?pageSize=${pageSize}&pageNumber=1`,
  };
}
