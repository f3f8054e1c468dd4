export {
  deriveEnrichment,
  serializeEnrichment,
  sortKeys,
  JS_REPOSITORY,
  PYTHON_REPOSITORY,
  type DeriveOptions,
  type DeriveResult,
} from './derive';
export { applyEnrichment, enrichSwagger, PERMISSIONS_EXTENSION, ENRICHMENT_EXTENSION, type EnrichmentReport } from './merge';
export { parseApiDoc, plainText } from './parse-js-docs';
export { parsePythonModel, kindOf, PYTHON_FALLBACK_VALUE, type PythonModel } from './parse-python-model';
export { readEnrichment, assertEnrichment } from './read';
export { formatEnrichmentReport } from './report';
export { readFiles, listFiles, resolveCommit } from './git-batch';
export type * from './types';
