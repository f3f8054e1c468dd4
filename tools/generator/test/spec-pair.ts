/** A small spec to diff against variants of itself: three tags, a body model, an output model, a model no operation uses. */
import type { SwaggerDocument } from '@gcsdk/spec-extract';
import type { Schema } from '../src/model.js';

export interface RawParam {
  name: string;
  in: string;
  required?: boolean;
  type?: string;
  items?: Schema;
  enum?: unknown[];
  schema?: Schema;
  collectionFormat?: string;
  description?: string;
  default?: unknown;
}

export interface RawOperation {
  tags: string[];
  operationId: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  'x-genesys-preview'?: boolean;
  consumes?: string[];
  produces?: string[];
  parameters: RawParam[];
  responses: Record<string, { schema?: Schema }>;
  security: Record<string, string[]>[];
}

export interface Spec {
  swagger: '2.0';
  info: { title: string; version: string; 'x-source'?: { package: string; version: string } };
  consumes: string[];
  produces: string[];
  tags: { name: string }[];
  paths: Record<string, Record<string, RawOperation>>;
  definitions: Record<string, Schema>;
}

export const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });
export const pathParam = (name: string): RawParam => ({ name, in: 'path', required: true, type: 'string' });
export const bodyParam = (model: string): RawParam => ({ name: 'body', in: 'body', required: true, schema: ref(model) });

export function operation(tag: string, operationId: string, parameters: RawParam[], response?: Schema): RawOperation {
  return {
    tags: [tag],
    operationId,
    summary: `${operationId} summary`,
    parameters,
    responses: response ? { '200': { schema: response } } : {},
    security: [{ 'PureCloud OAuth': [] }],
  };
}

export function baseSpec(version = '1.0.0'): Spec {
  return {
    swagger: '2.0',
    info: { title: 'pair', version: 'v2', 'x-source': { package: 'purecloud-platform-client-v2', version } },
    consumes: ['application/json'],
    produces: ['application/json'],
    tags: [{ name: 'Users' }, { name: 'Groups' }, { name: 'Stations' }],
    paths: {
      '/api/v2/users': {
        get: operation(
          'Users',
          'getUsers',
          [{ name: 'pageSize', in: 'query', type: 'integer', description: 'Page size' }],
          ref('UserListing'),
        ),
      },
      '/api/v2/users/{userId}': {
        get: operation(
          'Users',
          'getUser',
          [
            pathParam('userId'),
            { name: 'expand', in: 'query', type: 'array', items: { type: 'string' }, collectionFormat: 'multi' },
            { name: 'state', in: 'query', type: 'string', enum: ['active', 'inactive'] },
          ],
          ref('User'),
        ),
        patch: operation('Users', 'patchUser', [pathParam('userId'), bodyParam('UserPatch')], ref('User')),
      },
      '/api/v2/groups': { get: operation('Groups', 'getGroups', [], ref('GroupListing')) },
      '/api/v2/groups/{groupId}': { get: operation('Groups', 'getGroup', [pathParam('groupId')], ref('Group')) },
      '/api/v2/stations': { get: operation('Stations', 'getStations', [], ref('StationListing')) },
    },
    definitions: {
      User: {
        type: 'object',
        required: ['id'],
        properties: {
          id: { type: 'string' },
          name: { type: 'string', description: 'The name' },
          state: { type: 'string', enum: ['active', 'inactive'] },
        },
      },
      UserPatch: { type: 'object', properties: { name: { type: 'string' } } },
      UserListing: { type: 'object', properties: { entities: { type: 'array', items: ref('User') } } },
      Group: { type: 'object', properties: { id: { type: 'string' } } },
      GroupListing: { type: 'object', properties: { entities: { type: 'array', items: ref('Group') } } },
      StationListing: { type: 'object', properties: { entities: { type: 'array', items: { type: 'string' } } } },
      Orphan: { type: 'object', properties: { id: { type: 'string' } } },
    },
  };
}

/** The base spec (at another reference version) changed by `edit`. */
export function variant(edit: (spec: Spec) => void, version = '2.0.0'): Spec {
  const spec = baseSpec(version);
  edit(spec);
  return spec;
}

export const asSwagger = (spec: Spec) => spec as unknown as SwaggerDocument;

/** An operation of the spec, to edit. */
export function op(spec: Spec, path: string, method: string): RawOperation {
  const found = spec.paths[path]?.[method];
  if (!found) throw new Error(`no ${method} ${path}`);
  return found;
}

export function param(spec: Spec, path: string, method: string, name: string): RawParam {
  const found = op(spec, path, method).parameters.find((p) => p.name === name);
  if (!found) throw new Error(`no parameter ${name}`);
  return found;
}

export function definition(spec: Spec, name: string): Schema & { properties: Record<string, Schema> } {
  const found = spec.definitions[name];
  if (!found?.properties) throw new Error(`no model ${name} with properties`);
  return found as Schema & { properties: Record<string, Schema> };
}
