// What every browser test needs: the page bundle (esbuild, for the browser, as a user's bundler would
// build it), a static file server and @gcsdk/mock-server on 127.0.0.1 (two origins, as in production),
// and Debian's Chromium driven by playwright-core. Everything is stopped by `close()`, also on failure.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { startMockServer } from '@gcsdk/mock-server';

const here = import.meta.dirname;
const require = createRequire(import.meta.url);
export const ARTIFACTS = join(here, '../artifacts');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags for a closed network: without them Chromium keeps trying to reach Google's hosts. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.png': 'image/png' };

/** The SDK bundle of pages/sdk.mjs: minified ESM-to-IIFE for the browser platform, as a page would ship it. */
export async function buildPageBundle() {
  const result = await build({
    entryPoints: [join(here, '../pages/sdk.mjs')],
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

/** Serves `routes` (path -> text) and the HTML pages of pages/. */
async function startStatic(routes) {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    let body = routes[path];
    if (body === undefined && /^\/[\w-]+\.html$/.test(path) && existsSync(join(here, '../pages', path))) {
      body = readFileSync(join(here, '../pages', path));
    }
    if (body === undefined) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

/** Debian's Chromium, headless; a clear message where it is missing (`.ci/run` installs the package). */
export async function launchChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Starts the mock, the static server and Chromium. `close()` stops all three; call it in `after`.
 * Fails with a clear message where Chromium is missing (`.ci/run` installs Debian's package).
 */
export async function startHarness() {
  const stops = [];
  const close = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const mock = await startMockServer({ port: 0 });
    stops.push(() => mock.close());
    const mockPort = new URL(mock.url).port;
    const sdk = await buildPageBundle();
    const referenceDir = dirname(require.resolve('purecloud-platform-client-v2/package.json'));
    const umbrellaDir = dirname(require.resolve('@gcsdk/platform-client/package.json'));
    const files = await startStatic({
      '/sdk.js': sdk,
      '/config.js': `window.mockGateway = ${JSON.stringify({ host: '127.0.0.1', protocol: 'http', port: mockPort })};`,
      '/reference/purecloud-platform-client-v2.min.js': readFileSync(
        join(referenceDir, 'dist/web-cjs/purecloud-platform-client-v2.min.js'),
      ),
      '/gcsdk/web-cjs/gcsdk.min.js': readFileSync(join(umbrellaDir, 'dist/web-cjs/gcsdk.min.js')),
      '/gcsdk/web-amd/gcsdk.min.js': readFileSync(join(umbrellaDir, 'dist/web-amd/gcsdk.min.js')),
      '/requirejs/require.js': readFileSync(require.resolve('requirejs/require.js')),
      // axios's own browser build, where the core (which depends on it) finds it: for DefaultHttpClient in a page.
      '/axios/axios.min.js': readFileSync(
        join(dirname(createRequire(require.resolve('@gcsdk/core/package.json')).resolve('axios/package.json')), 'dist/axios.min.js'),
      ),
    });
    stops.push(() => new Promise((resolve) => (files.server.closeAllConnections(), files.server.close(resolve))));
    const browser = await launchChromium();
    stops.push(() => browser.close());
    return { mock, files, browser, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** A new page in a fresh context (its own storage), with the page's console errors collected. */
export async function openPage(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, context, errors };
}

export function artifactPath(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}
