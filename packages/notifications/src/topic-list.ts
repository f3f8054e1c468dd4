import { NotificationsError } from './errors.js';

/**
 * The topics a caller passed, checked before any request: one name or an array of them, each a non-empty
 * string starting `v2.`. Duplicates are dropped; the order is kept.
 */
export function topicList(topics: unknown, what: 'subscribe' | 'unsubscribe'): string[] {
  const list: unknown[] = typeof topics === 'string' ? [topics] : Array.isArray(topics) ? topics : [];
  if (typeof topics !== 'string' && !Array.isArray(topics))
    throw new NotificationsError(
      'invalid-topic',
      `${what}() takes a topic name or an array of them, got ${topics === null ? 'null' : typeof topics}`,
    );
  if (list.length === 0) throw new NotificationsError('invalid-topic', `${what}() was given no topic`);
  list.forEach((topic, index) => {
    const where = Array.isArray(topics) ? `topic at index ${index}` : 'topic';
    if (typeof topic !== 'string' || topic.trim() === '')
      throw new NotificationsError(
        'invalid-topic',
        `${what}(): ${where} must be a non-empty string, got ${typeof topic === 'string' ? '""' : String(topic)}`,
      );
    if (!topic.startsWith('v2.') || topic.length === 3 || /\s/.test(topic))
      throw new NotificationsError(
        'invalid-topic',
        `${what}(): ${where} ${JSON.stringify(topic)} is not a topic name (like "v2.users.{id}.presence")`,
      );
  });
  return [...new Set(list as string[])];
}
