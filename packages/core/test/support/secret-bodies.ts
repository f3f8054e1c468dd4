/**
 * Sample request bodies, built from the spec, with a unique value planted at every property whose
 * name marks a credential (the rule, written here independently of redact.ts). Only the
 * branches that lead to such a property are built; a planted object or array gets a unique value
 * at each of its leaves, since everything under a secret key is secret.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The rule: a key whose normalised name contains one of these, or is exactly `authorization`. */
const SECRET_PARTS = ['password', 'secret', 'token', 'assertion', 'verifier', 'credential', 'apikey'];

export function isCredentialName(key: string): boolean {
  const normalised = key.toLowerCase().replace(/[-_.\s]/g, '');
  return normalised === 'authorization' || SECRET_PARTS.some((part) => normalised.includes(part));
}

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  allOf?: Schema[];
}

interface Spec {
  paths: Record<string, Record<string, { operationId?: string; parameters?: Array<{ in: string; schema?: Schema }> }>>;
  definitions: Record<string, Schema>;
}

export interface SecretBody {
  /** The body parameter's schema name (`$ref`), or `<operationId> body` for an inline schema. */
  model: string;
  operations: string[];
  sample: unknown;
  /** Every planted value (strings, and numbers as text). */
  planted: string[];
  /** Every secret property reached, as `<declaring model>.<property>`. */
  properties: string[];
  /** Secret-named booleans reached (`enableIdleTokenTimeout`): a flag holds no secret, so it stays visible and nothing is planted. */
  booleans: string[];
}

/** A planted object stops growing here: deep enough to cover nested credentials, bounded in size. */
const MAX_PLANT_DEPTH = 6;

export function loadSpec(): Spec {
  return JSON.parse(readFileSync(join(__dirname, '../../../../spec/platform-api.swagger.json'), 'utf8')) as Spec;
}

/** One entry per distinct request body schema that reaches at least one secret property. */
export function secretBodies(spec: Spec): SecretBody[] {
  const byModel = new Map<string, SecretBody>();
  let counter = 0;
  for (const methods of Object.values(spec.paths)) {
    for (const operation of Object.values(methods)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.in !== 'body' || !parameter.schema) continue;
        const schema = parameter.schema;
        const name = operation.operationId ?? '?';
        const model = schema.$ref ? refName(schema.$ref) : schema.items?.$ref ? `${refName(schema.items.$ref)}[]` : `${name} body`;
        const known = byModel.get(model);
        if (known) {
          known.operations.push(name);
          continue;
        }
        const planted: string[] = [];
        const properties = new Set<string>();
        const booleans = new Set<string>();
        const plantString = () => {
          const value = `PLANTED-${String(++counter).padStart(6, '0')}-x`;
          planted.push(value);
          return value;
        };
        const plantNumber = () => {
          const value = 731_000_000 + ++counter;
          planted.push(String(value));
          return value;
        };

        const resolve = (s: Schema, stack: readonly string[]): { schema: Schema; stack: readonly string[]; owner?: string } | undefined => {
          if (!s.$ref) return { schema: s, stack };
          const def = refName(s.$ref);
          if (stack.includes(def)) return undefined;
          const target = spec.definitions[def];
          return target ? { schema: target, stack: [...stack, def], owner: def } : undefined;
        };
        const propertiesOf = (s: Schema, stack: readonly string[]): Array<[string, Schema, string]> => {
          const own = Object.entries(s.properties ?? {}).map(([k, v]): [string, Schema, string] => [k, v, stack.at(-1) ?? model]);
          for (const part of s.allOf ?? []) {
            const r = resolve(part, stack);
            if (r) own.push(...propertiesOf(r.schema, r.stack));
          }
          return own;
        };

        /** Everything under a secret key: a unique value at each leaf. */
        const plant = (s: Schema, stack: readonly string[], depth: number): unknown => {
          const r = resolve(s, stack);
          if (!r || depth > MAX_PLANT_DEPTH) return plantString();
          const t = r.schema;
          if (t.type === 'integer' || t.type === 'number') return plantNumber();
          if (t.type === 'boolean') return true;
          if (t.type === 'array') return [plant(t.items ?? {}, r.stack, depth + 1)];
          const props = propertiesOf(t, r.stack);
          if (props.length > 0 || typeof t.additionalProperties === 'object') {
            const out: Record<string, unknown> = {};
            for (const [key, prop] of props) out[key] = plant(prop, r.stack, depth + 1);
            if (typeof t.additionalProperties === 'object') out['someKey'] = plant(t.additionalProperties, r.stack, depth + 1);
            return out;
          }
          if (t.type === 'object') return { someKey: plantString() };
          return plantString();
        };

        /** Only the branches that reach a secret property; undefined when none does. */
        const build = (s: Schema, stack: readonly string[]): unknown => {
          const r = resolve(s, stack);
          if (!r) return undefined;
          const t = r.schema;
          if (t.type === 'array' && t.items) {
            const item = build(t.items, r.stack);
            return item === undefined ? undefined : [item];
          }
          const out: Record<string, unknown> = {};
          let reached = false;
          for (const [key, prop, owner] of propertiesOf(t, r.stack)) {
            if (isCredentialName(key)) {
              out[key] = plant(prop, r.stack, 0);
              (out[key] === true ? booleans : properties).add(`${owner}.${key}`);
              reached = true;
            } else {
              const value = build(prop, r.stack);
              if (value !== undefined) {
                out[key] = value;
                reached = true;
              }
            }
          }
          if (typeof t.additionalProperties === 'object') {
            const value = build(t.additionalProperties, r.stack);
            if (value !== undefined) {
              out['someKey'] = value;
              reached = true;
            }
          }
          return reached ? out : undefined;
        };

        const sample = build(schema, []);
        if (sample !== undefined)
          byModel.set(model, { model, operations: [name], sample, planted, properties: [...properties], booleans: [...booleans] });
      }
    }
  }
  return [...byModel.values()];
}

function refName(ref: string): string {
  return ref.replace(/^#\/definitions\//, '');
}
