/**
 * The request pipeline: an ordered list of named steps around the transport, each `(request, next)`.
 * The SDK's own steps are fixed (retry → user hooks → auth → logging → transport), so that every
 * attempt carries the current token and is logged, and no hook sees the credentials the auth step
 * adds; users plug in through hooks.
 */
import type { HttpResponse, HttpMethod } from '../transport/types.js';

export interface PipelineRequest {
  method: HttpMethod;
  /** Base URL and path, without the query. */
  url: string;
  /** Serialised query parameters, in order (see `serializeQuery`). */
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  /** Milliseconds for each attempt; 0 for none. */
  timeout: number;
  signal: AbortSignal | undefined;
  /** The operation's name (e.g. `getUser`) when known: for logs and hooks. */
  operation: string | undefined;
  /** Auth names of the operation (`PureCloud OAuth`, `Guest Chat JWT`). */
  authNames: readonly string[];
  /** 1 for the first send, 2 for the first retry… */
  attempt: number;
}

export type SendRequest = (request: PipelineRequest) => Promise<HttpResponse>;

export interface PipelineStep {
  readonly name: string;
  send(request: PipelineRequest, next: SendRequest): Promise<HttpResponse>;
}

/** User hooks, for tracing, metrics or header stamping without replacing the transport. */
export interface RequestHooks {
  /**
   * Before each attempt is sent; may change the request (return a new one or mutate it). The request is
   * as the caller built it, without the credentials the SDK adds afterwards (no token in any hook argument).
   */
  beforeRequest?(request: PipelineRequest): PipelineRequest | void | Promise<PipelineRequest | void>;
  /** After each response (any status) arrives; may return a replacement. */
  afterResponse?(response: HttpResponse, request: PipelineRequest): HttpResponse | void | Promise<HttpResponse | void>;
  /** When a call finally fails (after retries); observes the error, or throws another one. */
  onError?(error: Error, request: PipelineRequest): void | Promise<void>;
}

/** Runs `steps` in order around `transport`. */
export function composePipeline(steps: readonly PipelineStep[], transport: SendRequest): SendRequest {
  return steps.reduceRight<SendRequest>((next, step) => (request) => step.send(request, next), transport);
}
