// The CommonJS build bundles both entry points into one file (so that `@gcsdk/core` and
// `@gcsdk/core/internal` share one ApiClient); dist/cjs/index.cjs and internal.cjs each pick theirs.
export * as publicApi from './index.js';
export * as internalApi from './internal.js';
