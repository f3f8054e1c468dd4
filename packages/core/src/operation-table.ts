/**
 * The operations of a generated API class, as a compact text table, and the methods built from it.
 *
 * One line per operation, sorted by path, fields separated by one space:
 *
 *     <method><shared><path> [token…]
 *
 * - `<method>`: one letter, `G` GET, `P` POST, `U` PUT, `D` DELETE, `A` PATCH, `H` HEAD, `O` OPTIONS;
 * - `<shared>`: one base-36 digit, how many leading `/` segments the path shares with the line above;
 * - `<path>`: the rest of the path (nothing when it is the line above's), all of it without `/api/v2/`
 *   (a path that does not start so is written from its `/`); a segment `{}` is the parameter named after
 *   the segment before it, singular, plus `Id` (`queues/{}` is `queues/{queueId}`);
 * - `@name`: the method name, only when it is not `operationName(method, path)`;
 * - a parameter, in the specification's order: `<location><name>[=<wire name>][*[<collection format>]][!]`,
 *   location `:` path, `?` query, `^` header, `#` body, `&` form; `*` alone is `multi`; `!` marks a required
 *   argument (they are positional in the order written); a body's name is left out when it is `body`;
 * - path parameters are left out when they are the path's `{names}`, in order, first, required and
 *   without wire name or format: a line without a `:` parameter has exactly those;
 * - `<` consumes, `>` produces: media types separated by `,` (`application/` left out); `~` auth names.
 *   Without them: `application/json` and `PureCloud OAuth`.
 *
 * Any field may hold `%XX` escapes (a space, `%`, or one of `=*!,@` in a name). tools/generator writes
 * the tables, and checks for every operation that `parseOperationTable` gives back its descriptor.
 */
import type { ApiClient } from './ApiClient.js';
import { invoke, type OperationDescriptor, type OperationOpts, type ParamLocation, type ParamSpec } from './operation.js';
import type { HttpMethod } from './transport/types.js';

/** The letters of the HTTP methods, the marks of the parameter locations, the path prefix left out (tools/generator reads these). */
export const METHODS: Record<string, HttpMethod> = { G: 'GET', P: 'POST', U: 'PUT', D: 'DELETE', A: 'PATCH', H: 'HEAD', O: 'OPTIONS' };
export const LOCATIONS: Record<string, ParamLocation> = { ':': 'path', '?': 'query', '^': 'header', '#': 'body', '&': 'form' };
export const PREFIX = '/api/v2/';
// A field: no space or separator, `%` only in an escape. A line: method letter, shared-segment count, the rest
// of the path, then tokens (a parameter other than a body has a name; a name or media type is not empty).
const F = '[^ %=*!,@]*(?:%[0-9A-Fa-f]{2}[^ %=*!,@]*)*';
const PARAM = `(#|[:?^&](?![ =*!]|$))(${F})(?:=(${F}))?(?:(\\*)(${F}))?(!?)`;
const TOKEN = `@(?=[^ ])${F}|[<>~](?:(?=[^ ,])${F}(?:,(?=[^ ,])${F})*)?|${PARAM.replace(/\((?!\?)/g, '(?:')}`;
const LINE = new RegExp(`^([GPUDAHO])([0-9a-z])(${F})((?: (?:${TOKEN}))*)$`);
const PARAM_TOKEN = new RegExp(`^${PARAM}$`);
const decode = (field: string) => (field.includes('%') ? decodeURIComponent(field) : field);

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
/** `queries` → `query`, `addresses` → `address`, `statuses` → `status`, `queues` → `queue` (`status` stays). */
const singular = (text: string) =>
  text.replace(/(?:ies|(ss|x|ch|sh|us)es|([^su])s)$/, (_, kept?: string, before?: string) => kept ?? before ?? 'y');
/** A path segment camel-cased: `routing-skills` is `routingSkills`. */
const word = (segment: string) => segment.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''));

/**
 * The method name an operation most likely has (and the table leaves out): the HTTP method, then each
 * literal path segment camel-cased, a plural segment before a `{parameter}` singular and the parameter
 * left out, any other `{parameter}` kept as a word. `GET /api/v2/users/{userId}/queues` is `getUserQueues`,
 * `GET /api/v2/flows/{flowId}/history/{historyId}` is `getFlowHistoryHistoryId`.
 */
export function operationName(method: string, path: string): string {
  const segments = (path.startsWith(PREFIX) ? path.slice(PREFIX.length) : path).split('/');
  let name = method.toLowerCase();
  let keep = true;
  segments.forEach((segment, i) => {
    if (segment[0] === '{') {
      if (keep) name += capital(segment.slice(1, -1));
      keep = true;
      return;
    }
    let literal = word(segment);
    if (segments[i + 1]?.[0] === '{') {
      const one = singular(literal);
      keep = one === literal;
      literal = one;
    }
    name += capital(literal);
  });
  return name;
}

/** The parameter segment `{}` stands for after `segment`: `{queueId}` after `queues`. */
export const idAfter = (segment: string) => `{${singular(word(segment))}Id}`;

/** The path segments of a line's `<shared><path>`, `{}` spelt out, given the segments of the line above. */
export function tableSegments(head: string, previous: readonly string[]): string[] {
  const shared = parseInt(head[0]!, 36);
  if (!(shared <= previous.length)) throw new Error(`the line above has no ${head[0]} path segments to share`);
  const segments = previous.slice(0, shared).concat(head.length > 1 ? head.slice(1).split('/') : []);
  segments.forEach((segment, i) => {
    if (segment === '{}' && i > 0) segments[i] = idAfter(segments[i - 1]!);
  });
  return segments;
}

/** A parameter tuple without its trailing empty fields (an empty wire name is the name). */
export function paramSpec(name: string, location: ParamLocation, wire: string, format: string, argIndex: number | undefined): ParamSpec {
  const spec: unknown[] = [name, location, wire, format, argIndex];
  while (spec.length > 2 && (spec[spec.length - 1] === '' || spec[spec.length - 1] === undefined)) spec.pop();
  return spec as unknown as ParamSpec;
}

/** The descriptor of a line whose method and path are read, from its (checked) tokens. */
function descriptorOf(name: string, method: HttpMethod, path: string, tokens: readonly string[]): OperationDescriptor {
  const op: { -readonly [K in keyof OperationDescriptor]: OperationDescriptor[K] } = { name, method, path, params: [] };
  const list = (value: string) => (value ? value.split(',').map(decode) : []);
  const media = (value: string) => list(value).map((type) => (type.includes('/') ? type : `application/${type}`));
  // Without a `:` parameter, the path's {names} are the first parameters.
  const implicit = tokens.some((token) => token[0] === ':') ? [] : (path.match(/\{[^}]*\}/g) ?? []);
  const params = implicit.map((braced, i) => paramSpec(braced.slice(1, -1), 'path', '', '', i));
  let argIndex = params.length;
  for (const token of tokens) {
    const [, mark, rawName = '', wire = '', star, format = '', required] = PARAM_TOKEN.exec(token) ?? [];
    const value = token.slice(1);
    if (mark) {
      const location = LOCATIONS[mark]!;
      const param = decode(rawName) || 'body';
      const collectionFormat = star ? decode(format) || 'multi' : '';
      params.push(paramSpec(param, location, decode(wire), collectionFormat, required ? argIndex++ : undefined));
    } else if (token[0] === '<' && !op.consumes) op.consumes = media(value);
    else if (token[0] === '>' && !op.produces) op.produces = media(value);
    else if (token[0] === '~' && !op.auth) op.auth = list(value);
    else if (token[0] !== '@') throw new Error(`"${token[0]}" twice`);
  }
  op.params = params;
  return op;
}

/** How often `part` occurs in `text`. */
function count(text: string, part: string): number {
  let n = 0;
  for (let i = text.indexOf(part); i !== -1; i = text.indexOf(part, i + 1)) n++;
  return n;
}

/** A table line as far as defining its method needs: name, argument count (before `opts`); then what it reads from. */
type LineVisitor = (name: string, required: number, method: HttpMethod, path: string, tokens: string) => void;

/**
 * Reads each line as far as naming its method and counting its positional arguments, checking all of it,
 * and hands that to `visit`; an Error from either names the line.
 */
function readTable(table: string, visit: LineVisitor): void {
  let previous: string[] = [];
  table.split('\n').forEach((line, i) => {
    try {
      const m = LINE.exec(line);
      if (!m) {
        const bad = line.split(' ').find((field, j) => !new RegExp(j ? `^(?:${TOKEN})$` : `^[GPUDAHO][0-9a-z]${F}$`).test(field));
        throw new Error(`cannot read "${bad ?? line}"`);
      }
      const [, letter = '', shared = '', rest = '', tokens = ''] = m;
      const method = METHODS[letter]!;
      previous = tableSegments(shared + rest, previous);
      let path = decode(previous.join('/'));
      if (path[0] !== '/') path = PREFIX + path;
      const at = tokens.indexOf(' @');
      if (count(tokens, ' @') > 1) throw new Error('two @names');
      const name = at === -1 ? operationName(method, path) : decode(tokens.slice(at + 2).split(' ', 1)[0]!);
      // `!` is only ever a required parameter's mark (escaped anywhere else).
      visit(name, (tokens.includes(' :') ? 0 : count(path, '{')) + count(tokens, '!'), method, path, tokens);
    } catch (error) {
      throw new Error(`Operation table line ${i + 1} "${line}": ${(error as Error).message}`, { cause: error });
    }
  });
}

/** The descriptors of a table; throws an Error naming the line it cannot read. */
export function parseOperationTable(table: string): OperationDescriptor[] {
  const descriptors: OperationDescriptor[] = [];
  readTable(table, (name, required, method, path, tokens) => {
    const descriptor = descriptorOf(name, method, path, tokens ? tokens.slice(1).split(' ') : []);
    if (descriptor.params.filter((spec) => spec[4] !== undefined).length !== required) throw new Error('its path has unbalanced braces');
    descriptors.push(descriptor);
  });
  return descriptors;
}

/**
 * Defines on `apiClass.prototype` one method per operation of the table, as a class's methods are
 * (named, non-enumerable, not constructors): it hands its required arguments (positional) and `opts` to
 * `invoke` with `this.apiClient`. A garbled line throws here, naming it. Loading a package only names the
 * methods (the umbrella's 3,468 in some 50 ms); the first call of one reads its table's descriptors.
 */
export function defineOperations(apiClass: { prototype: object }, table: string): void {
  const prototype = apiClass.prototype as Record<string, unknown>;
  let descriptors: OperationDescriptor[] | undefined;
  // Adding methods one by one to a prototype costs V8 a new hidden class each (most of the time here); in
  // dictionary mode, as V8 keeps a class's prototype with many methods, each is a table insert.
  prototype['\0'] = 0;
  delete prototype['\0'];
  let index = 0;
  readTable(table, (name, required) => {
    if (Object.prototype.hasOwnProperty.call(prototype, name)) throw new Error(`${name} is defined twice`);
    const line = index++;
    const method = {
      [name](this: { apiClient: ApiClient }, ...args: unknown[]) {
        descriptors ??= parseOperationTable(table);
        return invoke(this.apiClient, descriptors[line]!, args.slice(0, required), args[required] as OperationOpts | undefined);
      },
    }[name];
    Object.defineProperty(prototype, name, { value: method, writable: true, configurable: true });
  });
}
