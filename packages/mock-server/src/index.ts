// @gcsdk/mock-server — a local stand-in for Genesys Cloud, for tests and for running without an org.
export { startMockServer, DEFAULT_CLIENT, DEFAULT_USER, type MockServer, type MockServerOptions, type LoggedRequest } from './server.js';
export { parseFault, type Fault, type RateLimit } from './faults.js';
export type { MockClient, MockUser } from './oauth.js';
export type { ChannelSelector, ChannelSummary, ControlResult, MockNotifications, PublishResult } from './notifications/api.js';
export type { JobInfo, JobKind, JobOutcome, JobSettings, JobState } from './jobs.js';
