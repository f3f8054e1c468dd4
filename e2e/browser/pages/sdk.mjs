// The SDK as a page gets it from a bundler: @gcsdk/core and one domain, bundled by esbuild for the browser.
import { ApiClient, FetchHttpClient, paginate } from '@gcsdk/core';
import { UsersApi } from '@gcsdk/api-users';

globalThis.gcsdk = { ApiClient, FetchHttpClient, paginate, UsersApi };
