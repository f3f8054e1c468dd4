#!/usr/bin/env node
// Serves the browser examples: @gcsdk/mock-server (the login page and the API) on one port, the pages
// and the app bundle on another (a second origin, as in production), a few routing queues in the mock.
//   npm start --workspace @gcsdk/example-browser [-- --port 8081 --mock-port 8080]
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ApiClient } from '@gcsdk/core';
import { RoutingApi } from '@gcsdk/api-routing';
import { startMockServer } from '@gcsdk/mock-server';

const here = import.meta.dirname;
export const EXAMPLE_QUEUES = ['Sales', 'Support', 'Billing', 'Returns', 'VIP'];

/** The example app (src/app.mjs) bundled for the browser, minified, as a page would ship it. */
async function bundleApp() {
  const result = await build({
    entryPoints: [join(here, 'app.mjs')],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** The back office's part: a few queues, created through the API with client credentials. */
async function seedQueues(mockUrl) {
  const client = new ApiClient({ readConfigFile: false });
  const { hostname, port } = new URL(mockUrl);
  client.setGateway({ host: hostname, protocol: 'http', port });
  await client.loginClientCredentialsGrant('demo-client', 'demo-secret');
  const routing = new RoutingApi(client);
  for (const name of EXAMPLE_QUEUES) await routing.postRoutingQueues({ name });
  client.close();
}

/** Starts the mock and the page server on 127.0.0.1; `close()` stops both. */
export async function startExample({ port = 0, mockPort = 0 } = {}) {
  const mock = await startMockServer({ port: mockPort });
  try {
    await seedQueues(mock.url);
    const app = await bundleApp();
    const gateway = { host: '127.0.0.1', protocol: 'http', port: new URL(mock.url).port };
    const config = `window.gcsdkExample = ${JSON.stringify({ gateway })};`;
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const page = path === '/' ? '/index.html' : path;
      if (path === '/app.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(app);
      if (path === '/config.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(config);
      const flow = /^\/(pkce|implicit|popup)\.html$/.exec(page)?.[1];
      const file = join(here, '../pages', flow ? 'app.html' : page);
      if (!/^\/[\w-]+\.html$/.test(page) || !existsSync(file)) return void res.writeHead(404).end('Not found');
      const html = readFileSync(file, 'utf8').replaceAll('{{flow}}', flow ?? '');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
    });
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    const url = `http://127.0.0.1:${server.address().port}`;
    const close = async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await mock.close();
    };
    return { url, mock, close };
  } catch (error) {
    await mock.close();
    throw error;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let values;
  try {
    ({ values } = parseArgs({ options: { port: { type: 'string', default: '8081' }, 'mock-port': { type: 'string', default: '8080' } } }));
  } catch (error) {
    console.error(`example-browser: ${error.message}`);
    process.exit(2);
  }
  const portOf = (name) => {
    const port = Number(values[name]);
    if (!/^\d+$/.test(values[name]) || port > 65535) {
      console.error(`example-browser: --${name} expects a port number from 0 to 65535, got ${JSON.stringify(values[name])}`);
      process.exit(2);
    }
    return port;
  };
  const example = await startExample({ port: portOf('port'), mockPort: portOf('mock-port') }).catch((error) => {
    console.error(`example-browser: ${error.message}`);
    process.exit(2);
  });
  console.log(`Examples: ${example.url}/   (mock Genesys Cloud: ${example.mock.url}; Ctrl+C to stop)`);
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => example.close().then(() => process.exit(0)));
}
