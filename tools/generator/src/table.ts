/**
 * The operations of an API class as the core's operation table (packages/core/src/operation-table.ts
 * describes the format): descriptors built from the spec, written as text, and read back with the
 * core's own parser, which must give every descriptor back exactly.
 */
import { isDeepStrictEqual } from 'node:util';
import type { OperationDescriptor } from '../../../packages/core/src/operation.js';
import {
  idAfter,
  LOCATIONS,
  METHODS,
  operationName,
  paramSpec,
  parseOperationTable,
  PREFIX,
  tableSegments,
} from '../../../packages/core/src/operation-table.js';
import type { Operation } from './model.js';

const invert = <T extends string>(map: Record<string, T>) => Object.fromEntries(Object.entries(map).map(([mark, value]) => [value, mark]));
const METHOD_LETTERS = invert(METHODS);
const LOCATION_MARKS = invert(LOCATIONS);

/** Everything the core needs to send an operation; media types and auth only when they are not the defaults. */
export function descriptorOf(op: Operation): OperationDescriptor {
  let arg = 0;
  const descriptor: { -readonly [K in keyof OperationDescriptor]: OperationDescriptor[K] } = {
    name: op.id,
    method: op.method as OperationDescriptor['method'],
    path: op.path,
    params: op.params.map((p) =>
      paramSpec(
        p.js,
        p.in === 'formData' ? 'form' : p.in,
        p.wire === p.js ? '' : p.wire,
        p.collectionFormat ?? '',
        p.required ? arg++ : undefined,
      ),
    ),
  };
  const only = (list: string[], value: string) => list.length === 1 && list[0] === value;
  if (!only(op.consumes, 'application/json')) descriptor.consumes = op.consumes;
  if (!only(op.produces, 'application/json')) descriptor.produces = op.produces;
  if (!only(op.auth, 'PureCloud OAuth')) descriptor.auth = op.auth;
  return descriptor;
}

/** A field with the table's separators (and what a template literal would read) as `%XX`. */
const escape = (text: string) =>
  text.replace(/[%\s=*!,@`\\$]/g, (c) =>
    c.charCodeAt(0) < 0x80 ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c),
  );
const mediaTypes = (list: readonly string[]) =>
  list.map((type) => escape(type.startsWith('application/') && !type.slice(12).includes('/') ? type.slice(12) : type)).join(',');

/** Whether the line leaves out the path parameters: they are the path's {names}, first, in order, required, plain. */
function pathParamsImplied(d: OperationDescriptor): boolean {
  const names = [...d.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  return (
    d.params.filter((p) => p[1] === 'path').length === names.length &&
    names.every((name, i) => isDeepStrictEqual(d.params[i], [name, 'path', '', '', i]))
  );
}

/**
 * A line's `<shared><path>`: the segments it shares with the line above (`previous`, as the reader has
 * it) counted, the rest written, a parameter named after the segment before it as `{}`.
 */
export function pathHead(path: string, previous: readonly string[]): string {
  const segments = escape(path.startsWith(PREFIX) ? path.slice(PREFIX.length) : path).split('/');
  let shared = 0;
  while (shared < Math.min(35, segments.length, previous.length) && segments[shared] === previous[shared]) shared++;
  const rest = () =>
    segments
      .slice(shared)
      .map((segment, i) => (shared + i > 0 && segment === idAfter(segments[shared + i - 1]!) ? '{}' : segment))
      .join('/');
  // Nothing after the count means no more segments (not one empty segment).
  while (shared > 0 && shared < segments.length && rest() === '') shared--;
  return shared.toString(36) + rest();
}

/** One line of the table, after the line whose path segments are `previous`. */
export function tableLine(d: OperationDescriptor, previous: readonly string[]): string {
  const letter = METHOD_LETTERS[d.method];
  if (!letter) throw new Error(`Operation ${d.name}: no table letter for the HTTP method ${d.method}`);
  const fields = [letter + pathHead(d.path, previous)];
  if (operationName(d.method, d.path) !== d.name) fields.push(`@${escape(d.name)}`);
  const implied = pathParamsImplied(d);
  for (const [name, location, wire, format, argIndex] of d.params) {
    if (implied && location === 'path') continue;
    fields.push(
      LOCATION_MARKS[location] +
        (location === 'body' && name === 'body' ? '' : escape(name)) +
        (wire ? `=${escape(wire)}` : '') +
        (format ? `*${format === 'multi' ? '' : escape(format)}` : '') +
        (argIndex === undefined ? '' : '!'),
    );
  }
  if (d.consumes) fields.push(`<${mediaTypes(d.consumes)}`);
  if (d.produces) fields.push(`>${mediaTypes(d.produces)}`);
  if (d.auth) fields.push(`~${d.auth.map(escape).join(',')}`);
  return fields.join(' ');
}

/**
 * The table of a class's operations, one line each, sorted by path then method (neighbours share text,
 * which gzip likes). Throws unless the core's parser reads every descriptor back exactly.
 */
export function operationTable(className: string, descriptors: readonly OperationDescriptor[]): string {
  const key = (d: OperationDescriptor) => `${d.path} ${d.method}`;
  const sorted = [...descriptors].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  let previous: string[] = [];
  const lines = sorted.map((d) => {
    const line = tableLine(d, previous);
    previous = tableSegments(line.split(' ')[0]!.slice(1), previous);
    return line;
  });
  const table = lines.join('\n');
  let parsed: OperationDescriptor[];
  try {
    parsed = parseOperationTable(table);
  } catch (error) {
    throw new Error(`${className}: ${(error as Error).message}`, { cause: error });
  }
  if (parsed.length !== sorted.length)
    throw new Error(`${className}: the operation table has ${parsed.length} lines for ${sorted.length} operations`);
  sorted.forEach((expected, i) => {
    if (!isDeepStrictEqual(parsed[i], expected))
      throw new Error(
        `${className}: the operation table does not give back ${expected.name}: line ${i + 1} "${lines[i]}" reads as ${JSON.stringify(parsed[i])}, expected ${JSON.stringify(expected)}`,
      );
  });
  return table;
}
