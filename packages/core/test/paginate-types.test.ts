/**
 * ItemOf<Page> for every page shape, checked by tsc (core's typecheck includes test/): each
 * `expectType` line fails to compile when ItemOf gives another type. The models are copied from the
 * generated packages (packages/api-<tag>/src/models.ts); importing those would make core depend on them.
 */
import { paginate, type ItemOf } from '../src/index.js';

/** `true` only when A and B are the same type (not merely assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const expectType = <A, B>(same: Equal<A, B>) => same;

interface AnalyticsConversation {
  conversationId?: string;
}
interface AnalyticsUserDetail {
  userId?: string;
}
interface AggregationResult {
  type?: string;
}
interface ScimV2User {
  userName?: string;
}
interface User {
  id?: string;
}
interface HomerRecord {
  callId?: string;
}
interface HistoryEntry {
  action?: string;
}
interface Detail {
  errorCode?: string;
}
interface AggregateDataContainer {
  group?: Record<string, string>;
}

interface UserEntityListing {
  entities?: User[];
  pageSize?: number;
  pageNumber?: number;
  total?: number;
  nextUri?: string;
  pageCount?: number;
}
interface AnalyticsConversationAsyncQueryResponse {
  conversations?: AnalyticsConversation[];
  cursor?: string;
  dataAvailabilityDate?: string;
}
interface AnalyticsUserDetailsAsyncQueryResponse {
  userDetails?: AnalyticsUserDetail[];
  cursor?: string;
  dataAvailabilityDate?: string;
}
interface AnalyticsConversationQueryResponse {
  conversations?: AnalyticsConversation[];
  aggregations?: AggregationResult[];
  totalHits?: number;
}
interface ScimUserListResponse {
  schemas?: string[];
  totalResults?: number;
  startIndex?: number;
  itemsPerPage?: number;
  Resources?: ScimV2User[];
}
interface UsersSearchResponse {
  total: number;
  pageCount: number;
  pageSize: number;
  pageNumber: number;
  nextPage?: string;
  types: string[];
  results: User[];
}
interface ConversationAsyncAggregateQueryResponse {
  results?: AggregateDataContainer[];
  cursor?: string;
}
interface SipSearchResult {
  id?: string;
  status?: number;
  data?: HomerRecord[];
  count?: number;
}
interface HistoryListing {
  id?: string;
  errorDetails?: Detail[];
  pageSize?: number;
  pageNumber?: number;
  entities?: HistoryEntry[];
  pageCount?: number;
}
interface JsonNodeSearchResponse {
  pageNumber: number;
  types: string[];
  results: { [key: string]: unknown };
}
interface Extended<T> {
  status: number;
  statusText: string;
  headers: Record<string, string>;
  body: T;
}

// The shapes ItemOf knew before...
expectType<ItemOf<UserEntityListing>, User>(true);
expectType<ItemOf<ScimUserListResponse>, ScimV2User>(true);
expectType<ItemOf<UsersSearchResponse>, User>(true);
expectType<ItemOf<ConversationAsyncAggregateQueryResponse>, AggregateDataContainer>(true);
// ...and the analytics and other envelopes.
expectType<ItemOf<AnalyticsConversationAsyncQueryResponse>, AnalyticsConversation>(true);
expectType<ItemOf<AnalyticsUserDetailsAsyncQueryResponse>, AnalyticsUserDetail>(true);
expectType<ItemOf<AnalyticsConversationQueryResponse>, AnalyticsConversation>(true);
expectType<ItemOf<SipSearchResult>, HomerRecord>(true);
expectType<ItemOf<HistoryListing>, HistoryEntry>(true);
expectType<ItemOf<Extended<AnalyticsConversationAsyncQueryResponse>>, AnalyticsConversation>(true);
// Free-JSON search results and non-pages have no item type to derive.
expectType<ItemOf<JsonNodeSearchResponse>, unknown>(true);
expectType<ItemOf<{ id: string }>, unknown>(true);
// @ts-expect-error the check itself can fail: ItemOf of a conversations page is not User
expectType<ItemOf<AnalyticsConversationAsyncQueryResponse>, User>(true);

it('types the items paginate yields from the page type of the method', async () => {
  const getJobResults = async (_jobId: string, opts?: { cursor?: string }): Promise<AnalyticsConversationAsyncQueryResponse> =>
    opts?.cursor ? { conversations: [{ conversationId: 'c2' }] } : { conversations: [{ conversationId: 'c1' }], cursor: 'next' };
  const seen: string[] = [];
  for await (const conversation of paginate(getJobResults, ['job'])) {
    expectType<typeof conversation, AnalyticsConversation>(true);
    seen.push(conversation.conversationId ?? '');
  }
  expect(seen).toEqual(['c1', 'c2']);
});
