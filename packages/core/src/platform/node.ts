/** The Node platform: config file, file logging, certificates, keep-alive agents. Swapped for `browser.ts` in browser builds. */
import { appendFileSync, readFileSync } from 'node:fs';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigFileSync } from '../config/file-sync.js';
import { DefaultHttpClient } from '../transport/DefaultHttpClient.js';
import type { Platform, TlsMaterial } from './types.js';

let keepAlive: { httpAgent: HttpAgent; httpsAgent: HttpsAgent } | undefined;

export const platform: Platform = {
  isBrowser: false,
  defaultConfigPath: () =>
    join(
      process.platform === 'win32' && process.env['USERPROFILE'] ? process.env['USERPROFILE'] : homedir(),
      '.genesyscloudjavascript',
      'config',
    ),
  configFileSync: (target) => new ConfigFileSync(target),
  appendToFile: (path, text) => appendFileSync(path, text),
  readFile: (path) => readFileSync(path),
  createMtlsAgent: (material: TlsMaterial) => new HttpsAgent({ ...material, keepAlive: true, rejectUnauthorized: true }),
  defaultHttpClient: (timeout, proxyAgent) => {
    const client = new DefaultHttpClient(timeout);
    const agents = keepAliveAgents();
    client.setHttpAgent(agents.httpAgent);
    client.setHttpsAgent(proxyAgent ?? agents.httpsAgent);
    return client;
  },
};

function keepAliveAgents(): { httpAgent: HttpAgent; httpsAgent: HttpsAgent } {
  return (keepAlive ??= { httpAgent: new HttpAgent({ keepAlive: true }), httpsAgent: new HttpsAgent({ keepAlive: true }) });
}
