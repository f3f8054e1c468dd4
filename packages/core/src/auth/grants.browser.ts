/**
 * The browser twin of grants.ts (the core's browser build uses it instead): the grants that need a
 * client secret refuse to run, as grants.ts does in a browser, without carrying their requests; the
 * PKCE exchange is the same.
 */
import type * as server from './grants.js';
import { secretInBrowser } from './pkce-grant.js';

export { authorizePKCE } from './pkce-grant.js';

const refused = (grant: string) => () => Promise.reject(new Error(secretInBrowser(grant)));

export const clientCredentials: typeof server.clientCredentials = refused('client credentials');
export const saml2Bearer: typeof server.saml2Bearer = refused('saml2bearer');
export const codeAuthorization: typeof server.codeAuthorization = refused('Code Authorization');
export const refreshCodeAuthorization: typeof server.refreshCodeAuthorization = refused('Code Authorization');
