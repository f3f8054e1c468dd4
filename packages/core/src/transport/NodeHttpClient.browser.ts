/**
 * The browser build's NodeHttpClient (see scripts/build.mjs): Node's `http` does not exist there,
 * so it refuses to be made, saying what to use instead; no Node built-in reaches a page.
 */
import { AbstractHttpClient } from './AbstractHttpClient.js';
import type { HttpRequestOptions } from './HttpRequestOptions.js';
import type { HttpResponse } from './types.js';

export class NodeHttpClient extends AbstractHttpClient {
  constructor(_timeout?: number | null, _httpsAgent?: object | null) {
    super();
    throw new Error('NodeHttpClient needs Node.js and its http module: in a browser use FetchHttpClient, the default');
  }

  request(_options: HttpRequestOptions): Promise<HttpResponse> {
    return Promise.reject(new Error('NodeHttpClient needs Node.js and its http module'));
  }
}
