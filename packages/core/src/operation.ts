/**
 * The entry point of generated API methods: one compact descriptor per operation, one call.
 * Checks the required arguments as the reference's generated code does (same messages), then
 * hands the request to `ApiClient.callApi` with parameters in the specification's order.
 */
import type { ApiClient, RequestOptions } from './ApiClient.js';
import { MissingParameterError } from './errors.js';
import type { HttpMethod } from './transport/types.js';
import type { CollectionFormat } from './wire.js';

export type ParamLocation = 'path' | 'query' | 'header' | 'body' | 'form';

/**
 * One parameter, in the specification's order: `[name, location, wireName?, collectionFormat?, argIndex?]`.
 * `name` is the JavaScript name (the key in `opts`); an empty or missing `wireName` is the same as `name`;
 * `argIndex` marks a required positional argument.
 */
export type ParamSpec = readonly [
  name: string,
  location: ParamLocation,
  wireName?: string,
  collectionFormat?: CollectionFormat | '',
  argIndex?: number,
];

export interface OperationDescriptor {
  /** The method name (`getUser`), used in messages. */
  readonly name: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly params: readonly ParamSpec[];
  readonly consumes?: readonly string[];
  readonly produces?: readonly string[];
  readonly auth?: readonly string[];
}

/** `opts` of a generated method: its optional parameters plus per-request headers. */
export interface OperationOpts {
  customHeaders?: Record<string, string>;
  [name: string]: unknown;
}

const JSON_ONLY = ['application/json'] as const;
const OAUTH = ['PureCloud OAuth'] as const;

/** Sends an operation; rejects with MissingParameterError (and sends nothing) when a required argument is missing. */
export function invoke(
  client: ApiClient,
  op: OperationDescriptor,
  args: readonly unknown[],
  opts: OperationOpts | undefined,
  options?: RequestOptions,
): Promise<unknown> {
  const given = opts ?? {};
  const pathParams: Record<string, unknown> = {};
  const queryParams: Record<string, unknown> = {};
  const headerParams: Record<string, unknown> = {};
  const formParams: Record<string, unknown> = {};
  let body: unknown = null;
  for (const [name, location, wire, format, argIndex] of op.params) {
    let value: unknown;
    if (argIndex !== undefined) {
      value = args[argIndex];
      // The reference accepts '' for a body but not for any other required parameter.
      if (value === undefined || value === null || (location !== 'body' && value === '')) {
        return Promise.reject(new MissingParameterError(name, op.name));
      }
    } else {
      value = given[name];
    }
    if (format) value = client.buildCollectionParam(value, format);
    // An empty wire name means the same as the JavaScript name (keeps descriptors short).
    const key = wire || name;
    if (location === 'path') pathParams[key] = value;
    else if (location === 'query') queryParams[key] = value;
    else if (location === 'header') headerParams[key] = value;
    else if (location === 'form') formParams[key] = value;
    else body = value;
  }
  return client.callApi(
    op.path,
    op.method,
    pathParams,
    queryParams,
    headerParams,
    formParams,
    body,
    op.auth ?? OAUTH,
    op.consumes ?? JSON_ONLY,
    op.produces ?? JSON_ONLY,
    given.customHeaders,
    { operation: op.name, ...options },
  );
}
