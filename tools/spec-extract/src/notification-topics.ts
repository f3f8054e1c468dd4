/**
 * The Notifications API's topics and the model of each topic's event body. The Platform API swagger
 * holds the event models (Genesys's generator adds them from `GET /api/v2/notifications/availabletopics`)
 * but not which topic sends which; Genesys's SDK repositories publish that mapping beside the code,
 * as `notificationMappings.json`. It is read here from a local git copy of such a repository at a
 * recorded commit, so that `spec/notification-topics.json` can be derived again from the same bytes.
 */
import { execFileSync } from 'node:child_process';

export interface NotificationTopic {
  /** The topic template, `{id}` for each variable part: `v2.users.{id}.presence`. */
  topic: string;
  /** The swagger definition of its event body: `PresenceEventUserPresence`. */
  model: string;
}

export interface NotificationTopicsDocument {
  source: { repository: string; commit: string; release: string; path: string; license: string };
  topics: NotificationTopic[];
}

export const MAPPINGS_PATH = 'notificationMappings.json';
const TOPIC = /^v2(\.(\{id\}|[A-Za-z0-9_-]+))+$/;

function git(gitDir: string, args: string[]): string {
  try {
    return execFileSync('git', ['--git-dir', gitDir, ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`git ${args.join(' ')} in ${gitDir} failed${stderr ? `: ${stderr}` : ''}`, { cause: error });
  }
}

/** The mapping file's entries, checked: a topic template and a model name each, no topic twice. */
export function parseMappings(text: string, where: string): NotificationTopic[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${where} is not valid JSON`);
  }
  const list = (json as { notifications?: unknown }).notifications;
  if (!Array.isArray(list)) throw new Error(`${where} has no "notifications" list`);
  const seen = new Set<string>();
  return list
    .map((entry: unknown, i) => {
      const { topic, class: model } = (entry ?? {}) as { topic?: unknown; class?: unknown };
      if (typeof topic !== 'string' || !TOPIC.test(topic))
        throw new Error(`${where}: notifications[${i}].topic is not a topic template: ${JSON.stringify(topic)}`);
      if (typeof model !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(model))
        throw new Error(`${where}: notifications[${i}].class is not a model name: ${JSON.stringify(model)}`);
      if (seen.has(topic)) throw new Error(`${where}: topic ${topic} is listed twice`);
      seen.add(topic);
      return { topic, model };
    })
    .sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0));
}

/**
 * Reads the mapping from a git directory (a bare mirror is enough) at `commit` (default HEAD), with
 * the release it belongs to (the `version` of `build/package.json` at that commit).
 */
export function readNotificationTopics(gitDir: string, repository: string, commit = 'HEAD'): NotificationTopicsDocument {
  const sha = git(gitDir, ['rev-parse', '--verify', `${commit}^{commit}`]).trim();
  const mappings = git(gitDir, ['show', `${sha}:${MAPPINGS_PATH}`]);
  let release = 'unknown';
  try {
    release = String(JSON.parse(git(gitDir, ['show', `${sha}:build/package.json`])).version ?? 'unknown');
  } catch {
    // A repository without build/package.json still gives its mapping; the release is then unknown.
  }
  return {
    source: { repository, commit: sha, release, path: MAPPINGS_PATH, license: 'MIT' },
    topics: parseMappings(mappings, `${repository}@${sha.slice(0, 12)}:${MAPPINGS_PATH}`),
  };
}

/** The topics whose model the swagger lacks (they fall back to a generic event body). */
export function topicsWithoutModel(doc: NotificationTopicsDocument, definitions: Record<string, unknown>): NotificationTopic[] {
  return doc.topics.filter((t) => !Object.prototype.hasOwnProperty.call(definitions, t.model));
}

export function serializeNotificationTopics(doc: NotificationTopicsDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
