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
  lines.push('@param opts.customHeaders - Per-request HTTP headers');
  if (op.deprecated) lines.push('@deprecated This operation is deprecated by Genesys Cloud.');
  return lines.join('\n');
}
