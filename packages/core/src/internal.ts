// @gcsdk/core/internal — what the generated packages need from the core. Not for applications: it may
// change in any release, in step with the generator that writes the code calling it.
export { ApiClient } from './ApiClient.js';
export { invoke, type OperationDescriptor, type OperationOpts, type ParamLocation, type ParamSpec } from './operation.js';
export { defineOperations, operationName, parseOperationTable } from './operation-table.js';
