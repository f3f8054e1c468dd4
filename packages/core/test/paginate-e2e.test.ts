/**
 * paginate end to end, one real operation of every page shape the spec has: the generated method
 * (descriptor copied from packages/api-*, `(…required, opts) => invoke(…)`) through a real ApiClient
 * against a local server that pages its envelope. Every item once, in order, and the requests the
 * server saw.
 */
import { ApiClient, paginate, PaginationError } from '../src/index.js';
import { invoke, type OperationDescriptor } from '../src/internal.js';
import { itemKeyOf, itemsOf, nextPageOf } from '../src/paging/envelope.js';
import { listOperations, NOT_LISTS, shapeOf } from './support/paging-spec.js';
import { startServer, type RecordedRequest, type TestServer } from './support/server.js';

/** Descriptors as generated (packages/api-<tag>/src/<Class>.ts). */
const ops = {
  getUsers: { name: 'getUsers', method: 'GET', path: '/api/v2/users', params: [['pageSize', 'query'], ['pageNumber', 'query'], ['id', 'query', '', 'multi'], ['jabberId', 'query', '', 'multi'], ['sortOrder', 'query'], ['expand', 'query', '', 'multi'], ['integrationPresenceSource', 'query'], ['userCustomAttributeSchemaIds', 'query', '', 'multi'], ['state', 'query']] },
  getAnalyticsBotflowDivisionsReportingturns: { name: 'getAnalyticsBotflowDivisionsReportingturns', method: 'GET', path: '/api/v2/analytics/botflows/{botFlowId}/divisions/reportingturns', params: [['botFlowId', 'path', '', '', 0], ['after', 'query'], ['pageSize', 'query'], ['interval', 'query'], ['actionId', 'query'], ['sessionId', 'query'], ['language', 'query'], ['askActionResults', 'query']] },
  getBusinessrulesSchemasCoretypes: { name: 'getBusinessrulesSchemasCoretypes', method: 'GET', path: '/api/v2/businessrules/schemas/coretypes', params: [] },
  postUsersSearch: { name: 'postUsersSearch', method: 'POST', path: '/api/v2/users/search', params: [['body', 'body', '', '', 0]] },
  getAnalyticsConversationsAggregatesJobResults: { name: 'getAnalyticsConversationsAggregatesJobResults', method: 'GET', path: '/api/v2/analytics/conversations/aggregates/jobs/{jobId}/results', params: [['jobId', 'path', '', '', 0], ['cursor', 'query']] },
  getAgenticVirtualagents: { name: 'getAgenticVirtualagents', method: 'GET', path: '/api/v2/agentic/virtualagents', params: [['name', 'query'], ['nameContains', 'query'], ['status', 'query'], ['sortBy', 'query'], ['sortOrder', 'query'], ['pageNumber', 'query'], ['pageSize', 'query']] },
  getTaskmanagementWorkitemHistory: { name: 'getTaskmanagementWorkitemHistory', method: 'GET', path: '/api/v2/taskmanagement/workitems/{workitemId}/history', params: [['workitemId', 'path', '', '', 0], ['after', 'query'], ['pageSize', 'query'], ['sortOrder', 'query']] },
  getExternalcontactsScanContacts: { name: 'getExternalcontactsScanContacts', method: 'GET', path: '/api/v2/externalcontacts/scan/contacts', params: [['limit', 'query'], ['cursor', 'query'], ['divisionId', 'query']] },
  getExternalcontactsImportJobs: { name: 'getExternalcontactsImportJobs', method: 'GET', path: '/api/v2/externalcontacts/import/jobs', params: [['expand', 'query', '', 'multi'], ['after', 'query'], ['pageSize', 'query'], ['sortOrder', 'query'], ['jobStatus', 'query']] },
  getScimUsers: { name: 'getScimUsers', method: 'GET', path: '/api/v2/scim/users', params: [['startIndex', 'query'], ['count', 'query'], ['attributes', 'query', '', 'multi'], ['excludedAttributes', 'query', '', 'multi'], ['filter', 'query']], produces: ['application/scim+json', 'application/json'] },
  getUsageSimplesearchExecutionIdResults: { name: 'getUsageSimplesearchExecutionIdResults', method: 'GET', path: '/api/v2/usage/simplesearch/{executionId}/results', params: [['executionId', 'path', '', '', 0], ['after', 'query'], ['pageSize', 'query']] },
  getAuditsQueryTransactionIdResults: { name: 'getAuditsQueryTransactionIdResults', method: 'GET', path: '/api/v2/audits/query/{transactionId}/results', params: [['transactionId', 'path', '', '', 0], ['cursor', 'query'], ['pageSize', 'query'], ['expand', 'query', '', 'multi'], ['allowRedirect', 'query']] },
  postKnowledgeKnowledgebaseDocumentsSearchSuggestions: { name: 'postKnowledgeKnowledgebaseDocumentsSearchSuggestions', method: 'POST', path: '/api/v2/knowledge/knowledgebases/{knowledgeBaseId}/documents/search/suggestions', params: [['knowledgeBaseId', 'path', '', '', 0], ['body', 'body']] },
  getAnalyticsConversationsDetailsJobResults: { name: 'getAnalyticsConversationsDetailsJobResults', method: 'GET', path: '/api/v2/analytics/conversations/details/jobs/{jobId}/results', params: [['jobId', 'path', '', '', 0], ['cursor', 'query'], ['pageSize', 'query']] },
  postAnalyticsConversationsDetailsQuery: { name: 'postAnalyticsConversationsDetailsQuery', method: 'POST', path: '/api/v2/analytics/conversations/details/query', params: [['body', 'body', '', '', 0]] },
  postAnalyticsTaskmanagementMetricsQuery: { name: 'postAnalyticsTaskmanagementMetricsQuery', method: 'POST', path: '/api/v2/analytics/taskmanagement/metrics/query', params: [['after', 'query'], ['pageSize', 'query'], ['body', 'body', '', '', 0]] },
  getAnalyticsUsersDetailsJobResults: { name: 'getAnalyticsUsersDetailsJobResults', method: 'GET', path: '/api/v2/analytics/users/details/jobs/{jobId}/results', params: [['jobId', 'path', '', '', 0], ['cursor', 'query'], ['pageSize', 'query']] },
  postAnalyticsUsersDetailsQuery: { name: 'postAnalyticsUsersDetailsQuery', method: 'POST', path: '/api/v2/analytics/users/details/query', params: [['body', 'body', '', '', 0]] },
  getTelephonySiptraces: { name: 'getTelephonySiptraces', method: 'GET', path: '/api/v2/telephony/siptraces', params: [['callId', 'query'], ['toUser', 'query'], ['fromUser', 'query'], ['conversationId', 'query'], ['dateStart', 'query', '', '', 0], ['dateEnd', 'query', '', '', 1]] },
  getUsersQuery: { name: 'getUsersQuery', method: 'GET', path: '/api/v2/users/query', params: [['cursor', 'query'], ['pageSize', 'query'], ['sortOrder', 'query'], ['expand', 'query', '', 'multi'], ['integrationPresenceSource', 'query'], ['userCustomAttributeSchemaIds', 'query', '', 'multi'], ['state', 'query']] },
} satisfies Record<string, OperationDescriptor>; // prettier-ignore

interface Entity {
  id: string;
}
interface Conversation {
  conversationId: string;
}
interface UserDetail {
  userId: string;
}
interface AggregateResult {
  group: { queueId: string };
  data: { metric: string }[];
}
type Opts = Record<string, unknown>;

const client = new ApiClient({ readConfigFile: false });
const send = (op: OperationDescriptor, args: unknown[], opts: Opts | undefined) => invoke(client, op, args, opts);

/** The generated methods, in their generated shape: `(…required, opts) => Promise<Page>`. */
const api = {
  getUsers(opts?: { pageSize?: number; pageNumber?: number; expand?: string[] }) {
    return send(ops.getUsers, [], opts) as Promise<{ entities?: Entity[]; pageNumber?: number; pageCount?: number; nextUri?: string }>;
  },
  getAnalyticsBotflowDivisionsReportingturns(botFlowId: string, opts?: { after?: string; pageSize?: string }) {
    return send(ops.getAnalyticsBotflowDivisionsReportingturns, [botFlowId], opts) as Promise<{ entities?: Entity[]; nextUri?: string }>;
  },
  getBusinessrulesSchemasCoretypes(opts?: Opts) {
    return send(ops.getBusinessrulesSchemasCoretypes, [], opts) as Promise<{ entities?: Entity[]; total?: number }>;
  },
  postUsersSearch(body: { query: object[]; pageSize?: number; pageNumber?: number }, opts?: Opts) {
    return send(ops.postUsersSearch, [body], opts) as Promise<{
      types?: string[];
      results?: Entity[];
      pageNumber?: number;
      pageCount?: number;
    }>;
  },
  getAnalyticsConversationsAggregatesJobResults(jobId: string, opts?: { cursor?: string }) {
    return send(ops.getAnalyticsConversationsAggregatesJobResults, [jobId], opts) as Promise<{
      results?: AggregateResult[];
      cursor?: string;
    }>;
  },
  getAgenticVirtualagents(opts?: { pageNumber?: number; pageSize?: number }) {
    return send(ops.getAgenticVirtualagents, [], opts) as Promise<{ entities?: Entity[]; pageNumber?: number; pageCount?: number }>;
  },
  getTaskmanagementWorkitemHistory(workitemId: string, opts?: { after?: string; pageSize?: number }) {
    return send(ops.getTaskmanagementWorkitemHistory, [workitemId], opts) as Promise<{ entities?: Entity[]; after?: string }>;
  },
  getExternalcontactsScanContacts(opts?: { limit?: number; cursor?: string }) {
    return send(ops.getExternalcontactsScanContacts, [], opts) as Promise<{ entities?: Entity[]; cursors?: { after?: string } }>;
  },
  getExternalcontactsImportJobs(opts?: { after?: string; pageSize?: string }) {
    return send(ops.getExternalcontactsImportJobs, [], opts) as Promise<{ entities?: Entity[]; cursors?: { after?: string } }>;
  },
  getScimUsers(opts?: { startIndex?: number; count?: number }) {
    return send(ops.getScimUsers, [], opts) as Promise<{
      schemas?: string[];
      Resources?: Entity[];
      startIndex?: number;
      totalResults?: number;
    }>;
  },
  getUsageSimplesearchExecutionIdResults(executionId: string, opts?: { after?: string; pageSize?: number }) {
    return send(ops.getUsageSimplesearchExecutionIdResults, [executionId], opts) as Promise<{
      results?: Entity[];
      cursors?: { after?: string };
    }>;
  },
  getAuditsQueryTransactionIdResults(transactionId: string, opts?: { cursor?: string; pageSize?: number }) {
    return send(ops.getAuditsQueryTransactionIdResults, [transactionId], opts) as Promise<{ entities?: Entity[]; cursor?: string }>;
  },
  postKnowledgeKnowledgebaseDocumentsSearchSuggestions(knowledgeBaseId: string, opts?: { body?: { query: string; pageSize?: number } }) {
    return send(ops.postKnowledgeKnowledgebaseDocumentsSearchSuggestions, [knowledgeBaseId], opts) as Promise<{
      results?: Entity[];
      pageSize?: number;
    }>;
  },
  getAnalyticsConversationsDetailsJobResults(jobId: string, opts?: { cursor?: string; pageSize?: number }) {
    return send(ops.getAnalyticsConversationsDetailsJobResults, [jobId], opts) as Promise<{
      conversations?: Conversation[];
      cursor?: string;
    }>;
  },
  postAnalyticsConversationsDetailsQuery(body: { interval: string; paging?: { pageSize?: number; pageNumber?: number } }, opts?: Opts) {
    return send(ops.postAnalyticsConversationsDetailsQuery, [body], opts) as Promise<{
      conversations?: Conversation[];
      totalHits?: number;
    }>;
  },
  postAnalyticsTaskmanagementMetricsQuery(body: { interval: string }, opts?: { after?: string; pageSize?: number }) {
    return send(ops.postAnalyticsTaskmanagementMetricsQuery, [body], opts) as Promise<{
      results?: AggregateResult[];
      cursors?: { after?: string };
    }>;
  },
  getAnalyticsUsersDetailsJobResults(jobId: string, opts?: { cursor?: string; pageSize?: number }) {
    return send(ops.getAnalyticsUsersDetailsJobResults, [jobId], opts) as Promise<{ userDetails?: UserDetail[]; cursor?: string }>;
  },
  postAnalyticsUsersDetailsQuery(body: { interval: string; paging?: { pageSize?: number; pageNumber?: number } }, opts?: Opts) {
    return send(ops.postAnalyticsUsersDetailsQuery, [body], opts) as Promise<{ userDetails?: UserDetail[]; totalHits?: number }>;
  },
  getTelephonySiptraces(dateStart: string, dateEnd: string, opts?: { callId?: string }) {
    return send(ops.getTelephonySiptraces, [dateStart, dateEnd], opts) as Promise<{ data?: Entity[]; count?: number }>;
  },
  getUsersQuery(opts?: { cursor?: string; pageSize?: number }) {
    return send(ops.getUsersQuery, [], opts) as Promise<{ entities?: Entity[]; cursor?: string; nextUri?: string }>;
  },
};

/** Seven items, three a page: pages start at 0, 3 and 6. */
const SIZE = 3;
const COUNT = 7;
const entities: Entity[] = Array.from({ length: COUNT }, (_, i) => ({ id: `e${i + 1}` }));
const conversations: Conversation[] = entities.map((e) => ({ conversationId: `c-${e.id}` }));
const userDetails: UserDetail[] = entities.map((e) => ({ userId: `u-${e.id}` }));
const aggregates: AggregateResult[] = entities.map((e) => ({ group: { queueId: `q-${e.id}` }, data: [{ metric: 'nConnected' }] }));
const pageAt = <T>(items: readonly T[], start: number) => items.slice(start, start + SIZE);
/** A token's page start (`a3` -> 3); the first page has none. */
const startOf = (token: string | null) => (token ? Number(token.slice(1)) : 0);
const more = (start: number) => start + SIZE < COUNT;

interface Served {
  url: URL;
  body: Record<string, unknown>;
}
interface Case {
  shape: string;
  operation: keyof typeof ops;
  run: () => AsyncIterable<unknown>;
  serve: (request: Served) => object;
  expected: readonly unknown[];
  /** Request targets the server saw, and (for POSTs) the bodies. */
  urls: string[];
  bodies?: unknown[];
}

const cases: Case[] = [
  {
    shape: 'entities · pageNumber (+nextUri)',
    operation: 'getUsers',
    run: () => paginate(api.getUsers, [{ pageSize: SIZE, expand: ['presence'] }]),
    serve: ({ url }) => {
      const n = Number(url.searchParams.get('pageNumber') ?? 1);
      const start = (n - 1) * SIZE;
      const link = (p: number) => `/api/v2/users?pageSize=${SIZE}&pageNumber=${p}&expand=presence`;
      return {
        entities: pageAt(entities, start),
        pageSize: SIZE,
        pageNumber: n,
        total: COUNT,
        pageCount: 3,
        firstUri: link(1),
        selfUri: link(n),
        lastUri: link(3),
        ...(more(start) ? { nextUri: link(n + 1) } : {}),
      };
    },
    expected: entities,
    urls: [
      '/api/v2/users?pageSize=3&expand=presence',
      '/api/v2/users?pageSize=3&pageNumber=2&expand=presence',
      '/api/v2/users?pageSize=3&pageNumber=3&expand=presence',
    ],
  },
  {
    shape: 'entities · nextUri',
    operation: 'getAnalyticsBotflowDivisionsReportingturns',
    run: () => paginate(api.getAnalyticsBotflowDivisionsReportingturns, ['bf1', { pageSize: String(SIZE) }]),
    serve: ({ url }) => {
      const start = startOf(url.searchParams.get('after'));
      const base = '/api/v2/analytics/botflows/bf1/divisions/reportingturns';
      return {
        entities: pageAt(entities, start),
        ...(more(start) ? { nextUri: `${base}?after=a${start + SIZE}&pageSize=3` } : {}),
        ...(start > 0 ? { previousUri: `${base}?before=b${start}` } : {}),
      };
    },
    expected: entities,
    urls: [
      '/api/v2/analytics/botflows/bf1/divisions/reportingturns?pageSize=3',
      '/api/v2/analytics/botflows/bf1/divisions/reportingturns?after=a3&pageSize=3',
      '/api/v2/analytics/botflows/bf1/divisions/reportingturns?after=a6&pageSize=3',
    ],
  },
  {
    shape: 'entities · single page',
    operation: 'getBusinessrulesSchemasCoretypes',
    run: () => paginate(api.getBusinessrulesSchemasCoretypes, []),
    serve: () => ({ entities, total: COUNT }),
    expected: entities,
    urls: ['/api/v2/businessrules/schemas/coretypes'],
  },
  {
    shape: 'results · pageNumber',
    operation: 'postUsersSearch',
    // Searches page through their body: a wrapper puts the page there.
    run: () =>
      paginate(
        (page: { pageNumber?: number }) => api.postUsersSearch({ query: [{ type: 'EXACT', value: 'x' }], pageSize: SIZE, ...page }),
        [{}],
      ),
    serve: ({ body }) => {
      const n = Number(body['pageNumber'] ?? 1);
      return {
        total: COUNT,
        pageCount: 3,
        pageSize: SIZE,
        pageNumber: n,
        types: ['users'],
        results: pageAt(entities, (n - 1) * SIZE),
        currentPage: `/api/v2/users/search?q64=p${n}`,
        ...(n < 3 ? { nextPage: `/api/v2/users/search?q64=p${n + 1}` } : {}),
      };
    },
    expected: entities,
    urls: ['/api/v2/users/search', '/api/v2/users/search', '/api/v2/users/search'],
    bodies: [undefined, 2, 3].map((n) => ({ query: [{ type: 'EXACT', value: 'x' }], pageSize: 3, ...(n ? { pageNumber: n } : {}) })),
  },
  {
    shape: 'results · cursor',
    operation: 'getAnalyticsConversationsAggregatesJobResults',
    run: () => paginate(api.getAnalyticsConversationsAggregatesJobResults, ['job1']),
    serve: ({ url }) => {
      const start = startOf(url.searchParams.get('cursor'));
      return { results: pageAt(aggregates, start), ...(more(start) ? { cursor: `c${start + SIZE}` } : {}) };
    },
    expected: aggregates,
    urls: [
      '/api/v2/analytics/conversations/aggregates/jobs/job1/results',
      '/api/v2/analytics/conversations/aggregates/jobs/job1/results?cursor=c3',
      '/api/v2/analytics/conversations/aggregates/jobs/job1/results?cursor=c6',
    ],
  },
  {
    shape: 'entities · pageNumber',
    operation: 'getAgenticVirtualagents',
    run: () => paginate(api.getAgenticVirtualagents, [{ pageSize: SIZE }]),
    serve: ({ url }) => {
      const n = Number(url.searchParams.get('pageNumber') ?? 1);
      return { entities: pageAt(entities, (n - 1) * SIZE), pageSize: SIZE, pageNumber: n, total: COUNT, pageCount: 3 };
    },
    expected: entities,
    urls: [
      '/api/v2/agentic/virtualagents?pageSize=3',
      '/api/v2/agentic/virtualagents?pageNumber=2&pageSize=3',
      '/api/v2/agentic/virtualagents?pageNumber=3&pageSize=3',
    ],
  },
  {
    shape: 'entities · after (+nextUri)',
    operation: 'getTaskmanagementWorkitemHistory',
    run: () => paginate(api.getTaskmanagementWorkitemHistory, ['w1', { pageSize: SIZE }]),
    serve: ({ url }) => {
      const start = startOf(url.searchParams.get('after'));
      const next = `a${start + SIZE}`;
      return {
        entities: pageAt(entities, start),
        ...(more(start) ? { after: next, nextUri: `/api/v2/taskmanagement/workitems/w1/history?after=${next}&pageSize=3` } : {}),
      };
    },
    expected: entities,
    urls: [
      '/api/v2/taskmanagement/workitems/w1/history?pageSize=3',
      '/api/v2/taskmanagement/workitems/w1/history?after=a3&pageSize=3',
      '/api/v2/taskmanagement/workitems/w1/history?after=a6&pageSize=3',
    ],
  },
  {
    shape: 'entities · cursors.after (+nextUri)',
    operation: 'getExternalcontactsScanContacts',
    // The page's token is cursors.after, the operation's parameter is cursor: the nextUri says so.
    run: () => paginate(api.getExternalcontactsScanContacts, [{ limit: SIZE }]),
    serve: ({ url }) => {
      const start = startOf(url.searchParams.get('cursor'));
      const next = `c${start + SIZE}`;
      return {
        entities: pageAt(entities, start),
        ...(more(start) ? { cursors: { after: next }, nextUri: `/api/v2/externalcontacts/scan/contacts?limit=3&cursor=${next}` } : {}),
      };
    },
    expected: entities,
    urls: [
      '/api/v2/externalcontacts/scan/contacts?limit=3',
      '/api/v2/externalcontacts/scan/contacts?limit=3&cursor=c3',
      '/api/v2/externalcontacts/scan/contacts?limit=3&cursor=c6',
    ],
  },
  {
    shape: 'entities · cursors.after (+nextUri)',
    operation: 'getExternalcontactsImportJobs',
    // Without a nextUri, cursors.after is asked for with after.
    run: () => paginate(api.getExternalcontactsImportJobs, [{ pageSize: String(SIZE) }]),
    serve: ({ url }) => {
      const start = startOf(url.searchParams.get('after'));
      return { entities: pageAt(entities, start), ...(more(start) ? { cursors: { after: `a${start + SIZE}` } } : {}) };
    },
    expected: entities,
    urls: [
      '/api/v2/externalcontacts/import/jobs?pageSize=3',
      '/api/v2/externalcontacts/import/jobs?after=a3&pageSize=3',
      '/api/v2/externalcontacts/import/jobs?after=a6&pageSize=3',
    ],
  },
  {
    shape: 'Resources · startIndex',
    operation: 'getScimUsers',
    run: () => paginate(api.getScimUsers, [{ count: SIZE }]),
    serve: ({ url }) => {
      const startIndex = Number(url.searchParams.get('startIndex') ?? 1);
      return {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        totalResults: COUNT,
        startIndex,
        itemsPerPage: SIZE,
        Resources: pageAt(entities, startIndex - 1),
      };
    },
    expected: entities,
    urls: ['/api/v2/scim/users?count=3', '/api/v2/scim/users?startIndex=4&count=3', '/api/v2/scim/users?startIndex=7&count=3'],
  },
  {
    shape: 'results · cursors.after',
    operation: 'getUsageSimplesearchExecutionIdResults',
    run: () => paginate(api.getUsageSimplesearchExecutionIdResults, ['x1', { pageSize: SIZE }]),
    serve: ({ url }) => {
      const start = startOf(url.searchParams.get('after'));
      return {
        results: pageAt(entities, start),
        queryStatus: 'Complete',
        ...(more(start) ? { cursors: { after: `a${start + SIZE}` } } : {}),
      };
    },
    expected: entities,
    urls: [
      '/api/v2/usage/simplesearch/x1/results?pageSize=3',
      '/api/v2/usage/simplesearch/x1/results?after=a3&pageSize=3',
      '/api/v2/usage/simplesearch/x1/results?after=a6&pageSize=3',
    ],
  },
  {
    shape: 'entities · cursor',
    operation: 'getAuditsQueryTransactionIdResults',
    run: () => paginate(api.getAuditsQueryTransactionIdResults, ['t1', { pageSize: SIZE }]),
    serve: ({ url }) => {
      const start = startOf(url.searchParams.get('cursor'));
      return { entities: pageAt(entities, start), pageSize: SIZE, ...(more(start) ? { cursor: `c${start + SIZE}` } : {}) };
    },
    expected: entities,
    urls: [
      '/api/v2/audits/query/t1/results?pageSize=3',
      '/api/v2/audits/query/t1/results?cursor=c3&pageSize=3',
      '/api/v2/audits/query/t1/results?cursor=c6&pageSize=3',
    ],
  },
  {
    shape: 'results · single page',
    operation: 'postKnowledgeKnowledgebaseDocumentsSearchSuggestions',
    run: () => paginate(api.postKnowledgeKnowledgebaseDocumentsSearchSuggestions, ['kb1', { body: { query: 'reset', pageSize: COUNT } }]),
    serve: () => ({ query: 'reset', pageSize: COUNT, results: entities }),
    expected: entities,
    urls: ['/api/v2/knowledge/knowledgebases/kb1/documents/search/suggestions'],
    bodies: [{ query: 'reset', pageSize: 7 }],
  },
  {
    shape: 'conversations · cursor',
    operation: 'getAnalyticsConversationsDetailsJobResults',
    run: () => paginate(api.getAnalyticsConversationsDetailsJobResults, ['job1', { pageSize: SIZE }]),
    serve: ({ url }) => {
      const start = startOf(url.searchParams.get('cursor'));
      return {
        conversations: pageAt(conversations, start),
        dataAvailabilityDate: '2024-01-01T00:00:00Z',
        ...(more(start) ? { cursor: `c${start + SIZE}` } : {}),
      };
    },
    expected: conversations,
    urls: [
      '/api/v2/analytics/conversations/details/jobs/job1/results?pageSize=3',
      '/api/v2/analytics/conversations/details/jobs/job1/results?cursor=c3&pageSize=3',
      '/api/v2/analytics/conversations/details/jobs/job1/results?cursor=c6&pageSize=3',
    ],
  },
  {
    shape: 'conversations · totalHits',
    operation: 'postAnalyticsConversationsDetailsQuery',
    // The page goes in the body's paging.
    run: () =>
      paginate(
        (page: { pageNumber?: number }) =>
          api.postAnalyticsConversationsDetailsQuery({ interval: 'i', paging: { pageSize: SIZE, pageNumber: page.pageNumber ?? 1 } }),
        [{}],
      ),
    serve: ({ body }) => {
      const n = (body['paging'] as { pageNumber: number }).pageNumber;
      return { conversations: pageAt(conversations, (n - 1) * SIZE), totalHits: COUNT };
    },
    expected: conversations,
    urls: Array(3).fill('/api/v2/analytics/conversations/details/query') as string[],
    bodies: [1, 2, 3].map((pageNumber) => ({ interval: 'i', paging: { pageSize: 3, pageNumber } })),
  },
  {
    shape: 'results · cursors.after (+nextUri)',
    operation: 'postAnalyticsTaskmanagementMetricsQuery',
    run: () => paginate(api.postAnalyticsTaskmanagementMetricsQuery, [{ interval: 'i' }, { pageSize: SIZE }]),
    serve: ({ url }) => {
      const start = startOf(url.searchParams.get('after'));
      const next = `a${start + SIZE}`;
      return {
        results: pageAt(aggregates, start),
        ...(more(start)
          ? { cursors: { after: next }, nextUri: `/api/v2/analytics/taskmanagement/metrics/query?after=${next}&pageSize=3` }
          : {}),
      };
    },
    expected: aggregates,
    urls: [
      '/api/v2/analytics/taskmanagement/metrics/query?pageSize=3',
      '/api/v2/analytics/taskmanagement/metrics/query?after=a3&pageSize=3',
      '/api/v2/analytics/taskmanagement/metrics/query?after=a6&pageSize=3',
    ],
    bodies: Array(3).fill({ interval: 'i' }),
  },
  {
    shape: 'userDetails · cursor',
    operation: 'getAnalyticsUsersDetailsJobResults',
    run: () => paginate(api.getAnalyticsUsersDetailsJobResults, ['job2']),
    serve: ({ url }) => {
      const start = startOf(url.searchParams.get('cursor'));
      return { userDetails: pageAt(userDetails, start), ...(more(start) ? { cursor: `c${start + SIZE}` } : {}) };
    },
    expected: userDetails,
    urls: [
      '/api/v2/analytics/users/details/jobs/job2/results',
      '/api/v2/analytics/users/details/jobs/job2/results?cursor=c3',
      '/api/v2/analytics/users/details/jobs/job2/results?cursor=c6',
    ],
  },
  {
    shape: 'userDetails · totalHits',
    operation: 'postAnalyticsUsersDetailsQuery',
    run: () =>
      paginate(
        (page: { pageNumber?: number }) =>
          api.postAnalyticsUsersDetailsQuery({ interval: 'i', paging: { pageSize: SIZE, pageNumber: page.pageNumber ?? 1 } }),
        [{}],
      ),
    serve: ({ body }) => {
      const n = (body['paging'] as { pageNumber: number }).pageNumber;
      return { userDetails: pageAt(userDetails, (n - 1) * SIZE), totalHits: COUNT };
    },
    expected: userDetails,
    urls: Array(3).fill('/api/v2/analytics/users/details/query') as string[],
    bodies: [1, 2, 3].map((pageNumber) => ({ interval: 'i', paging: { pageSize: 3, pageNumber } })),
  },
  {
    shape: 'data · single page',
    operation: 'getTelephonySiptraces',
    run: () => paginate(api.getTelephonySiptraces, ['2024-01-01', '2024-01-02']),
    serve: () => ({ data: entities, count: COUNT }),
    expected: entities,
    urls: ['/api/v2/telephony/siptraces?dateStart=2024-01-01&dateEnd=2024-01-02'],
  },
  {
    shape: 'entities · cursor (+nextUri)',
    operation: 'getUsersQuery',
    run: () => paginate(api.getUsersQuery, [{ pageSize: SIZE }]),
    serve: ({ url }) => {
      const start = startOf(url.searchParams.get('cursor'));
      const next = `c${start + SIZE}`;
      return {
        entities: pageAt(entities, start),
        ...(more(start) ? { cursor: next, nextUri: `/api/v2/users/query?cursor=${next}&pageSize=3` } : {}),
      };
    },
    expected: entities,
    urls: ['/api/v2/users/query?pageSize=3', '/api/v2/users/query?cursor=c3&pageSize=3', '/api/v2/users/query?cursor=c6&pageSize=3'],
  },
];

let server: TestServer;
let serve: (request: Served) => object = () => ({});
beforeAll(async () => {
  server = await startServer((request: RecordedRequest) => ({
    status: 200,
    body: serve({
      url: new URL(request.url, 'http://127.0.0.1'),
      body: request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {},
    }),
  }));
  client.setGateway({ host: '127.0.0.1', protocol: 'http', port: server.port });
  client.setAccessToken('t');
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const collect = async <T>(it: AsyncIterable<T>): Promise<T[]> => {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
};

it('covers every page shape of the spec, each with an operation of that shape', () => {
  const reader = {
    itemKeyOf: (page: Record<string, unknown>) => itemKeyOf(page),
    nextRuleOf: (page: Record<string, unknown>) =>
      nextPageOf(page, itemsOf(page), { requestedPageNumber: 2, requestedStartIndex: 2, itemsSoFar: 2 })?.rule,
  };
  const operations = listOperations().filter((op) => !(op.model in NOT_LISTS));
  const specShapes = new Set(operations.map((op) => shapeOf(op.model, op, reader)));
  for (const c of cases) {
    const op = operations.find((o) => o.operationId === c.operation);
    expect([c.operation, op && shapeOf(op.model, op, reader)]).toEqual([c.operation, c.shape]);
  }
  expect([...specShapes].sort()).toEqual([...new Set(cases.map((c) => c.shape))].sort());
});

it.each(cases.map((c) => [`${c.shape}: ${c.operation}`, c] as const))('%s', async (_name, c) => {
  serve = c.serve;
  expect(await collect(c.run())).toEqual(c.expected);
  expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual(c.urls.map((url) => `${ops[c.operation].method} ${url}`));
  if (c.bodies) expect(server.requests.map((r) => JSON.parse(r.body) as unknown)).toEqual(c.bodies);
});

describe('loop safety through the real client', () => {
  it('a server that ignores pageNumber: two requests, page 1 once, a PaginationError naming the method and the page', async () => {
    serve = () => ({ entities: pageAt(entities, 0), pageSize: SIZE, pageNumber: 1, pageCount: 5, total: 15 });
    const seen: Entity[] = [];
    const error = await (async () => {
      for await (const user of paginate(api.getUsers, [{ pageSize: SIZE }])) seen.push(user);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(pageAt(entities, 0));
    expect(server.requests.map((r) => r.url)).toEqual(['/api/v2/users?pageSize=3', '/api/v2/users?pageSize=3&pageNumber=2']);
    expect(error).toBeInstanceOf(PaginationError);
    expect(error).toMatchObject({ method: 'getUsers', page: 2, problem: 'repeated-page' });
  });

  it('a server that sends the same page under every cursor: page 1 once, then a PaginationError', async () => {
    let n = 0;
    serve = () => ({ conversations: pageAt(conversations, 0), cursor: `c${++n}` });
    const error = await collect(paginate(api.getAnalyticsConversationsDetailsJobResults, ['job1'])).catch((e: unknown) => e);
    expect(error).toMatchObject({ method: 'getAnalyticsConversationsDetailsJobResults', page: 2, problem: 'repeated-page' });
    expect(server.requests).toHaveLength(2);
  });

  it('breaking out of the loop sends no further request', async () => {
    serve = cases[0]!.serve;
    for await (const user of paginate(api.getUsers, [{ pageSize: SIZE }])) if (user.id === 'e3') break;
    expect(server.requests).toHaveLength(1);
  });
});
