/**
 * The spec's list operations, read from spec/platform-api.swagger.json independently of paginate:
 * every operation whose 2xx response model has an array and a paging field, with the parameters it
 * takes (query, body properties, body `paging` properties). Used by the paginate spec and
 * end-to-end tests.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Schema {
  type?: string;
  $ref?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
}
interface Parameter {
  name: string;
  in: string;
  schema?: Schema;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  responses?: Record<string, { schema?: Schema }>;
}
interface Swagger {
  paths: Record<string, Record<string, Operation>>;
  definitions: Record<string, Schema>;
}

export const spec = JSON.parse(readFileSync(join(__dirname, '../../../../spec/platform-api.swagger.json'), 'utf8')) as Swagger;

/** Fields that make a model with an array a page of a list. Exact names, plus any `next…`/`…Token` name a future spec may bring. */
const PAGING_FIELDS = new Set([
  'pageNumber',
  'pageSize',
  'pageCount',
  'total',
  'totalHits',
  'totalResults',
  'itemsPerPage',
  'startIndex',
  'nextUri',
  'previousUri',
  'nextPage',
  'previousPage',
  'cursor',
  'cursors',
  'after',
  'before',
  'count',
  'offset',
  'limit',
  'hasMore',
]);
const PAGING_PATTERN = /^(next|previous)(Uri|Page|Cursor|Token|Link|PageToken)$|[a-z]PageToken$|^(page|continuation)Token$/;
export const isPagingField = (name: string) => PAGING_FIELDS.has(name) || PAGING_PATTERN.test(name);

/** Fields that say a page may have a successor (as opposed to totals and sizes, which a single-page list has too). */
const CONTINUATION_FIELD = /^(nextUri|nextPage|cursor|cursors|after|pageNumber|startIndex|totalHits|hasMore)$|^next|Token$/;
export const isContinuationField = (name: string) => CONTINUATION_FIELD.test(name);

/** Request parameters that choose a page (query, body or body `paging`); sizes and `before` are not. */
const CONTINUATION_PARAM = /^(pageNumber|page|cursor|after|nextPage|startIndex|offset|paging)$|Token$|^next|^continuation/;
export const isContinuationParam = (name: string) => CONTINUATION_PARAM.test(name);

/**
 * Models with an array and a paging-looking field that are not pages of a list, with the reason.
 * A model not named here must be a page paginate handles.
 */
export const NOT_LISTS: Readonly<Record<string, string>> = {
  Document: 'pageCount is the number of pages of the document; tags, acl, thumbnails are its own fields',
  FaxDocument: 'pageCount is the number of pages of the fax; thumbnails are its own field',
};

/** Arrays a page carries beside its items. */
export const METADATA_ARRAYS: Readonly<Record<string, string>> = {
  schemas: 'SCIM: the URNs of the response schema',
  types: 'search: the resource types searched',
  aggregations: 'analytics detail queries: the aggregation results, beside the conversations or users',
  errorDetails: 'history listings: the errors of the job, beside its entities',
  enabledDataSchemas: 'data extraction metadata: the schemas enabled, beside the files',
};

export interface ModelProperty {
  name: string;
  type: string | undefined;
  ref: string | undefined;
  itemRef: string | undefined;
}

export interface ListOperation {
  operationId: string;
  method: string;
  path: string;
  model: string;
  queryParams: string[];
  pathParams: string[];
  bodyModel: string | undefined;
  bodyProps: string[];
  /** Properties of the body's `paging` object (analytics detail queries), when it has one. */
  bodyPagingProps: string[];
}

const refName = (schema: Schema | undefined) => schema?.$ref?.split('/').pop();

export function propertiesOf(model: string): ModelProperty[] {
  return Object.entries(spec.definitions[model]?.properties ?? {}).map(([name, schema]) => ({
    name,
    type: schema.type,
    ref: refName(schema),
    itemRef: refName(schema.items),
  }));
}

/** A model with an array (or the free-JSON `results` of JSON searches) and a paging field. */
export function isListCandidate(model: string): boolean {
  const props = propertiesOf(model);
  const hasArray = props.some((p) => p.type === 'array' || (p.name === 'results' && p.type === 'object' && !p.ref));
  return hasArray && props.some((p) => isPagingField(p.name));
}

/** The model's item array, judged from the spec alone: its one array that is not page metadata (or the free-JSON `results`). */
export function itemArrayOf(model: string): string | undefined {
  const props = propertiesOf(model);
  const arrays = props.filter((p) => p.type === 'array' && !(p.name in METADATA_ARRAYS));
  if (arrays.length === 1) return arrays[0]!.name;
  if (arrays.length === 0 && props.some((p) => p.name === 'results' && p.type === 'object')) return 'results';
  return undefined;
}

/** Every operation whose first 2xx response is a list candidate (NOT_LISTS included, for the test to account for). */
export function listOperations(): ListOperation[] {
  const out: ListOperation[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op.operationId || !op.responses) continue;
      const success = Object.entries(op.responses).find(([code, r]) => code.startsWith('2') && r.schema?.$ref);
      const model = refName(success?.[1].schema);
      if (!model || !isListCandidate(model)) continue;
      const params = op.parameters ?? [];
      const bodyModel = refName(params.find((p) => p.in === 'body')?.schema);
      const bodyProps = bodyModel ? propertiesOf(bodyModel) : [];
      const paging = bodyProps.find((p) => p.name === 'paging' && p.ref);
      out.push({
        operationId: op.operationId,
        method: method.toUpperCase(),
        path,
        model,
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        bodyModel,
        bodyProps: bodyProps.map((p) => p.name),
        bodyPagingProps: paging ? propertiesOf(paging.ref!).map((p) => p.name) : [],
      });
    }
  }
  return out;
}

/** The parameters that choose a page, wherever the operation takes them. */
export function continuationParamsOf(op: ListOperation): { query: string[]; body: string[] } {
  return {
    query: op.queryParams.filter(isContinuationParam),
    body: [
      ...op.bodyProps.filter((p) => isContinuationParam(p) && p !== 'paging'),
      ...op.bodyPagingProps.filter(isContinuationParam).map((p) => `paging.${p}`),
    ],
  };
}

/**
 * A middle page of `model` as the server of `op` would send it: every array holds one item, the
 * counts say there are more pages, every token is set, and `nextUri` names the parameters that
 * choose a page for this operation (the server's link is for its own operation).
 */
export function middlePageOf(model: string, op: ListOperation): Record<string, unknown> {
  const { query, body } = continuationParamsOf(op);
  const linkParams = [...query, ...body.map((p) => p.replace(/^paging\./, ''))].map(
    (p) => `${p}=${p === 'pageNumber' || p === 'startIndex' ? 3 : `${p}-token`}`,
  );
  const page: Record<string, unknown> = {};
  for (const p of propertiesOf(model)) {
    if (p.type === 'array' || (p.name === 'results' && p.type === 'object' && !p.ref)) page[p.name] = [{ id: `${model}.${p.name}` }];
    else if (p.name === 'nextUri') page[p.name] = `/api/v2${op.path.replace(/^\/api\/v2/, '')}?${['pageSize=1', ...linkParams].join('&')}`;
    else if (p.ref && p.name === 'cursors')
      page[p.name] = Object.fromEntries(propertiesOf(p.ref).map((c) => [c.name, `cursors.${c.name}-token`]));
    else if (p.type === 'number' || p.type === 'integer') page[p.name] = MIDDLE_NUMBERS[p.name] ?? 30;
    else if (p.type === 'string') page[p.name] = `${p.name}-token`;
  }
  return page;
}

/** Page 2 of 30 pages of one item each. */
const MIDDLE_NUMBERS: Readonly<Record<string, number>> = { pageNumber: 2, pageSize: 1, itemsPerPage: 1, startIndex: 2 };

/** A page of `model` with every field set but no `nextUri`. */
export function linklessPageOf(model: string, op: ListOperation): Record<string, unknown> {
  const { nextUri: _link, ...page } = middlePageOf(model, op);
  return page;
}

/** The middle-page reading paginate does, for naming shapes: `entities · pageNumber (+nextUri)`, `conversations · cursor`, … */
export interface PageReader {
  itemKeyOf(page: Record<string, unknown>): string | undefined;
  nextRuleOf(page: Record<string, unknown>): string | undefined;
}

/** The shape of a list model: its items and how a page names the next one without a link (and whether it has a link). */
export function shapeOf(model: string, op: ListOperation, reader: PageReader): string {
  const items = reader.itemKeyOf(middlePageOf(model, op)) ?? '(no items)';
  const rule = reader.nextRuleOf(linklessPageOf(model, op));
  const linked = propertiesOf(model).some((p) => p.name === 'nextUri');
  return `${items} · ${rule ?? (linked ? 'nextUri' : 'single page')}${rule && linked ? ' (+nextUri)' : ''}`;
}
