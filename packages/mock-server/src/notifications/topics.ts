/** Notification topic names: `v2.` then dot-separated segments of letters, digits, `_` and `-`. */

const TOPIC = /^v2(\.[A-Za-z0-9_-]+)+$/;
/** Longest topic accepted; real topics are far shorter. */
const MAX_TOPIC_LENGTH = 500;

export function isTopic(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_TOPIC_LENGTH && TOPIC.test(value);
}

/** Why a topic is refused, quoting it (shortened), for a 400. */
export function topicProblem(value: unknown): string {
  const shown = typeof value === 'string' ? JSON.stringify(value.length > 100 ? `${value.slice(0, 100)}…` : value) : String(value);
  return `Invalid topic ${shown}: a topic is v2. followed by dot-separated segments of letters, digits, _ and - (e.g. v2.users.{id}.presence with the id filled in)`;
}
