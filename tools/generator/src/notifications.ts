/**
 * The typed events of `@gcsdk/notifications`: `src/generated/events.ts` holds the event models of
 * every mapped topic (and the models they reach), `src/generated/topics.ts` maps each topic template
 * to its model and says, by type alone, which model a concrete topic name carries. Types only: the
 * client ships no table at run time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectRefs, parseMappings, type NotificationTopicsDocument } from '@gcsdk/spec-extract';
import { emitModels, HEADER } from './emit.js';
import type { Schema } from './model.js';
import { propertyName } from './types.js';

export const TOPICS_FILE = 'spec/notification-topics.json';

/** `spec/notification-topics.json`, or undefined when the repository has none (fixture roots). */
export function readTopics(root: string): NotificationTopicsDocument | undefined {
  const path = join(root, TOPICS_FILE);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  const doc = JSON.parse(text) as NotificationTopicsDocument;
  // The same checks as when it was derived: a hand edit that breaks a template is caught here.
  const topics = parseMappings(JSON.stringify({ notifications: doc.topics.map((t) => ({ topic: t.topic, class: t.model })) }), TOPICS_FILE);
  return { source: doc.source, topics };
}

/** `v2.users.{id}.presence` → `` `v2.users.${string}.presence` ``. */
export function topicPattern(template: string): string {
  return template.includes('{id}') ? `\`${template.split('{id}').join('${string}')}\`` : JSON.stringify(template);
}

/** The models reached from `roots`, transitively, sorted. */
function reached(roots: string[], definitions: Record<string, Schema>): string[] {
  const seen = new Set<string>();
  const queue = roots.filter((name) => definitions[name]);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    for (const ref of collectRefs(definitions[name])) {
      const next = ref.replace('#/definitions/', '');
      if (definitions[next] && !seen.has(next)) queue.push(next);
    }
  }
  return [...seen].sort();
}

function topicsSource(doc: NotificationTopicsDocument, typed: NotificationTopicsDocument['topics'], untyped: string[]): string {
  const { repository, release, commit } = doc.source;
  const bodies = typed.map((t) => `  /** \`${t.topic}\` carries \`${t.model}\`. */\n  ${propertyName(t.topic)}: Events.${t.model};`);
  const patterns = typed.map((t) => `  ${propertyName(t.topic)}: ${topicPattern(t.topic)};`);
  const untypedNote = untyped.length
    ? ` Topics whose model the swagger lacks (${untyped.join(', ')}) are left out and get GenericEventBody.`
    : '';
  return `${HEADER}
/**
 * Which event model each Notifications topic carries: ${typed.length} topic templates, from
 * \`notificationMappings.json\` of ${repository} ${release} (commit ${commit.slice(0, 12)}), matched
 * by model name against the swagger.${untypedNote} Any other topic's event body is GenericEventBody.
 */
import type * as Events from './events.js';

export type * as Events from './events.js';

/** The event body of each topic template (\`{id}\` stands for any id). */
export interface TopicEventBodies {
${bodies.join('\n')}
}

/** A topic template as the concrete topic names it matches. */
export interface TopicPatterns {
${patterns.join('\n')}
}

export type TopicTemplate = keyof TopicEventBodies;

/** A topic template with each \`{id}\` replaced by \`\${string}\`: \`v2.users.\${string}.presence\`. */
export type TopicPattern<T extends string> = T extends \`\${infer Head}{id}\${infer Tail}\` ? \`\${Head}\${string}\${TopicPattern<Tail>}\` : T;

/** The body of an event whose topic no mapped template matches. */
export type GenericEventBody = { [key: string]: unknown };

/** The templates a concrete topic name matches. */
export type TemplatesOf<T extends string> = { [K in TopicTemplate]: T extends TopicPatterns[K] ? K : never }[TopicTemplate];

/**
 * The event body type of a topic name: the model of every template it matches, or GenericEventBody
 * when none does (or when the name is only known to be a \`string\`).
 */
export type EventBodyOf<T extends string> = string extends T
  ? GenericEventBody
  : [TemplatesOf<T>] extends [never]
    ? GenericEventBody
    : TopicEventBodies[TemplatesOf<T>];
`;
}

/** The two generated files of packages/notifications, keyed by path; none without a topics file. */
export function notificationFiles(root: string, definitions: Record<string, Schema>): Map<string, string> {
  const files = new Map<string, string>();
  const doc = readTopics(root);
  if (!doc) return files;
  const typed = doc.topics.filter((t) => definitions[t.model]);
  const untyped = doc.topics.filter((t) => !definitions[t.model]).map((t) => t.topic);
  const dir = join(root, 'packages/notifications/src/generated');
  files.set(
    join(dir, 'events.ts'),
    emitModels(
      reached(
        typed.map((t) => t.model),
        definitions,
      ),
      definitions,
      'events.ts',
    ),
  );
  files.set(join(dir, 'topics.ts'), topicsSource(doc, typed, untyped));
  return files;
}
