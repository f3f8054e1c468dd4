/**
 * The request config the fetch and node:http transports send: the reference's axios-like shape,
 * after the user's `setPreHook` (which may return a replacement). DefaultHttpClient hands the same
 * job to axios's interceptors.
 */
import { InvalidRequestError } from '../errors.js';
import { hookFailure, isInstance } from '../pipeline/failures.js';
import type { AbstractHttpClient } from './AbstractHttpClient.js';
import { HttpRequestOptions } from './HttpRequestOptions.js';

export async function preHookedConfig(client: AbstractHttpClient, options: HttpRequestOptions): Promise<Record<string, unknown>> {
  if (!isInstance(options, HttpRequestOptions)) throw new InvalidRequestError('httpRequestOptions must be instance of HttpRequestOptions');
  const config: Record<string, unknown> = {
    url: options.url,
    method: options.method,
    headers: { ...options.headers },
    params: options.params,
    data: options.data,
    timeout: options.timeout ?? client.timeout,
  };
  if (!client.preHook) return config;
  try {
    return ((await client.preHook(config)) as Record<string, unknown> | undefined) ?? config;
  } catch (error) {
    throw hookFailure(error, 'The preHook');
  }
}
