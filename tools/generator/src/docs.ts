/** TSDoc text for generated code. */
import type { Operation, Permissions, Schema } from './model.js';

/**
 * Text safe inside a `/** … *\/` block. Javadoc's `{@code x}`, which a few of Genesys's descriptions
 * carry, is no TSDoc tag (TypeDoc warns on it): it becomes the code span it means.
 */
export function docText(text: string | undefined): string {
  return (text ?? '')
    .replace(/\{@code\s+([^}]*)\}/g, '`$1`')
    .replace(/\*\//g, '*\\/')
    .replace(/\r\n?/g, '\n')
    .trim();
}

export function operationDoc(op: Operation): string {
  const lines: string[] = [];
  lines.push(docText(op.summary) || op.id);
  const description = docText(op.description);
  if (description && description !== docText(op.summary)) lines.push('', description);
  lines.push('', `\`${op.method} ${op.path}\``);
  if (op.preview) lines.push('', 'Preview: this resource is in preview and may change without notice.');
  // In the description, before the block tags: after them it would read as part of the last tag.
  if (op.permissions) lines.push('', permissionsDoc(op.permissions));
  for (const p of op.params.filter((x) => x.required)) lines.push(`@param ${p.js} - ${docText(p.description) || p.wire}`);
  lines.push('@param opts - Optional parameters');
  for (const p of op.params.filter((x) => !x.required)) {
    const defaults = p.default !== undefined ? ` (default: ${JSON.stringify(p.default)})` : '';
    lines.push(`@param opts.${p.js} - ${docText(p.description) || p.wire}${defaults}`);
  }
  lines.push(
    '@param opts.customHeaders - Per-request HTTP headers',
    '@param opts.signal - Aborts the call: before it is sent, in flight, or while it waits to be retried (rejects with `AbortError`)',
    "@param opts.timeout - Milliseconds each attempt may take (default: the client's timeout; 0 for none); a call that runs out of time rejects with `TimeoutError`",
  );
  if (op.deprecated) lines.push('@deprecated This operation is deprecated by Genesys Cloud.');
  return lines.join('\n');
}

/** `Requires ANY of these permissions: …`, or that none is needed when the recorded list is empty. */
export function permissionsDoc(permissions: Permissions): string {
  if (permissions.permissions.length === 0) return 'Requires no permissions.';
  const list = permissions.permissions.map((p) => `\`${docText(p)}\``).join(', ');
  return `Requires ${docText(permissions.type).toUpperCase()} of these permissions: ${list}.`;
}

/** What a property's TypeScript type cannot say: integer, not any number; a date, in which form. */
function kindNote(schema: Schema): string {
  const one = schema.type === 'array' && schema.items && !schema.items.$ref ? schema.items : schema;
  const many = one !== schema;
  // An enum's union already shows its values.
  if (one.enum?.length) return '';
  if (one.type === 'integer') return many ? 'Integers.' : 'Integer.';
  if (one.type === 'string' && one.format === 'date') return many ? 'Dates, ISO 8601 (`YYYY-MM-DD`).' : 'Date, ISO 8601 (`YYYY-MM-DD`).';
  if (one.type === 'string' && one.format === 'date-time') return many ? 'Dates and times, ISO 8601.' : 'Date and time, ISO 8601.';
  return '';
}

/** Genesys's sentence on the form of a date, which the note after the description says shorter. */
const DATE_SENTENCE: Record<string, RegExp> = {
  'date-time': /\s*Date time is represented as an ISO-8601 string\. For example: yyyy-MM-ddTHH:mm:ss\[\.mmm\]Z\.?/,
  date: /\s*Dates are represented as an ISO-8601 string\. For example: yyyy-MM-dd\.?/,
};

/** Words a description may add to a property's name and still say nothing more (`id`: "The globally unique identifier for the object."). */
const FILLER = new Set(['a', 'an', 'the', 'of', 'for', 'this', 'to', 'object', 'entity', 'resource', 'globally', 'unique']);

/** Whether the description only restates the property's name: it costs bytes in every package and tells nothing. */
function restatesName(description: string, name: string): boolean {
  const nameWords = new Set(name.split(/(?=[A-Z])|[^A-Za-z0-9]+/).map((w) => w.toLowerCase()));
  const words = description
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.every((w) => FILLER.has(w) || nameWords.has(w === 'identifier' ? 'id' : w));
}

/**
 * A property's TSDoc: its description, then its kind (`Integer.`, the date form); '' when there is
 * nothing to say. A description that only restates the name is left out, and so is Genesys's
 * sentence on the form of a date (the note says it).
 */
export function propertyDoc(schema: Schema, name: string): string {
  const one = schema.type === 'array' && schema.items ? schema.items : schema;
  // One line per property: a description's line breaks would double the lines of models.ts.
  let description = docText(schema.description).replace(/\s+/g, ' ');
  const sentence = one.format ? DATE_SENTENCE[one.format] : undefined;
  if (sentence && one.type === 'string') description = description.replace(sentence, '').trim();
  if (restatesName(description, name)) description = '';
  const note = kindNote(schema);
  if (!description) return note;
  if (!note) return description;
  return `${description}${/[.!?:)]$/.test(description) ? '' : '.'} ${note}`;
}
