/**
 * The entry point of generated API methods: one compact descriptor per operation, one call.
 * Checks the required arguments as the reference's generated code does (same messages), then
 * hands the request to `ApiClient.callApi` with parameters in the specification's order.
 *
 * Empty strings, as the reference treats them: a required query, header, form or body argument
 * may be `''` (a query one goes on the wire as `name=`, a multi one and a body are left out, as
 * the reference's request has them). A required path argument may not: `''` is a
 * MissingParameterError (the reference's own check, and for the few integer path parameters it
 * does not check, its request would go to the parent path); `.` and `..` (which every URL parser
 * resolves into another path) are refused by `buildUrl` with an InvalidRequestError. Nothing is
 * sent in either case.
 */
import type { ApiClient, RequestOptions } from './ApiClient.js';
import { GcsdkError, MissingParameterError } from './errors.js';
import { invalidRequest } from './pipeline/failures.js';
import { checkCallOptions } from './pipeline/options.js';
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

/**
 * `opts` of a generated method: its optional parameters plus the reserved per-call options
 * (no spec parameter may take these names: tools/generator refuses one that does).
 */
export interface OperationOpts {
  /** Per-request headers, over the default headers and header parameters. */
  customHeaders?: Record<string, string>;
  /** Aborts the call: before it is sent, while it is in flight, and during a wait before a retry. */
  signal?: AbortSignal;
  /** Milliseconds for each attempt (default: the client's `timeout`); 0 for none. */
  timeout?: number;
  [name: string]: unknown;
}

const JSON_ONLY = ['application/json'] as const;
const OAUTH = ['PureCloud OAuth'] as const;

/**
 * Sends an operation; rejects with MissingParameterError (and sends nothing) when a required argument
 * is missing, with InvalidRequestError when `signal` or `timeout` is not one.
 */
export function invoke(
  client: ApiClient,
  op: OperationDescriptor,
  args: readonly unknown[],
  opts: OperationOpts | undefined,
  options?: RequestOptions,
): Promise<unknown> {
  try {
    const given: OperationOpts = opts ?? {};
    const { signal, timeout } = checkCallOptions(given, op.name);
    const pathParams: Record<string, unknown> = {};
    const queryParams: Record<string, unknown> = {};
    const headerParams: Record<string, unknown> = {};
    const formParams: Record<string, unknown> = {};
    let body: unknown = null;
    for (const [name, location, wire, format, argIndex] of op.params) {
      let value: unknown;
      if (argIndex !== undefined) {
        value = args[argIndex];
        if (value === undefined || value === null || (location === 'path' && value === '')) {
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
      {
        operation: op.name,
        ...options,
        ...(signal ? { signal } : {}),
        ...(timeout !== undefined ? { timeout } : {}),
      },
    );
  } catch (error) {
    // A hostile argument (a throwing getter, a value that cannot become a string) is the caller's fault.
    return Promise.reject(error instanceof GcsdkError ? error : invalidRequest(error, `the arguments of ${op.name}`));
  }
}
