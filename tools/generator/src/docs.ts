/** TSDoc text for generated code. */
import type { Operation } from './model.js';

/** Text safe inside a `/** … *\/` block. */
export function docText(text: string | undefined): string {
  return (text ?? '').replace(/\*\//g, '*\\/').replace(/\r\n?/g, '\n').trim();
}

export function operationDoc(op: Operation): string {
  const lines: string[] = [];
  lines.push(docText(op.summary) || op.id);
  const description = docText(op.description);
  if (description && description !== docText(op.summary)) lines.push('', description);
  lines.push('', `\`${op.method} ${op.path}\``);
  if (op.preview) lines.push('', 'Preview: this resource is in preview and may change without notice.');
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
