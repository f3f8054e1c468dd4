/** The spec, read into what the emitters need: one group of operations per tag, and the models each group reaches. */
import { classNameFromTag, jsParameterName, kebabFromTag, collectRefs } from '@gcsdk/spec-extract';
import type { SwaggerDocument as Swagger } from '@gcsdk/spec-extract';

export type Schema = {
  $ref?: string;
  type?: string;
  items?: Schema;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: Schema | boolean;
  description?: string;
  /** `date`, `date-time`, `int32`…: only the date formats change what the generator writes (TSDoc, samples). */
  format?: string;
};

/** Genesys's `x-inin-requires-permissions` on an operation: any one of the permissions, or all of them. */
export interface Permissions {
  type: string;
  permissions: string[];
}

export interface Param {
  /** The name in the request (path placeholder, query key, header name). */
  wire: string;
  /** The JavaScript name: the positional argument or the `opts` key. */
  js: string;
  in: 'path' | 'query' | 'header' | 'body' | 'formData';
  required: boolean;
  description: string | undefined;
  schema: Schema;
  collectionFormat: string | undefined;
  default: unknown;
}

export interface Operation {
  id: string;
  method: string;
  path: string;
  summary: string | undefined;
  description: string | undefined;
  deprecated: boolean;
  preview: boolean;
  params: Param[];
  consumes: string[];
  produces: string[];
  auth: string[];
  response: Schema | undefined;
  /** Absent when the spec records none for the operation. */
  permissions: Permissions | undefined;
}

export interface TagGroup {
  tag: string;
  className: string;
  /** Folder and package suffix: `users` for `@gcsdk/api-users`. */
  slug: string;
  operations: Operation[];
  /** Definitions reached from the operations, transitively, sorted. */
  models: string[];
}

interface RawParam {
  name: string;
  in: Param['in'];
  required?: boolean;
  description?: string;
  type?: string;
  format?: string;
  items?: Schema;
  enum?: unknown[];
  schema?: Schema;
  collectionFormat?: string;
  default?: unknown;
}

interface RawOperation {
  tags?: string[];
  operationId: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  'x-genesys-preview'?: boolean;
  consumes?: string[];
  produces?: string[];
  parameters?: RawParam[];
  responses?: Record<string, { schema?: Schema }>;
  security?: Record<string, unknown>[];
  'x-inin-requires-permissions'?: { type?: unknown; permissions?: unknown };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/**
 * The per-call options every generated method's `opts` carries beside the optional parameters
 * (`OperationOpts` in @gcsdk/core). A spec parameter with one of these JavaScript names would be
 * indistinguishable from the option, so the generator refuses it rather than guess.
 */
export const RESERVED_OPTION_NAMES: readonly string[] = ['customHeaders', 'signal', 'timeout'];

function checkReservedNames(operationId: string, params: Param[]): void {
  for (const p of params) {
    if (RESERVED_OPTION_NAMES.includes(p.js))
      throw new Error(
        `Operation ${operationId}: the ${p.in} parameter "${p.wire}" would be named "${p.js}", which is reserved for the per-call options (${RESERVED_OPTION_NAMES.join(', ')}); the generator needs another JavaScript name for it`,
      );
  }
}

function toParam(raw: RawParam): Param {
  const schema: Schema =
    raw.in === 'body'
      ? (raw.schema ?? {})
      : {
          type: raw.type ?? 'string',
          ...(raw.format ? { format: raw.format } : {}),
          ...(raw.items ? { items: raw.items } : {}),
          ...(raw.enum ? { enum: raw.enum } : {}),
        };
  return {
    wire: raw.name,
    js: jsParameterName(raw.name),
    in: raw.in,
    required: raw.required === true,
    description: raw.description,
    schema,
    collectionFormat: raw.collectionFormat,
    default: raw.default,
  };
}

/** The operation's recorded permissions, or undefined when it records none (or something unreadable). */
function permissionsOf(raw: RawOperation): Permissions | undefined {
  const recorded = raw['x-inin-requires-permissions'];
  if (!recorded || typeof recorded.type !== 'string') return undefined;
  const list = Array.isArray(recorded.permissions) ? recorded.permissions.filter((p): p is string => typeof p === 'string') : [];
  return { type: recorded.type, permissions: list };
}

function toOperation(path: string, method: string, raw: RawOperation, spec: Swagger): Operation {
  const params = (raw.parameters ?? []).map(toParam);
  checkReservedNames(raw.operationId, params);
  return {
    id: raw.operationId,
    method: method.toUpperCase(),
    path,
    summary: raw.summary,
    description: raw.description,
    deprecated: raw.deprecated === true,
    preview: raw['x-genesys-preview'] === true,
    params,
    consumes: raw.consumes ?? (spec.consumes as string[] | undefined) ?? ['application/json'],
    produces: raw.produces ?? (spec.produces as string[] | undefined) ?? ['application/json'],
    auth: (raw.security ?? []).flatMap((s) => Object.keys(s)),
    response: raw.responses?.['200']?.schema ?? raw.responses?.['201']?.schema,
    permissions: permissionsOf(raw),
  };
}

/** Groups the spec's operations by tag, in the spec's tag order, and finds each group's models. */
export function groupByTag(spec: Swagger): TagGroup[] {
  const groups = new Map<string, TagGroup>();
  for (const tag of (spec.tags ?? []) as { name: string }[]) {
    groups.set(tag.name, {
      tag: tag.name,
      className: classNameFromTag(tag.name),
      slug: kebabFromTag(tag.name),
      operations: [],
      models: [],
    });
  }
  const paths = spec.paths as unknown as Record<string, Record<string, RawOperation>>;
  for (const path of Object.keys(paths)) {
    for (const method of METHODS) {
      const raw = paths[path]![method];
      if (!raw) continue;
      for (const tag of raw.tags ?? []) {
        const group = groups.get(tag);
        if (!group) throw new Error(`Operation ${raw.operationId} names the tag "${tag}", which the spec does not declare`);
        group.operations.push(toOperation(path, method, raw, spec));
      }
    }
  }
  const definitions = (spec.definitions ?? {}) as unknown as Record<string, Schema>;
  for (const group of groups.values()) {
    group.operations.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    group.models = reachable(group.operations, definitions);
  }
  return [...groups.values()];
}

function reachable(operations: Operation[], definitions: Record<string, Schema>): string[] {
  const seen = new Set<string>();
  const queue: string[] = [];
  const visit = (value: unknown) => {
    for (const ref of collectRefs(value)) {
      const name = ref.replace('#/definitions/', '');
      if (!seen.has(name)) {
        if (!definitions[name]) throw new Error(`Unresolved $ref ${ref}`);
        seen.add(name);
        queue.push(name);
      }
    }
  };
  for (const op of operations) {
    for (const p of op.params) visit(p.schema);
    visit(op.response);
  }
  while (queue.length > 0) visit(definitions[queue.pop()!]);
  return [...seen].sort();
}
