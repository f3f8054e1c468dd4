/**
 * The request builder: the reference's `callApi` arguments become one pipeline request — the URL with
 * its encoded path parameters, the serialised query (`multi`, `csv`…), the headers with the
 * reference's precedence, and the body in the operation's content type. Throws on what cannot be sent.
 */
import { InvalidRequestError } from '../errors.js';
import { describeThrown } from '../pipeline/failures.js';
import { checkCallOptions, type CallOptions } from '../pipeline/options.js';
import type { PipelineRequest } from '../pipeline/types.js';
import type { HttpMethod } from '../transport/types.js';
import * as wire from '../wire.js';

/** What a request takes from its client. */
export interface RequestSettings {
  /** The API's base URL (environment or gateway). */
  baseUrl: string;
  defaultHeaders: Record<string, string>;
  useLegacyParameterFilter: boolean;
  /** The client's milliseconds per attempt, unless the call sets its own. */
  timeout: number;
  /** Sent unless the caller sets one (Node only: a browser sends its own). */
  userAgent: string | undefined;
}

/** The reference's `callApi` arguments, in its order. */
export interface CallArguments {
  path: string;
  httpMethod: string;
  pathParams: Record<string, unknown> | null | undefined;
  queryParams: Record<string, unknown> | null | undefined;
  headerParams: Record<string, unknown> | null | undefined;
  formParams: Record<string, unknown> | null | undefined;
  bodyParam: unknown;
  authNames: readonly string[] | null | undefined;
  contentTypes: readonly string[] | null | undefined;
  accepts: readonly string[] | null | undefined;
  customHeaders: Record<string, string> | null | undefined;
  options: (CallOptions & { operation?: string | undefined }) | undefined;
}

const JSON_TYPE = 'application/json';
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

export function buildRequest(settings: RequestSettings, call: CallArguments): PipelineRequest {
  const method = String(call.httpMethod ?? '').toUpperCase() as HttpMethod;
  if (!METHODS.includes(method)) throw new InvalidRequestError(`Unsupported HTTP method ${describeThrown(call.httpMethod)}`);
  if (typeof call.path !== 'string' || !call.path) throw new InvalidRequestError('The request path is missing');
  const custom = call.customHeaders;
  if (custom !== undefined && custom !== null && (typeof custom !== 'object' || Array.isArray(custom))) {
    throw new InvalidRequestError('Per-request headers must be a valid object');
  }
  const options = call.options ?? {};
  const { signal, timeout } = checkCallOptions(options, 'callApi');
  const legacy = settings.useLegacyParameterFilter;
  const url = wire.buildUrl(settings.baseUrl, call.path, call.pathParams, legacy);
  const query = wire.serializeQuery(call.queryParams, legacy);
  for (const [key, value] of Object.entries(query)) wire.assertEncodable(value, `The query parameter "${decodeURIComponent(key)}"`);
  const headers = requestHeaders(settings, call);
  // The reference sends no body for '' (`else if (bodyParam)`); 0 and false, valid JSON bodies, are sent.
  let body: unknown = call.bodyParam === null || call.bodyParam === '' ? undefined : call.bodyParam;
  const contentType = wire.jsonPreferredMime(call.contentTypes ?? []);
  if (contentType === 'application/x-www-form-urlencoded') {
    body = new URLSearchParams(wire.normalizeParams(call.formParams, legacy) as Record<string, string>).toString();
  } else if (contentType === 'multipart/form-data') {
    const form = new FormData();
    for (const [key, value] of Object.entries(wire.normalizeParams(call.formParams, legacy))) form.set(key, value as string | Blob);
    body = form;
  } else {
    wire.assertJsonBody(body);
  }
  return {
    method,
    url,
    query,
    headers,
    body,
    timeout: timeout ?? settings.timeout,
    signal,
    operation: options.operation,
    authNames: call.authNames ?? [],
    attempt: 1,
  };
}

/**
 * The request's headers, one per name whatever the spelling (header names are case-insensitive),
 * with the reference's precedence, measured on its wire (test/header-precedence.test.ts):
 *
 *   header          lowest → highest                                                 when nobody sets it
 *   Authorization   token < default headers < header parameters < customHeaders      (no token: none)
 *   Content-Type    default headers < header parameters < customHeaders < the        application/json
 *                   operation's type (consumes) — the caller's value only without one
 *   Accept          default headers < header parameters < customHeaders < the        axios's default
 *                   operation's type (produces) — the caller's value only without one
 *   User-Agent      default headers < header parameters < customHeaders              ours: gcsdk/<v> (node <v>)
 *   Genesys-App,    default headers < header parameters < customHeaders              none
 *   any other
 *
 * The name is spelled as first given (the token's `Authorization` first), as axios sends it. Where
 * the reference depends on the spelling (it layers case-sensitive keys, then axios merges them:
 * `setDefaultHeaders({ authorization })` beats `customHeaders: { Authorization }`, a lower-case
 * `content-type` is ignored without a consumes type), we follow its same-spelling precedence.
 * The token itself is added per attempt by the auth step, under these headers.
 */
function requestHeaders(settings: RequestSettings, call: CallArguments): Record<string, string> {
  const legacy = settings.useLegacyParameterFilter;
  wire.validateHeaders(settings.defaultHeaders, 'the default headers');
  const parameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(wire.normalizeParams(call.headerParams, legacy))) {
    const text = Array.isArray(value) ? value.map((v) => wire.paramToString(v, legacy)).join(',') : String(value);
    wire.validateHeader(name, text, 'the header parameters');
    parameters[name] = text; // spellings of one name are merged below
  }
  if (call.customHeaders) wire.validateHeaders(call.customHeaders, 'customHeaders');
  const headers = wire.mergeHeaders(settings.defaultHeaders, parameters, call.customHeaders);
  const contentType = wire.jsonPreferredMime(call.contentTypes ?? []);
  if (contentType) wire.setHeader(headers, 'Content-Type', contentType);
  else if (wire.getHeader(headers, 'Content-Type') === undefined) wire.setHeader(headers, 'Content-Type', JSON_TYPE);
  const accept = wire.jsonPreferredMime(call.accepts ?? []);
  if (accept) wire.setHeader(headers, 'Accept', accept);
  // axios's defaults name these two, so the reference always spells them so, whoever set them.
  wire.respellHeader(headers, 'Content-Type');
  wire.respellHeader(headers, 'Accept');
  if (settings.userAgent && wire.getHeader(headers, 'User-Agent') === undefined) headers['User-Agent'] = settings.userAgent;
  return headers;
}
