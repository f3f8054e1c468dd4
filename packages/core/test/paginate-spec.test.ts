/**
 * paginate against the spec: every list response model of spec/platform-api.swagger.json is a page
 * paginate reads (its items from the model's item array, a next page where the model has one), and
 * every list operation is asked for its next page through a parameter it takes. A model or an
 * operation of a shape paginate does not know fails here, by name.
 */
import { itemKeyOf, itemsOf, nextPageOf, type PageContext } from '../src/paging/envelope.js';
import {
  continuationParamsOf,
  isContinuationField,
  itemArrayOf,
  linklessPageOf,
  listOperations,
  middlePageOf,
  NOT_LISTS,
  propertiesOf,
  shapeOf,
  spec,
  type ListOperation,
} from './support/paging-spec.js';

/** The context of the middle page (page 2, one item a page, asked for with pageNumber 2 / startIndex 2). */
const context: PageContext = { requestedPageNumber: 2, requestedStartIndex: 2, itemsSoFar: 2 };
const reader = {
  itemKeyOf: (page: Record<string, unknown>) => itemKeyOf(page),
  nextRuleOf: (page: Record<string, unknown>) => nextPageOf(page, itemsOf(page), context)?.rule,
};
const operations = listOperations();
const pages = operations.filter((op) => !(op.model in NOT_LISTS));
const models = [...new Set(pages.map((op) => op.model))];

/** Where `op` takes each parameter of `params`: in its opts (query), its body, its body's `paging`; undefined for one it does not take. */
function placeOf(op: ListOperation, params: readonly string[]): ('opts' | 'body' | 'body.paging' | undefined)[] {
  return params.map((p) =>
    op.queryParams.includes(p) ? 'opts' : op.bodyProps.includes(p) ? 'body' : op.bodyPagingProps.includes(p) ? 'body.paging' : undefined,
  );
}

it('finds the list operations of the spec', () => {
  expect(operations.length).toBeGreaterThan(500);
  expect(models.length).toBeGreaterThan(400);
  // Models named as not being lists still exist (else the exception list has gone stale).
  for (const model of Object.keys(NOT_LISTS)) expect(operations.some((op) => op.model === model)).toBe(true);
});

/** Problems of the items paginate reads: the page's items must be the model's item array. */
function itemProblems(ops: readonly ListOperation[]): string[] {
  const problems: string[] = [];
  for (const op of ops) {
    const expected = itemArrayOf(op.model);
    const page = middlePageOf(op.model, op);
    if (!expected)
      problems.push(`${op.model} (${op.operationId}): no single item array among ${propertiesOf(op.model).map((p) => p.name)}`);
    else if (itemKeyOf(page) !== expected || itemsOf(page) !== page[expected]) {
      problems.push(`${op.model} (${op.operationId}): paginate reads ${itemKeyOf(page) ?? 'no array'}, the items are ${expected}`);
    }
  }
  return problems;
}

/** Operations that take a parameter choosing the page (the others return one page: there is no next to ask for). */
const isPaged = (op: ListOperation) => {
  const { query, body } = continuationParamsOf(op);
  return query.length > 0 || body.length > 0;
};

/** Problems of the next page paginate finds on a middle page: a model that says there is one must get one paginate can follow. */
function nextPageProblems(ops: readonly ListOperation[]): string[] {
  const problems: string[] = [];
  for (const op of ops.filter(isPaged)) {
    const continuation = propertiesOf(op.model)
      .map((p) => p.name)
      .filter(isContinuationField);
    const page = middlePageOf(op.model, op);
    const next = nextPageOf(page, itemsOf(page), context);
    if (continuation.length > 0 && next === undefined)
      problems.push(`${op.model} (${op.operationId}): has ${continuation} but paginate finds no next page`);
    if (next && Object.keys(next.params).length === 0)
      problems.push(`${op.model} (${op.operationId}): paginate cannot follow its nextUri ${String(page['nextUri'])}`);
  }
  return problems;
}

/** Problems of the parameters paginate asks with: each must be one the operation takes (in its opts, body or body paging). */
function parameterProblems(ops: readonly ListOperation[]): string[] {
  const problems: string[] = [];
  for (const op of ops) {
    const { query, body } = continuationParamsOf(op);
    if (!isPaged(op)) {
      // One page only; a GET search (q64) pages through its POST twin, checked on its own.
      if (op.queryParams.includes('q64') && !postTwinOf(op)) problems.push(`${op.operationId}: q64 search without a POST twin`);
      continue;
    }
    const page = middlePageOf(op.model, op);
    const params = Object.keys(nextPageOf(page, itemsOf(page), context)?.params ?? {});
    if (params.length === 0 || placeOf(op, params).includes(undefined)) {
      problems.push(
        `${op.operationId} (${op.model}): paginate asks with ${params.join(', ') || 'nothing'}; it takes ${[...query, ...body].join(', ')}`,
      );
    }
    // Where a page can also come without its link, paginate falls back to a parameter the operation takes (or the link is the only way).
    const linkless = linklessPageOf(op.model, op);
    const fallback = Object.keys(nextPageOf(linkless, itemsOf(linkless), context)?.params ?? {});
    if (fallback.length > 0 && placeOf(op, fallback).includes(undefined) && !LINK_ONLY[op.operationId]) {
      problems.push(
        `${op.operationId} (${op.model}): without a nextUri paginate asks with ${fallback.join(', ')}; it takes ${[...query, ...body].join(', ')}`,
      );
    }
  }
  return problems;
}

it('reads the items of every list model from its item array', () => {
  expect(itemProblems(pages)).toEqual([]);
});

it('finds the next page of every list model that has one', () => {
  expect(nextPageProblems(pages)).toEqual([]);
});

it('asks every list operation for its next page through a parameter it takes', () => {
  expect(parameterProblems(pages)).toEqual([]);
});

it('a list model of a shape paginate does not know fails these checks, by name', () => {
  // As a future spec could bring them: items under another name, a token under another name.
  spec.definitions['FutureItemsListing'] = {
    type: 'object',
    properties: { items: { type: 'array', items: { type: 'object' } }, nextUri: { type: 'string' } },
  };
  spec.definitions['FutureTokenListing'] = {
    type: 'object',
    properties: { entities: { type: 'array', items: { type: 'object' } }, nextPageToken: { type: 'string' } },
  };
  try {
    const future = (model: string, queryParams: string[]): ListOperation => ({
      operationId: `get${model}`,
      method: 'GET',
      path: `/api/v2/future/${model}`,
      model,
      queryParams,
      pathParams: [],
      bodyModel: undefined,
      bodyProps: [],
      bodyPagingProps: [],
    });
    expect(itemProblems([future('FutureItemsListing', ['pageNumber'])])).toEqual([
      'FutureItemsListing (getFutureItemsListing): paginate reads no array, the items are items',
    ]);
    expect(nextPageProblems([future('FutureTokenListing', ['pageToken'])])).toEqual([
      'FutureTokenListing (getFutureTokenListing): has nextPageToken but paginate finds no next page',
    ]);
    expect(parameterProblems([future('FutureTokenListing', ['pageToken'])])).toEqual([
      'getFutureTokenListing (FutureTokenListing): paginate asks with nothing; it takes pageToken',
    ]);
    // A parameter paginate does not send (offset), named in the link of a known envelope.
    expect(parameterProblems([{ ...future('OffsetListing', ['offset']), model: 'CursorContactListing' }])).toEqual([
      'getOffsetListing (CursorContactListing): paginate asks with after; it takes offset',
      'getOffsetListing (CursorContactListing): without a nextUri paginate asks with after; it takes offset',
    ]);
  } finally {
    delete spec.definitions['FutureItemsListing'];
    delete spec.definitions['FutureTokenListing'];
  }
});

/**
 * Operations whose page says where the next one is twice, in a `nextUri` (which names this operation's
 * parameter) and in `cursors.after`, while the operation takes the token as `cursor`: paginate
 * follows the link; without one, `after` is what the other `cursors.after` operations take.
 */
const LINK_ONLY: Readonly<Record<string, true>> = Object.fromEntries(
  [
    'getExternalcontactsExternalsources',
    'getExternalcontactsGraphsClusterscans',
    'getExternalcontactsGraphsClusterscanClusters',
    'getExternalcontactsScanContacts',
    'getExternalcontactsScanContactsDivisionviewsAll',
    'getExternalcontactsScanNotes',
    'getExternalcontactsScanNotesDivisionviewsAll',
    'getExternalcontactsScanOrganizations',
    'getExternalcontactsScanOrganizationsDivisionviewsAll',
    'getExternalcontactsScanRelationships',
    'getExternalcontactsScanRelationshipsDivisionviewsAll',
  ].map((id) => [id, true]),
);

it('the link-only exceptions are all still cursor operations with a nextUri', () => {
  for (const id of Object.keys(LINK_ONLY)) {
    const op = pages.find((o) => o.operationId === id);
    expect(op?.queryParams).toContain('cursor');
    expect(propertiesOf(op!.model).map((p) => p.name)).toEqual(expect.arrayContaining(['nextUri', 'cursors']));
  }
});

function postTwinOf(op: ListOperation): ListOperation | undefined {
  return pages.find((o) => o.path === op.path && o.method === 'POST' && o.model === op.model);
}

it('names the shapes found (set PAGINATE_REPORT=1 to print them)', () => {
  const shapes = new Map<
    string,
    { models: Set<string>; operations: Set<string>; places: Map<string, number>; examples: Map<string, string> }
  >();
  for (const op of pages) {
    const shape = shapeOf(op.model, op, reader);
    const entry = shapes.get(shape) ?? { models: new Set(), operations: new Set(), places: new Map(), examples: new Map() };
    entry.models.add(op.model);
    entry.operations.add(op.operationId);
    const { query, body } = continuationParamsOf(op);
    const place =
      query.length > 0 ? 'opts' : body.length > 0 ? 'body (wrapper)' : op.queryParams.includes('q64') ? 'q64 (POST twin)' : 'one page';
    entry.places.set(place, (entry.places.get(place) ?? 0) + 1);
    if (!entry.examples.has(place)) entry.examples.set(place, op.operationId);
    shapes.set(shape, entry);
  }
  if (process.env['PAGINATE_REPORT']) {
    const rows = [...shapes].sort((a, b) => b[1].operations.size - a[1].operations.size);
    const lines = rows.map(
      ([shape, e]) =>
        `${shape}: ${e.models.size} models, ${e.operations.size} operations (${[...e.places].map(([p, n]) => `${p} ${n}: ${e.examples.get(p)}`).join(', ')})`,
    );
    const notLists = operations.filter((op) => op.model in NOT_LISTS);
    lines.push(`not lists: ${new Set(notLists.map((o) => o.model)).size} models, ${notLists.length} operations`);
    lines.push(`total: ${models.length} models, ${pages.length} operations, spec ${Object.keys(spec.definitions).length} definitions`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  expect([...shapes.keys()].every((shape) => !shape.startsWith('(no items)'))).toBe(true);
});
