/** The operation tables the generator writes, read back by the core's own parser. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SwaggerDocument } from '@gcsdk/spec-extract';
import type { OperationDescriptor } from '../../../packages/core/src/operation.js';
import { parseOperationTable } from '../../../packages/core/src/operation-table.js';
import { groupByTag } from '../src/model.js';
import { descriptorOf, operationTable } from '../src/table.js';

const op = (d: Partial<OperationDescriptor> & { name: string; path: string }): OperationDescriptor => ({ method: 'GET', params: [], ...d });

describe('operationTable', () => {
  it('writes one line per operation, sorted by path, sharing segments with the line above', () => {
    const table = operationTable('UsersApi', [
      op({
        name: 'getUser',
        path: '/api/v2/users/{userId}',
        params: [
          ['userId', 'path', '', '', 0],
          ['expand', 'query', '', 'multi'],
        ],
      }),
      op({ name: 'getUsers', path: '/api/v2/users', params: [['pageSize', 'query']] }),
      op({
        name: 'patchUser',
        method: 'PATCH',
        path: '/api/v2/users/{userId}',
        params: [
          ['userId', 'path', '', '', 0],
          ['body', 'body', '', '', 1],
        ],
      }),
      op({
        name: 'getUserQueues',
        path: '/api/v2/users/{userId}/queues',
        params: [
          ['userId', 'path', '', '', 0],
          ['joined', 'query', '', 'csv'],
        ],
      }),
      op({ name: 'getPresenceDefinitions0', path: '/api/v2/presence/definitions' }),
    ]);
    expect(table.split('\n')).toEqual([
      'G0presence/definitions @getPresenceDefinitions0',
      'G0users ?pageSize',
      'G1{} ?expand*',
      'A2 #!',
      'G2queues ?joined*csv',
    ]);
  });

  it('reads back what a table line cannot write plainly: escapes, explicit path parameters, media types, auth, other paths', () => {
    const descriptors: OperationDescriptor[] = [
      op({
        name: 'put it!',
        method: 'PUT',
        path: '/api/v2/a b/{id}/c,d',
        params: [
          ['id', 'path', '', '', 0],
          ['x=y', 'query', 'w*z', 'pipes'],
          ['If-Match', 'header', '@`${}\\'],
          ['payload', 'body', 'body', '', 1],
        ],
        consumes: ['text/plain', 'application/x-www-form-urlencoded'],
        produces: [],
        auth: ['Guest Chat JWT', 'PureCloud OAuth'],
      }),
      op({
        name: 'getThingParts',
        path: '/api/v2/things/{thingId}/parts/{partId}',
        params: [
          ['partId', 'path', '', '', 0],
          ['thingId', 'path', '', '', 1],
        ],
      }),
      op({
        name: 'headOld',
        method: 'HEAD',
        path: '/api/v1/old/{a}',
        params: [
          ['a', 'path', 'A', '', 0],
          ['f', 'form', '', 'multi', 1],
        ],
        auth: [],
      }),
      op({ name: 'optionsRoot', method: 'OPTIONS', path: '/api/v2/' }),
    ];
    const table = operationTable('OddApi', descriptors);
    expect(table).not.toMatch(/[`$\\]/);
    expect(table).toContain(':partId! :thingId!');
    const parsed = parseOperationTable(table);
    for (const d of descriptors) expect(parsed.find((p) => p.name === d.name)).toEqual(d);
  });

  it('refuses a table that does not give an operation back, naming the class, the operation and the line', () => {
    // A path placeholder without its parameter: the reader would add the parameter the line leaves out.
    const broken = op({ name: 'getWidget', path: '/api/v2/widgets/{widgetId}' });
    expect(() => operationTable('WidgetsApi', [broken])).toThrow(
      /^WidgetsApi: the operation table does not give back getWidget: line 1 "G0widgets\/\{\}" reads as .*"params":\[\["widgetId","path","","",0\]\].*, expected .*"params":\[\]/,
    );
    expect(() => operationTable('WidgetsApi', [op({ name: 'traceIt', method: 'TRACE' as 'GET', path: '/x' })])).toThrow(
      'Operation traceIt: no table letter for the HTTP method TRACE',
    );
  });
});

describe('the real spec', () => {
  const spec = JSON.parse(readFileSync(join(__dirname, '../../../spec/platform-api.swagger.json'), 'utf8')) as SwaggerDocument;
  const groups = groupByTag(spec);
  const tables = groups.map((g) => operationTable(g.className, g.operations.map(descriptorOf)));

  it('gives every operation of every package back exactly', () => {
    groups.forEach((g, i) => {
      const parsed = new Map(parseOperationTable(tables[i]!).map((d) => [d.name, d]));
      expect(parsed.size).toBe(g.operations.length);
      for (const operation of g.operations) expect(parsed.get(operation.id)).toEqual(descriptorOf(operation));
    });
  });

  it('derives nearly every method name from its method and path, and implies nearly every path parameter', () => {
    const lines = tables.flatMap((t) => t.split('\n'));
    expect(lines).toHaveLength(3468);
    expect(lines.filter((l) => l.includes(' @')).length).toBeLessThan(10);
    expect(lines.filter((l) => l.includes(' :')).length).toBeLessThan(10);
  });
});
