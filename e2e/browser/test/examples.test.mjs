// examples/browser as a user opens it: the PKCE, implicit and popup pages against the mock's login page,
// users/me and the routing queues (paginated), a reload that stays signed in, and Log out.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { EXAMPLE_QUEUES, startExample } from '@gcsdk/example-browser/src/serve.mjs';
import { artifactPath, launchChromium, openPage } from '../src/harness.mjs';

let example;
let browser;
before(async () => {
  example = await startExample();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await example?.close();
});

const authorizeVisits = () => example.mock.requests.filter((r) => r.path === '/oauth/authorize' && r.method === 'GET').length;
const signedIn = (page) => page.waitForFunction(() => window.exampleState).then(() => page.evaluate(() => window.exampleState));

test('PKCE example: sign in, the queues page by page, a reload stays signed in, Log out signs out', async () => {
  const { page, context, errors } = await openPage(browser);
  try {
    await page.goto(`${example.url}/pkce.html`);
    await page.waitForURL((url) => url.pathname === '/oauth/authorize');
    await page.click('#approve');
    const state = await signedIn(page);
    assert.equal(state.failed, undefined);
    assert.match(state.signedIn, /\S/);
    assert.deepEqual([...state.queues].sort(), [...EXAMPLE_QUEUES].sort());
    assert.equal(await page.locator('#queues li').count(), EXAMPLE_QUEUES.length);
    await page.screenshot({ path: artifactPath('example-pkce-signed-in.png') });

    const visits = authorizeVisits();
    await page.reload();
    const again = await signedIn(page);
    assert.equal(again.signedIn, state.signedIn);
    assert.equal(authorizeVisits(), visits, 'the saved session was reused: no new visit to the login page');

    await page.click('#logout');
    await page.waitForURL((url) => url.origin === example.url && url.pathname === '/');
    await page.goto(`${example.url}/pkce.html`);
    await page.waitForURL((url) => url.pathname === '/oauth/authorize');
    assert.equal(authorizeVisits(), visits + 1, 'after Log out the page asks for a login again');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('implicit example: sign in through the login page', async () => {
  const { page, context, errors } = await openPage(browser);
  try {
    await page.goto(`${example.url}/implicit.html`);
    await page.waitForURL((url) => url.pathname === '/oauth/authorize' && url.searchParams.get('response_type') === 'token');
    await page.click('#approve');
    const state = await signedIn(page);
    assert.match(state.signedIn, /\S/);
    assert.equal(state.queues.length, EXAMPLE_QUEUES.length);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('popup example: Sign in opens the login page in a popup; the page itself never leaves', async () => {
  const { page, context, errors } = await openPage(browser);
  try {
    await page.goto(`${example.url}/popup.html`);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#login')]);
    await popup.waitForURL((url) => url.pathname === '/oauth/authorize');
    await popup.click('#approve');
    const state = await signedIn(page);
    assert.match(state.signedIn, /\S/);
    assert.equal(new URL(page.url()).pathname, '/popup.html');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
