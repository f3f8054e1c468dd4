/** The subset of OpenAPI 2.0 (Swagger) that the extractor writes and normalises. */

export interface Schema {
  $ref?: string;
  /** `file` only stands in a formData parameter, never in a body or a definition. */
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'file';
  format?: string;
  description?: string;
  enum?: string[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  required?: string[];
  [extension: `x-${string}`]: unknown;
}

export type ParameterLocation = 'path' | 'query' | 'header' | 'formData' | 'body';
export type CollectionFormat = 'csv' | 'ssv' | 'tsv' | 'pipes' | 'multi';

export interface Parameter {
  name: string;
  in: ParameterLocation;
  description?: string;
  required: boolean;
  /** Body parameters only. */
  schema?: Schema;
  /** Non-body parameters only. */
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'file';
  format?: string;
  items?: Schema;
  collectionFormat?: CollectionFormat;
  default?: unknown;
  enum?: unknown[];
  [extension: `x-${string}`]: unknown;
}

export interface Response {
  description: string;
  schema?: Schema;
}

export interface Operation {
  tags: string[];
  summary?: string;
  description?: string;
  operationId: string;
  consumes?: string[];
  produces?: string[];
  parameters: Parameter[];
  responses: Record<string, Response>;
  deprecated?: boolean;
  security?: Record<string, string[]>[];
  [extension: `x-${string}`]: unknown;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItem = Partial<Record<HttpMethod, Operation>> & { parameters?: Parameter[] };

export interface Tag {
  name: string;
  description?: string;
  [extension: `x-${string}`]: unknown;
}

export interface SwaggerDocument {
  swagger: '2.0';
  info: { title: string; version: string; description?: string; [extension: `x-${string}`]: unknown };
  host?: string;
  basePath?: string;
  schemes?: string[];
  consumes?: string[];
  produces?: string[];
  tags?: Tag[];
  paths: Record<string, PathItem>;
  definitions?: Record<string, Schema>;
  securityDefinitions?: Record<string, unknown>;
  [extension: `x-${string}`]: unknown;
}

export function isHttpMethod(key: string): key is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(key);
}
