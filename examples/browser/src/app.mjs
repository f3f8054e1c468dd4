// The example app: one script for every page; the page's <body data-flow="pkce|implicit|popup"> picks
// the login. Bundled for the browser by serve.mjs (esbuild), as any bundler would.
import { ApiClient, FetchHttpClient, paginate } from '@gcsdk/core';
import { RoutingApi } from '@gcsdk/api-routing';
import { UsersApi } from '@gcsdk/api-users';

const CLIENT_ID = 'demo-client';
const flow = document.body.dataset.flow;
const show = (id, text) => (document.getElementById(id).textContent = text);

const client = new ApiClient();
client.setHttpClient(new FetchHttpClient());
// Where the login and the API are: the mock server here (serve.mjs writes config.js); a real org would
// call client.setEnvironment('mypurecloud.com') instead.
client.setGateway(window.gcsdkExample.gateway);
// Keep the token in localStorage, so that a reload stays signed in (until Log out).
client.setPersistSettings(true, `gcsdk_example_${flow}`);

/** The page's redirect URI: this page for the redirect flows, the return page for the popup. */
const redirectUri = flow === 'popup' ? `${location.origin}/popup-return.html` : `${location.origin}${location.pathname}`;

function login() {
  const opts = { state: `example-${flow}` };
  if (flow === 'implicit') return client.loginImplicitGrant(CLIENT_ID, redirectUri, opts);
  if (flow === 'popup') return client.loginPKCEGrant(CLIENT_ID, redirectUri, { ...opts, authPopupConfiguration: { usePopup: true } });
  return client.loginPKCEGrant(CLIENT_ID, redirectUri, opts);
}

async function showSignedIn() {
  const me = await new UsersApi(client).getUsersMe();
  show('status', `Signed in as ${me.name}`);
  const routing = new RoutingApi(client);
  const names = [];
  for await (const queue of paginate(routing.getRoutingQueues.bind(routing), [{ pageSize: 2 }])) names.push(queue.name);
  const list = document.getElementById('queues');
  list.replaceChildren(...names.map((name) => Object.assign(document.createElement('li'), { textContent: name })));
  document.getElementById('logout').hidden = false;
  window.exampleState = { signedIn: me.name, queues: names };
}

function start() {
  login()
    .then(showSignedIn)
    .catch((error) => {
      show('status', `Login failed: ${error.message}`);
      window.exampleState = { failed: { name: error.name, error: error.error, message: error.message } };
    });
}

document.getElementById('logout').onclick = () => client.logout(`${location.origin}/`);
if (flow === 'popup') {
  // A popup must be opened from a click; a saved session signs in without one.
  document.getElementById('login').hidden = false;
  document.getElementById('login').onclick = start;
  client.testTokenAccess().then((valid) => valid && showSignedIn());
} else {
  start();
}
