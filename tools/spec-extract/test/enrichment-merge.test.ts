/** The merge rules: by name, the reference wins, nothing added the reference lacks, conflicts counted. */
import { applyEnrichment, enrichSwagger } from '../src/enrichment/merge';
import { formatEnrichmentReport } from '../src/enrichment/report';
import type { EnrichmentDocument } from '../src/enrichment/types';
import { serializeSwagger } from '../src/normalize';
import type { SwaggerDocument } from '../src/swagger';

function reference(): SwaggerDocument {
  return {
    swagger: '2.0',
    info: { title: 'T', version: '1' },
    paths: {
      '/api/v2/users': {
        get: {
          tags: ['Users'],
          operationId: 'getUsers',
          parameters: [
            { name: 'sortOrder', in: 'query', required: false, type: 'string', default: 'ASC' },
            { name: 'expand', in: 'query', required: false, type: 'array', items: { type: 'string' }, collectionFormat: 'multi' },
            { name: 'X-Journey-Session-Id', in: 'header', required: false, type: 'string' },
            { name: 'active', in: 'query', required: false, type: 'boolean' },
            { name: 'state', in: 'query', required: false, type: 'string', enum: ['active'] },
          ],
          responses: {},
        },
        post: {
          tags: ['Users'],
          operationId: 'postUsers',
          parameters: [{ name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/User' } }],
          responses: {},
          'x-inin-requires-permissions': { type: 'ALL', permissions: ['directory:user:add'] },
        },
      },
    },
    definitions: {
      User: {
        type: 'object',
        properties: {
          id: { type: 'string', description: 'Kept: the reference has its own.' },
          version: { type: 'number' },
          score: { type: 'number' },
          state: { type: 'string' },
          dateLastLogin: { type: 'string' },
          birthday: { type: 'string' },
          shiftLengths: { type: 'array', items: { type: 'number' } },
          counts: { type: 'object', additionalProperties: { type: 'number' } },
          roles: { type: 'array', items: { type: 'string' } },
          code: { type: 'string' },
          manager: { $ref: '#/definitions/User' },
          family: { type: 'number' },
        },
      },
    },
  };
}

const enrichment: EnrichmentDocument = {
  sources: [{ repository: 'o/js', commit: 'a'.repeat(40), release: '1.0.0', license: 'MIT', what: 'docs' }],
  operations: {
    getUsers: {
      permissions: { type: 'ANY', list: ['directory:user:view', 'admin'] },
      params: {
        sortOrder: { enum: ['ascending', 'descending'] },
        expand: { enum: ['presence', 'station'], array: true },
        xJourneySessionId: { enum: ['a', 'b'] },
        active: { enum: ['yes', 'no'] },
        state: { enum: ['active', 'inactive'] },
        gone: { enum: ['x'] },
      },
    },
    postUsers: { permissions: { type: 'ANY', list: ['other'] }, params: { body: { enum: ['x'] } } },
    deleteGone: { permissions: { type: 'ALL', list: ['x:y:z'] } },
  },
  models: {
    User: {
      description: 'A person.',
      properties: {
        id: { description: 'Not applied.' },
        version: { kind: 'integer', description: 'The version.' },
        score: { kind: 'number' },
        state: { enum: ['active', 'inactive'] },
        dateLastLogin: { kind: 'date-time' },
        birthday: { kind: 'date' },
        shiftLengths: { kind: 'integer', container: 'array' },
        counts: { kind: 'integer', container: 'map' },
        roles: { enum: ['admin'] },
        code: { kind: 'integer' },
        manager: { description: 'The manager.', enum: ['x'] },
        family: { kind: 'integer', enum: ['2', '23'] },
        nickname: { description: 'Not in the reference.' },
      },
    },
    Ghost: { properties: { id: { description: 'Not in the reference.' } } },
  },
};

describe('applyEnrichment', () => {
  const input = reference();
  const before = JSON.stringify(input);
  const { doc, report } = applyEnrichment(input, enrichment);
  const get = doc.paths['/api/v2/users']!.get!;
  const post = doc.paths['/api/v2/users']!.post!;
  const user = doc.definitions!.User!;

  it('leaves its input unchanged', () => {
    expect(JSON.stringify(input)).toBe(before);
  });

  it('adds permissions in the genuine swagger shape, and keeps the reference own', () => {
    expect(get['x-inin-requires-permissions']).toEqual({ type: 'ANY', permissions: ['directory:user:view', 'admin'] });
    expect(post['x-inin-requires-permissions']).toEqual({ type: 'ALL', permissions: ['directory:user:add'] });
    expect(report.gained.operationPermissions).toBe(1);
    expect(report.alreadyPresent['operation permissions']).toBe(1);
  });

  it('puts parameter enums on strings, and on the items of string arrays; matches parameters by their JavaScript name', () => {
    const param = (name: string) => get.parameters.find((p) => p.name === name)!;
    expect(param('sortOrder').enum).toEqual(['ascending', 'descending']);
    expect(param('expand').enum).toBeUndefined();
    expect(param('expand').items).toEqual({ type: 'string', enum: ['presence', 'station'] });
    expect(param('X-Journey-Session-Id').enum).toEqual(['a', 'b']);
    expect(param('state').enum).toEqual(['active']);
    expect(report.gained.parameterEnums).toBe(3);
    expect(report.alreadyPresent['parameter enum (differs)']).toBe(1);
  });

  it('applies no enum where the reference type contradicts it, and counts each conflict by kind', () => {
    expect(get.parameters.find((p) => p.name === 'active')!.enum).toBeUndefined();
    expect(post.parameters[0]!.schema).toEqual({ $ref: '#/definitions/User' });
    expect(report.conflicts).toEqual({
      'parameter enum: source string, reference boolean': { count: 1, examples: ['getUsers(active)'] },
      'parameter enum: source string, reference body': { count: 1, examples: ['postUsers(body)'] },
      'property enum: source scalar, reference array of string': { count: 1, examples: ['User.roles'] },
      'property integer: reference string': { count: 1, examples: ['User.code'] },
      'property enum: source scalar, reference $ref': { count: 1, examples: ['User.manager'] },
      'property enum: reference number': { count: 1, examples: ['User.family'] },
    });
  });

  it('warns where a parameter default is not among the enum values it gained, and keeps both', () => {
    expect(get.parameters.find((p) => p.name === 'sortOrder')!.default).toBe('ASC');
    expect(report.warnings).toEqual({
      'parameter default not among its enum values': { count: 1, examples: ['getUsers(sortOrder) default "ASC"'] },
    });
  });

  it('types integers, dates and date-times, inside arrays and maps too', () => {
    expect(user.properties!.version).toEqual({ type: 'integer', description: 'The version.' });
    expect(user.properties!.score).toEqual({ type: 'number' });
    expect(user.properties!.dateLastLogin).toEqual({ type: 'string', format: 'date-time' });
    expect(user.properties!.birthday).toEqual({ type: 'string', format: 'date' });
    expect(user.properties!.shiftLengths).toEqual({ type: 'array', items: { type: 'integer' } });
    expect(user.properties!.counts).toEqual({ type: 'object', additionalProperties: { type: 'integer' } });
    expect(user.properties!.code).toEqual({ type: 'string' });
    // The enum conflicts, but the integer kind of the same property still applies.
    expect(user.properties!.family).toEqual({ type: 'integer' });
    expect(report.gained).toMatchObject({ propertyIntegers: 4, propertyDates: 1, propertyDateTimes: 1, propertyEnums: 1 });
  });

  it('adds descriptions only where the reference has none, beside a $ref too', () => {
    expect(user.description).toBe('A person.');
    expect(user.properties!.id!.description).toBe('Kept: the reference has its own.');
    expect(user.properties!.manager).toEqual({ $ref: '#/definitions/User', description: 'The manager.' });
    expect(report.gained.propertyDescriptions).toBe(2);
    expect(report.gained.modelDescriptions).toBe(1);
  });

  it('adds nothing the reference lacks and counts what matched nothing, per kind', () => {
    expect(user.properties!.nickname).toBeUndefined();
    expect(doc.definitions!.Ghost).toBeUndefined();
    expect(Object.keys(doc.paths)).toEqual(['/api/v2/users']);
    expect(report.unmatched).toEqual({ operation: 1, parameter: 1, model: 1, property: 1 });
  });

  it('records its sources in info', () => {
    expect(doc.info['x-enrichment']).toEqual({ sources: enrichment.sources });
  });

  it('prints a report with each count and the conflicts', () => {
    const text = formatEnrichmentReport(report, enrichment.sources);
    expect(text).toContain('from o/js 1.0.0 (aaaaaaaaaaaa, MIT)');
    expect(text).toMatch(/parameters with an enum\s+3\n/);
    expect(text).toMatch(/properties typed integer \(were number\)\s+4\n/);
    expect(text).toMatch(/properties\s+1\n/);
    expect(text).toMatch(/parameter enum: source string, reference boolean\s+1 {3}e\.g\. getUsers\(active\)/);
  });
});

describe('enrichSwagger', () => {
  it('writes the same bytes twice, whatever the order of the enrichment keys', () => {
    const once = serializeSwagger(enrichSwagger(reference(), enrichment).doc);
    const reordered: EnrichmentDocument = JSON.parse(JSON.stringify(enrichment), (_key, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    );
    expect(serializeSwagger(enrichSwagger(reference(), reordered).doc)).toBe(once);
    const parsed = JSON.parse(once) as SwaggerDocument;
    // Canonical key order: enum after type and items; the extension last.
    expect(Object.keys(parsed.paths['/api/v2/users']!.get!).at(-1)).toBe('x-inin-requires-permissions');
    expect(Object.keys(parsed.paths['/api/v2/users']!.get!.parameters[0]!)).toEqual(['name', 'in', 'required', 'type', 'default', 'enum']);
  });
});
