/**
 * How the TypeScript type that the generator writes for a schema changed. Types are compared as
 * `typeOf` writes them, so that a change the emitted code does not show (integer to number, a format)
 * is no change; enums are compared as sets of values, so that adding a value is told apart from
 * replacing the type (and a mere reordering is no change).
 */
import { finding, type Finding } from './bump.js';
import type { Schema } from './model.js';
import { isOpenEnum, typeOf } from './types.js';

export type TypeChange =
  | { kind: 'same' }
  /** Enum values (as written in TypeScript, `"a"`) added and removed, in an enum at the same place. */
  | { kind: 'values'; added: string[]; removed: string[] }
  /** A string now an open enum (`"a" | (string & {})`), or back: every string is still accepted. */
  | { kind: 'listed'; values: string[] }
  | { kind: 'unlisted'; values: string[] }
  | { kind: 'retyped'; from: string; to: string };

const SAME: TypeChange = { kind: 'same' };

/** The type as the generator writes it; `absent` when there is no schema (`void` for a response, as the method returns `Promise<void>`). */
export const typeText = (schema: Schema | undefined, absent = 'unknown') => (schema ? typeOf(schema, '') : absent);

/** The values of an enum as typeOf writes them (a $ref wins over an enum there, so here too). */
function enumValues(schema: Schema | undefined): string[] | undefined {
  if (!schema || schema.$ref || !schema.enum || schema.enum.length === 0) return undefined;
  return schema.enum.map((value) => JSON.stringify(value));
}

const isPlain = (schema: Schema | undefined): schema is Schema => Boolean(schema && !schema.$ref && !enumValues(schema));
const isArray = (schema: Schema | undefined): schema is Schema => isPlain(schema) && schema.type === 'array';
/** A map, written `{ [key: string]: T }`. */
const isMap = (schema: Schema | undefined): schema is Schema =>
  isPlain(schema) &&
  (schema.type === 'object' || schema.type === undefined) &&
  !schema.properties &&
  typeof schema.additionalProperties === 'object';

/** Compares two schemas; `absent` is the type written when a schema is missing. */
export function compareTypes(before: Schema | undefined, after: Schema | undefined, absent = 'unknown'): TypeChange {
  const from = typeText(before, absent);
  const to = typeText(after, absent);
  if (from === to) return SAME;
  const a = enumValues(before);
  const b = enumValues(after);
  if (a && b) {
    const added = b.filter((v) => !a.includes(v));
    const removed = a.filter((v) => !b.includes(v));
    return added.length || removed.length ? { kind: 'values', added, removed } : SAME;
  }
  // Open string enums take any string: listing a string's values, or no longer listing them, breaks nothing.
  const plainString = (schema: Schema | undefined) => isPlain(schema) && schema.type === 'string';
  if (plainString(before) && isOpenEnum(after)) return { kind: 'listed', values: b! };
  if (isOpenEnum(before) && plainString(after)) return { kind: 'unlisted', values: a! };
  // An enum inside an array or a map: its values decide, the container is the same.
  const inner =
    isArray(before) && isArray(after)
      ? compareTypes(before.items, after.items)
      : isMap(before) && isMap(after)
        ? compareTypes(before.additionalProperties as Schema, after.additionalProperties as Schema)
        : undefined;
  if (inner && inner.kind !== 'retyped') return inner;
  return { kind: 'retyped', from, to };
}

const MAX_VALUES = 12;
const MAX_TYPE = 120;

/** At most a dozen values, then how many more. */
function valueList(values: string[]): string {
  const shown = values.slice(0, MAX_VALUES).map((v) => `\`${v}\``);
  return values.length > MAX_VALUES ? `${shown.join(', ')} and ${values.length - MAX_VALUES} more` : shown.join(', ');
}

/** A type short enough for a changelog line. */
export const shortType = (type: string) => `\`${type.length > MAX_TYPE ? `${type.slice(0, MAX_TYPE - 1)}…` : type}\``;

/**
 * The findings of a type change of `what` (e.g. "parameter `expand`"): a new type is breaking, and
 * so is a removed enum value (a closed enum no longer compiles it; an open one still does, but the
 * service no longer takes it); values only added widen the type, and a string whose values are now
 * listed (or no longer) accepts what it did: a minor.
 */
export function typeFindings(what: string, change: TypeChange): Finding[] {
  if (change.kind === 'same') return [];
  if (change.kind === 'listed')
    return [finding('minor', `${what}: values now listed (any string still accepted): ${valueList(change.values)}`)];
  if (change.kind === 'unlisted') return [finding('minor', `${what}: values no longer listed (any string accepted)`)];
  if (change.kind === 'retyped')
    return [finding('major', `${what}: type changed from ${shortType(change.from)} to ${shortType(change.to)}`)];
  const parts = [
    ...(change.removed.length ? [`values removed: ${valueList(change.removed)}`] : []),
    ...(change.added.length ? [`values added: ${valueList(change.added)}`] : []),
  ];
  return [finding(change.removed.length ? 'major' : 'minor', `${what}: ${parts.join('; ')}`)];
}
