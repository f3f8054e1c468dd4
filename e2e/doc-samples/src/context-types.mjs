// The declaration of the prelude every sample receives, written beside the samples twice: as
// context.d.mts for ES module samples and context.d.cts for CommonJS ones, so that each resolves
// @gcsdk/* through the same condition (import or require) as the sample itself.
export const CONTEXT_DECLARATION = `import type { ApiClient } from '@gcsdk/core';
import type { UsersApi, User } from '@gcsdk/api-users';
import type { RoutingApi } from '@gcsdk/api-routing';
import type { AnalyticsApi } from '@gcsdk/api-analytics';

export interface SampleContext {
  /** ApiClient.instance, logged in with client credentials against the mock server. */
  client: ApiClient;
  apiClient: ApiClient;
  clientId: string;
  clientSecret: string;
  token: string;
  refreshToken: string;
  authCode: string;
  redirectUri: string;
  codeVerifier: string;
  pkceCode: string;
  samlAssertion: string;
  orgName: string;
  me: User;
  userId: string;
  id: string;
  usersApi: UsersApi;
  routingApi: RoutingApi;
  analyticsApi: AnalyticsApi;
  queueId: string;
}
`;
