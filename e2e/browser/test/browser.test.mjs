// The SDK in headless Chromium, on its own origin, against @gcsdk/mock-server on another: an API call
// with the fetch transport, the PKCE login through the mock's login page and back (and a refused one),
// and the unmodified reference SDK's script-tag bundle against the same mock (the mock's CORS).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { artifactPath, openPage, startHarness } from '../src/harness.mjs';

let harness;
before(async () => {
  harness = await startHarness();
});
after(() => harness?.close());

/** A token from the mock for the demo client (as a back end would hand one to a page). */
async function clientToken() {
  const response = await fetch(`${harness.mock.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials' }),
  });
  return (await response.json()).access_token;
}

test('a page calls getUsersMe and paginates users with the default (fetch) transport, across origins', async () => {
  const { page, context, errors } = await openPage(harness.browser);
  try {
    await page.goto(`${harness.files.url}/index.html`);
    const gateway = { host: '127.0.0.1', protocol: 'http', port: new URL(harness.mock.url).port };
    const result = await page.evaluate(
      async ({ gateway, token }) => {
        // No transport set: the browser default (fetch).
        const client = new gcsdk.ApiClient();
        client.setGateway(gateway);
        client.setAccessToken(token);
        const users = new gcsdk.UsersApi(client);
        const me = await users.getUsersMe();
        const all = [];
        for await (const user of gcsdk.paginate(users.getUsers.bind(users), [{ pageSize: 25 }])) all.push(user);
        const count = all.length;
        const failure = await users.getUser('no-such-user').catch((e) => e);
        return { name: me.name, count, failure: { isError: failure instanceof Error, name: failure.name, status: failure.status } };
      },
      { gateway, token: await clientToken() },
    );
    assert.equal(typeof result.name, 'string');
    assert.ok(result.count > 25, `paginate walked ${result.count} users over several pages`);
    assert.deepEqual(result.failure, { isError: true, name: 'ApiError', status: 404 });
    const seen = harness.mock.requests.filter((r) => r.path.startsWith('/api/v2/users'));
    assert.ok(seen.some((r) => r.path === '/api/v2/users/me' && r.status === 200));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('PKCE: the login page and back; the state is returned, the verifier removed, users/me answers', async () => {
  const { page, context, errors } = await openPage(harness.browser);
  try {
    await page.goto(`${harness.files.url}/pkce.html`);
    // The SDK redirected to the mock's login page (another origin), with a code challenge.
    await page.waitForURL((url) => url.pathname === '/oauth/authorize');
    const authorize = new URL(page.url());
    assert.equal(authorize.origin, harness.mock.url);
    assert.equal(authorize.searchParams.get('response_type'), 'code');
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('state'), 'e2e-state');
    await page.click('#approve');
    await page.waitForFunction(() => window.signedIn || window.failed);
    const outcome = await page.evaluate(() => ({ signedIn: window.signedIn, failed: window.failed, login: window.loginResult }));
    assert.equal(outcome.failed, undefined);
    assert.deepEqual(outcome.login, { state: 'e2e-state', hasToken: true });
    assert.match(outcome.signedIn.name, /\S/);
    assert.deepEqual(outcome.signedIn.verifiers, [], 'the PKCE verifier is removed from sessionStorage after the exchange');
    assert.ok(!new URL(outcome.signedIn.url).searchParams.has('code'), 'the code is cleaned from the URL');
    assert.equal(await page.textContent('#status'), `Signed in as ${outcome.signedIn.name}`);
    await page.screenshot({ path: artifactPath('pkce-signed-in.png') });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('PKCE: a refused login (Cancel) rejects with the login page’s error and error_description', async () => {
  const { page, context } = await openPage(harness.browser);
  try {
    await page.goto(`${harness.files.url}/pkce.html`);
    await page.waitForURL((url) => url.pathname === '/oauth/authorize');
    await page.click('#deny');
    await page.waitForFunction(() => window.signedIn || window.failed);
    const failed = await page.evaluate(() => window.failed);
    assert.equal(failed.name, 'LoginError');
    assert.equal(failed.error, 'access_denied');
    assert.equal(typeof failed.description, 'string');
  } finally {
    await context.close();
  }
});

test("the reference SDK's script-tag bundle, on another origin, works against the mock", async () => {
  const { page, context, errors } = await openPage(harness.browser);
  try {
    await page.goto(`${harness.files.url}/reference.html`);
    const gateway = { host: '127.0.0.1', protocol: 'http', port: new URL(harness.mock.url).port };
    const name = await page.evaluate(
      async ({ gateway, token }) => {
        const platformClient = require('platformClient');
        platformClient.ApiClient.instance.setGateway(gateway);
        platformClient.ApiClient.instance.setAccessToken(token);
        return (await new platformClient.UsersApi().getUsersMe()).name;
      },
      { gateway, token: await clientToken() },
    );
    assert.match(name, /\S/);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** In the page: the umbrella's drop-in surface against the mock, with the fetch transport. */
async function useUmbrella(platformClient, { gateway, token }) {
  const client = platformClient.ApiClient.instance;
  client.setHttpClient(new platformClient.FetchHttpClient());
  client.setGateway(gateway);
  client.setAccessToken(token);
  const me = await new platformClient.UsersApi().getUsersMe();
  const failure = await new platformClient.UsersApi().getUser('no-such-user').catch((e) => e);
  return {
    name: me.name,
    regions: typeof platformClient.PureCloudRegionHosts.us_east_1,
    failure: { isError: failure instanceof Error, status: failure.status },
  };
}

test("our script-tag bundle: require('platformClient') after the <script> tag, as with the reference, and the global", async () => {
  const { page, context, errors } = await openPage(harness.browser);
  try {
    await page.goto(`${harness.files.url}/script-tag.html`);
    const gateway = { host: '127.0.0.1', protocol: 'http', port: new URL(harness.mock.url).port };
    const result = await page.evaluate(
      async ({ use, args }) => {
        const platformClient = require('platformClient');
        const same = platformClient === window.platformClient && platformClient === require('purecloud-platform-client-v2');
        let unknown;
        try {
          require('no-such-module');
        } catch (error) {
          unknown = error.code;
        }
        // The helper's source, run in the page.
        const run = new Function(`return (${use})`)();
        return { same, unknown, ...(await run(platformClient, args)) };
      },
      { use: useUmbrella.toString(), args: { gateway, token: await clientToken() } },
    );
    assert.equal(result.same, true);
    assert.equal(result.unknown, 'MODULE_NOT_FOUND');
    assert.match(result.name, /\S/);
    assert.equal(result.regions, 'string');
    assert.deepEqual(result.failure, { isError: true, status: 404 });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test("our script-tag bundle with DefaultHttpClient: without axios on the page it says so; once axios's script is there, the same client sends through it", async () => {
  const { page, context, errors } = await openPage(harness.browser);
  try {
    await page.goto(`${harness.files.url}/script-tag.html`);
    const gateway = { host: '127.0.0.1', protocol: 'http', port: new URL(harness.mock.url).port };
    const result = await page.evaluate(
      async ({ gateway, token }) => {
        const platformClient = require('platformClient');
        const client = new platformClient.ApiClientClass();
        client.setHttpClient(new platformClient.DefaultHttpClient());
        client.setGateway(gateway);
        client.setAccessToken(token);
        const users = new platformClient.UsersApi(client);
        const without = await users.getUsersMe().then(
          () => 'resolved',
          (error) => error.message,
        );
        await new Promise((resolve, reject) => {
          const script = Object.assign(document.createElement('script'), { src: '/axios/axios.min.js', onload: resolve, onerror: reject });
          document.head.append(script);
        });
        const me = await users.getUsersMe();
        return { without, name: me.name, axios: typeof window.axios };
      },
      { gateway, token: await clientToken() },
    );
    assert.match(result.without, /DefaultHttpClient needs axios: load its script/);
    assert.match(result.name, /\S/);
    assert.equal(result.axios, 'function');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('our AMD bundle through requirejs (served locally)', async () => {
  const { page, context, errors } = await openPage(harness.browser);
  try {
    await page.goto(`${harness.files.url}/amd.html`);
    const gateway = { host: '127.0.0.1', protocol: 'http', port: new URL(harness.mock.url).port };
    const result = await page.evaluate(
      async ({ use, args }) => {
        const platformClient = await new Promise((resolve, reject) => window.requirejs(['/gcsdk/web-amd/gcsdk.min.js'], resolve, reject));
        // The helper's source, run in the page.
        const run = new Function(`return (${use})`)();
        return { global: 'platformClient' in window, ...(await run(platformClient, args)) };
      },
      { use: useUmbrella.toString(), args: { gateway, token: await clientToken() } },
    );
    assert.equal(result.global, false, 'the AMD module leaves no global behind');
    assert.match(result.name, /\S/);
    assert.deepEqual(result.failure, { isError: true, status: 404 });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** Clicks `button` on pages/popup.html, signs in (or cancels) in the popup, and returns the page's outcome. */
async function popupLogin(button, decision) {
  const { page, context, errors } = await openPage(harness.browser);
  try {
    await page.goto(`${harness.files.url}/popup.html`);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click(button)]);
    await popup.waitForURL((url) => url.pathname === '/oauth/authorize');
    const authorize = new URL(popup.url());
    await popup.click(decision);
    await page.waitForFunction(() => window.outcome);
    const outcome = await page.evaluate(() => ({ ...window.outcome, statuses: window.statuses.map((s) => s.status), url: location.href }));
    // autoClosePopup (the default) with no delay: the app closed the popup once it answered.
    await popup.waitForEvent('close', { timeout: 5000 }).catch(() => undefined);
    return { outcome, popupClosed: popup.isClosed(), authorize, errors, page };
  } finally {
    await context.close();
  }
}

test('popup, PKCE: the login page opens in a popup, the code comes back by postMessage, the page stays put', async () => {
  const { outcome, popupClosed, authorize, errors } = await popupLogin('#pkce', '#approve');
  assert.equal(authorize.searchParams.get('response_type'), 'code');
  assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
  assert.deepEqual(
    { state: outcome.state, hasToken: outcome.hasToken, failed: outcome.failed },
    { state: 'popup-state', hasToken: true, failed: undefined },
  );
  assert.match(outcome.name, /\S/);
  assert.deepEqual(outcome.statuses, ['INIT', 'AUTHENTICATED']);
  assert.equal(new URL(outcome.url).pathname, '/popup.html', 'no redirect of the app page');
  assert.equal(popupClosed, true);
  assert.deepEqual(errors, []);
});

test('popup, implicit: the token comes back by postMessage', async () => {
  const { outcome, authorize, errors } = await popupLogin('#implicit', '#approve');
  assert.equal(authorize.searchParams.get('response_type'), 'token');
  assert.equal(outcome.failed, undefined);
  assert.equal(outcome.hasToken, true);
  assert.equal(outcome.state, 'popup-state');
  assert.deepEqual(outcome.statuses, ['INIT', 'AUTHENTICATED']);
  assert.deepEqual(errors, []);
});

test('popup, refused: Cancel in the popup rejects with access_denied and reports AUTH_ERROR', async () => {
  const { outcome } = await popupLogin('#pkce', '#deny');
  assert.equal(outcome.failed?.name, 'LoginError');
  assert.equal(outcome.failed?.error, 'access_denied');
  assert.deepEqual(outcome.statuses, ['INIT', 'AUTH_ERROR']);
});
