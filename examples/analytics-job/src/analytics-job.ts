/**
 * The job waiter: submits an analytics conversation details job, prints each status it polls, reads
 * every conversation of the results page by page, and summarises them. JobFailedError and
 * JobTimeoutError pass to the caller, who decides how to report them.
 */
import { waitForConversationDetailsJob, type ApiClient } from '@gcsdk/core';
import { AnalyticsApi, type AnalyticsConversation } from '@gcsdk/api-analytics';

/** Results per page: the most that DetailsJobOptions.pageSize (@gcsdk/core) documents. */
const PAGE_SIZE = 1000;

export interface JobSummary {
  jobId: string;
  conversations: number;
  pages: number;
  /** originatingDirection → conversations. */
  byDirection: Map<string, number>;
  /** mediaType of the sessions → conversations that have one (empty when the results carry no sessions). */
  byMediaType: Map<string, number>;
  /** Mean of conversationEnd − conversationStart over the conversations that have both, in ms. */
  averageDurationMs: number | undefined;
}

export async function runConversationJob(
  client: ApiClient,
  interval: string,
  timeoutMs: number,
  print: (line: string) => void,
): Promise<JobSummary> {
  print(`Submitting a conversation details job for ${interval}`);
  const job = await waitForConversationDetailsJob(
    new AnalyticsApi(client),
    { interval },
    {
      timeoutMs,
      pageSize: PAGE_SIZE,
      onProgress: ({ jobId, state, attempt, elapsedMs }) => print(`Job ${jobId}: ${state} (status request ${attempt}, ${elapsedMs} ms)`),
    },
  );
  const summary = emptySummary(job.jobId);
  let durationTotal = 0;
  let durations = 0;
  // Pages are fetched as the loop asks for them; breaking out would stop the requests.
  for await (const page of job.results.byPage()) {
    summary.pages++;
    for (const conversation of page.conversations ?? []) {
      summary.conversations++;
      count(summary.byDirection, conversation.originatingDirection ?? 'unknown');
      for (const mediaType of mediaTypesOf(conversation)) count(summary.byMediaType, mediaType);
      const duration = Date.parse(conversation.conversationEnd ?? '') - Date.parse(conversation.conversationStart ?? '');
      if (Number.isFinite(duration)) {
        durationTotal += duration;
        durations++;
      }
    }
  }
  summary.averageDurationMs = durations ? durationTotal / durations : undefined;
  return summary;
}

function emptySummary(jobId: string): JobSummary {
  return { jobId, conversations: 0, pages: 0, byDirection: new Map(), byMediaType: new Map(), averageDurationMs: undefined };
}

function count(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** The media types of a conversation's sessions, each once. */
function mediaTypesOf(conversation: AnalyticsConversation): Set<string> {
  const types = new Set<string>();
  for (const participant of conversation.participants ?? [])
    for (const session of participant.sessions ?? []) if (session.mediaType) types.add(session.mediaType);
  return types;
}

export function formatSummary(s: JobSummary): string[] {
  const list = (counts: Map<string, number>) =>
    [...counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, n]) => `${key} ${n}`)
      .join(', ');
  const lines = [`Read ${s.conversations} conversations in ${s.pages} ${s.pages === 1 ? 'page' : 'pages'} (job ${s.jobId})`];
  if (s.byDirection.size) lines.push(`By direction: ${list(s.byDirection)}`);
  if (s.byMediaType.size) lines.push(`By media type: ${list(s.byMediaType)}`);
  if (s.averageDurationMs !== undefined) lines.push(`Average duration: ${formatDuration(s.averageDurationMs)}`);
  return lines;
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
