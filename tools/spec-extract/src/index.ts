export { extractFromSdk, extractFromFile, extractFromUrl, type ExtractResult } from './extract';
export { normalizeSwagger, serializeSwagger, assertSwagger } from './normalize';
export { computeCoverage, formatCoverage, operationsOf, reachableDefinitions, type Coverage } from './coverage';
export { tagFromClassName, classNameFromTag, kebabFromTag, jsParameterName } from './naming';
export { collectRefs } from './build-swagger';
export type * from './swagger';
export {
  parseMappings,
  readNotificationTopics,
  serializeNotificationTopics,
  topicsWithoutModel,
  type NotificationTopic,
  type NotificationTopicsDocument,
} from './notification-topics';
export * from './enrichment';
