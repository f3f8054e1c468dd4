/**
 * Reads the JavaScript SDK's per-class API docs (`build/docs/UsersApi.md`): for each operation
 * (`## <operationId>`) the permissions it requires and the allowed values of its parameters.
 *
 *   ## getUsers
 *   > UserEntityListing getUsers(opts)
 *   GET /api/v2/users
 *   Requires ANY permissions:
 *   * directory:user:view
 *   ...
 *    **sortOrder** | **String** | Ascending or descending | [optional] [default to ASC]<br />**Values**: ascending, descending |
 */
import type { OperationEnrichment, ParameterEnrichment, PermissionType } from './types';

const SECTION = /^## (\w+)[ \t]*$/gm;
const PERMISSIONS = /^Requires (NO|ANY|ALL) permissions:[ \t]*$/m;
const VALUES = /\*\*Values\*\*:\s*(.*)$/;

/** `a &amp; b<br />c` -> `a & b c`: the Markdown cells carry a little HTML. */
export function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The bullet list that follows `Requires ANY|ALL permissions:`; undefined for `NO`. A bullet that
 * is not one word (`* They are enforced by the backend`) is prose, not a permission: it is left
 * out and reported through `notes`.
 */
function parsePermissions(section: string, where: string, notes: string[]): OperationEnrichment['permissions'] {
  const found = PERMISSIONS.exec(section);
  if (!found) throw new Error(`${where}: no "Requires … permissions:" line`);
  if (found[1] === 'NO') return undefined;
  const list: string[] = [];
  const after = section.slice(found.index + found[0].length).split('\n');
  let bullets = 0;
  for (const line of after) {
    const bullet = /^\* (.+?)\s*$/.exec(line);
    if (!bullet) {
      if (line.trim() !== '' || bullets > 0) break;
      continue;
    }
    bullets++;
    if (/^\S+$/.test(bullet[1]!)) list.push(bullet[1]!);
    else notes.push(`${where}: "${bullet[1]}" is not a permission; left out`);
  }
  if (bullets === 0) throw new Error(`${where}: "Requires ${found[1]} permissions:" lists nothing`);
  return list.length > 0 ? { type: found[1] as PermissionType, list } : undefined;
}

/**
 * The rows of the parameters table: ` **name** | **Type** | Description | Notes |`. Name, type and
 * notes are the first, second and last cells, so a `|` inside a description does no harm.
 */
function parseParameters(section: string, where: string): Record<string, ParameterEnrichment> {
  const params: Record<string, ParameterEnrichment> = {};
  for (const line of section.split('\n')) {
    const row = /^ ?\*\*(\w+)\*\* \| \*\*([^*|]+)\*\* \|(.*)\|\s*$/.exec(line);
    if (!row) continue;
    const [, name, type, rest] = row;
    // Only strings have allowed values worth keeping: a Boolean's "Values: true, false" says nothing.
    if (!/^\[?String\]?$/.test(type!.trim())) continue;
    const notes = rest!.slice(rest!.lastIndexOf('|') + 1);
    const values = VALUES.exec(notes);
    if (!values) continue;
    const list = plainText(values[1]!)
      .split(',')
      .map((value) => value.trim())
      .filter((value) => value.length > 0);
    if (list.length === 0) throw new Error(`${where}: parameter ${name} has an empty **Values** list`);
    if (params[name!]) throw new Error(`${where}: parameter ${name} is listed twice`);
    params[name!] = { enum: list, ...(/^\[.*\]$/.test(type!.trim()) ? { array: true as const } : {}) };
  }
  return params;
}

/**
 * Every operation section of one doc file, by operationId. `where` names the file in errors;
 * what is read but left out is added to `notes`.
 */
export function parseApiDoc(markdown: string, where: string, notes: string[] = []): Map<string, OperationEnrichment> {
  const text = markdown.replace(/\r\n/g, '\n');
  const heads = [...text.matchAll(SECTION)];
  const operations = new Map<string, OperationEnrichment>();
  heads.forEach((head, i) => {
    const id = head[1]!;
    const section = text.slice(head.index! + head[0].length, heads[i + 1]?.index ?? text.length);
    // Only operation sections: their first line is the signature `> Type id(args)`.
    if (!new RegExp(`^\\s*> .*\\b${id}\\(`).test(section)) return;
    const at = `${where} ## ${id}`;
    if (operations.has(id)) throw new Error(`${at}: the operation is documented twice`);
    const permissions = parsePermissions(section, at, notes);
    const params = parseParameters(section, at);
    operations.set(id, {
      ...(permissions ? { permissions } : {}),
      ...(Object.keys(params).length > 0 ? { params } : {}),
    });
  });
  return operations;
}
