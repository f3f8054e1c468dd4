/**
 * The changes of one operation (same operationId in both specs), as the generated method shows them:
 * its signature (positional required arguments, then `opts`), its result, the request the core sends
 * (operation table) and its TSDoc.
 */
import { isDeepStrictEqual } from 'node:util';
import { finding, type Finding } from './bump.js';
import { docText, permissionsDoc } from './docs.js';
import type { Operation, Param } from './model.js';
import { compareTypes, shortType, typeFindings, typeText } from './type-diff.js';

const name = (p: Param) => `parameter \`${p.js}\``;
const list = (values: readonly string[]) => values.join(', ') || 'none';
const shown = (value: unknown) => (value === undefined ? 'none' : JSON.stringify(value));

/** One parameter kept under the same JavaScript name. */
function diffParam(before: Param, after: Param): Finding[] {
  const found: Finding[] = [];
  // Required parameters are positional, optional ones are `opts` keys: moving between them breaks calls.
  if (!before.required && after.required) found.push(finding('major', `${name(after)} made required (now a positional argument)`));
  if (before.required && !after.required) found.push(finding('major', `${name(after)} made optional (moved into \`opts\`)`));
  found.push(...typeFindings(name(after), compareTypes(before.schema, after.schema)));
  // Where and how the value is sent: calls compile unchanged and the SDK follows the server, so not breaking.
  if (before.in !== after.in) found.push(finding('minor', `${name(after)}: now sent in ${after.in} (was ${before.in})`));
  if (before.wire !== after.wire) found.push(finding('minor', `${name(after)}: now sent as \`${after.wire}\` (was \`${before.wire}\`)`));
  if ((before.collectionFormat ?? '') !== (after.collectionFormat ?? ''))
    found.push(
      finding('minor', `${name(after)}: collection format ${after.collectionFormat ?? 'none'} (was ${before.collectionFormat ?? 'none'})`),
    );
  // The default is documented only; the core does not send it.
  if (!isDeepStrictEqual(before.default, after.default))
    found.push(finding('patch', `${name(after)}: documented default ${shown(after.default)} (was ${shown(before.default)})`));
  if (docText(before.description) !== docText(after.description)) found.push(finding('patch', `${name(after)}: description changed`));
  return found;
}

/** The required parameters that are required in both, in each spec's order. */
function positionalOrder(params: Param[], other: Map<string, Param>): string[] {
  return params.filter((p) => p.required && other.get(p.js)?.required).map((p) => p.js);
}

function diffParams(before: Param[], after: Param[]): Finding[] {
  const old = new Map(before.map((p) => [p.js, p]));
  const now = new Map(after.map((p) => [p.js, p]));
  const found: Finding[] = [];
  for (const p of before) if (!now.has(p.js)) found.push(finding('major', `${name(p)} removed`));
  for (const p of after) {
    const previous = old.get(p.js);
    if (!previous)
      found.push(p.required ? finding('major', `${name(p)} added (required)`) : finding('minor', `${name(p)} added (optional)`));
    else found.push(...diffParam(previous, p));
  }
  const from = positionalOrder(before, now);
  const to = positionalOrder(after, old);
  if (!isDeepStrictEqual(from, to))
    found.push(finding('major', `positional arguments reordered: (${from.join(', ')}) → (${to.join(', ')})`));
  return found;
}

export function diffOperation(before: Operation, after: Operation): Finding[] {
  const found: Finding[] = [];
  if (before.method !== after.method || before.path !== after.path)
    found.push(finding('major', `now \`${after.method} ${after.path}\` (was \`${before.method} ${before.path}\`)`));
  found.push(...diffParams(before.params, after.params));
  // A result where there was none breaks no call (callers ignored it); losing or changing one does.
  if (!before.response && after.response) found.push(finding('minor', `response added: ${shortType(typeText(after.response))}`));
  else found.push(...typeFindings('response', compareTypes(before.response, after.response, 'void')));
  // Media types and auth are in the operation table: the request changes, the call does not.
  if (!isDeepStrictEqual(before.consumes, after.consumes))
    found.push(finding('minor', `request content types: ${list(after.consumes)} (were ${list(before.consumes)})`));
  if (!isDeepStrictEqual(before.produces, after.produces))
    found.push(finding('minor', `response content types: ${list(after.produces)} (were ${list(before.produces)})`));
  if (!isDeepStrictEqual(before.auth, after.auth))
    found.push(finding('minor', `authentication: ${list(after.auth)} (was ${list(before.auth)})`));
  // SemVer 2.0.0 §7: marking public API deprecated is a minor.
  if (!before.deprecated && after.deprecated) found.push(finding('minor', 'deprecated'));
  if (before.deprecated && !after.deprecated) found.push(finding('patch', 'no longer deprecated'));
  if (!before.preview && after.preview) found.push(finding('patch', 'now in preview'));
  if (before.preview && !after.preview) found.push(finding('patch', 'no longer in preview'));
  if (docText(before.summary) !== docText(after.summary)) found.push(finding('patch', 'summary changed'));
  if (docText(before.description) !== docText(after.description)) found.push(finding('patch', 'description changed'));
  // The permissions are documentation here (the call is the same), as the TSDoc states them.
  const permissions = (op: Operation) => (op.permissions ? permissionsDoc(op.permissions) : 'none recorded');
  if (permissions(before) !== permissions(after))
    found.push(finding('patch', `required permissions: ${permissions(after)} (was: ${permissions(before)})`));
  return found;
}
