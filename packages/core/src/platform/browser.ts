/** The browser platform: no config file, no file logging; MTLS is the browser's business. */
import { FetchHttpClient } from '../transport/FetchHttpClient.js';
import type { Platform } from './types.js';

function unsupported(what: string): never {
  throw new Error(`${what} is not available in a browser`);
}

export const platform: Platform = {
  isBrowser: true,
  defaultConfigPath: () => '',
  configFileSync: () => undefined,
  appendToFile: () => unsupported('Logging to a file'),
  readFile: () => unsupported('Reading files'),
  createMtlsAgent: () => {
    throw new Error('MTLS authentication is managed by the Browser itself. MTLS certificates cannot be set via code on Browser.');
  },
  // fetch is the browser's own transport; axios is bundled only by a page that selects DefaultHttpClient.
  defaultHttpClient: (timeout) => new FetchHttpClient(timeout),
};
