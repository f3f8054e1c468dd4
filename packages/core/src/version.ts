declare const __GCSDK_CORE_VERSION__: string | undefined;

/** This package's version, stamped by the build; `0.0.0-dev` when running from source. */
export const VERSION: string = typeof __GCSDK_CORE_VERSION__ === 'string' ? __GCSDK_CORE_VERSION__ : '0.0.0-dev';
