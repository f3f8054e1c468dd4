import SwaggerParser from '@apidevtools/swagger-parser';
import { extractFromSdk } from '../src/extract';
import { serializeSwagger } from '../src/normalize';
import { FIXTURE_SDK, operation, parameter } from './helpers';

describe('extracting the fixture SDK', () => {
  const { doc, problems, origin } = extractFromSdk(FIXTURE_SDK);

  it('parses every method and model', () => {
    expect(problems).toEqual([]);
    expect(origin).toBe('purecloud-platform-client-v2@0.0.1-fixture');
  });

  it('writes one tag per API class, named from the class', () => {
    expect(doc.tags).toEqual([{ name: 'AI Gadgets' }, { name: 'Widgets' }]);
  });

  it('takes a required path parameter, the summary, description and deprecation', () => {
    const op = operation(doc, 'get', '/api/v2/widgets/{widgetId}');
    expect(op.operationId).toBe('getWidget');
    expect(op.summary).toBe('Get a widget');
    expect(op.description).toBe('Returns one widget, expanded as asked.');
    expect(op.deprecated).toBe(true);
    expect(parameter(op, 'widgetId')).toEqual({ name: 'widgetId', in: 'path', description: 'Widget ID', required: true, type: 'string' });
  });

  it('marks multi and csv query arrays as the reference serialises them', () => {
    const op = operation(doc, 'get', '/api/v2/widgets/{widgetId}');
    expect(parameter(op, 'expand')).toMatchObject({
      in: 'query',
      required: false,
      type: 'array',
      items: { type: 'string' },
      collectionFormat: 'multi',
    });
    // An array the reference hands over without buildCollectionParam goes out comma-joined.
    expect(parameter(op, 'fields')).toMatchObject({ type: 'array', items: { type: 'string' }, collectionFormat: 'csv' });
    expect(parameter(op, 'since')).toMatchObject({ type: 'string', format: 'date-time' });
  });

  it('recovers the swagger order from callApi, from which required-first gives the argument order', () => {
    const op = operation(doc, 'get', '/api/v2/widgets/search');
    // callApi lists q64 after two optional parameters; the reference moves it first as an argument.
    expect(op.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'query:pageSize',
      'query:includeRetired',
      'query:q64',
      'query:sortOrder',
      'query:supportedContent.id',
      'header:X-Journey-Session-Id',
    ]);
    const requiredFirst = [...op.parameters.filter((p) => p.required), ...op.parameters.filter((p) => !p.required)];
    expect(requiredFirst.map((p) => p.name)).toEqual([
      'q64',
      'pageSize',
      'includeRetired',
      'sortOrder',
      'supportedContent.id',
      'X-Journey-Session-Id',
    ]);
  });

  it('reads stated defaults with the parameter type', () => {
    const op = operation(doc, 'get', '/api/v2/widgets/search');
    expect(parameter(op, 'pageSize')).toMatchObject({ type: 'number', default: 25, description: 'Page size' });
    expect(parameter(op, 'includeRetired')).toMatchObject({ type: 'boolean', default: false });
    expect(parameter(op, 'sortOrder')).toMatchObject({ type: 'string', default: 'ASC' });
  });

  it('keeps wire names that need quoting and header parameters', () => {
    const op = operation(doc, 'get', '/api/v2/widgets/search');
    expect(parameter(op, 'supportedContent.id')).toMatchObject({ in: 'query', required: false, type: 'string' });
    expect(parameter(op, 'X-Journey-Session-Id')).toMatchObject({ in: 'header', required: false, type: 'string' });
  });

  it('writes form parameters, file included, with the content type', () => {
    const op = operation(doc, 'post', '/api/v2/widgets/{widgetId}/picture');
    expect(op.consumes).toEqual(['multipart/form-data']);
    expect(parameter(op, 'file')).toMatchObject({ in: 'formData', required: false, type: 'file' });
    expect(parameter(op, 'caption')).toMatchObject({ in: 'formData', type: 'string' });
    expect(op['x-genesys-preview']).toBe(true);
    expect(op.description).toBeUndefined();
  });

  it('writes a required body as a schema with arrays of $refs, and the accepts', () => {
    const op = operation(doc, 'post', '/api/v2/widgets');
    expect(parameter(op, 'body')).toEqual({
      name: 'body',
      in: 'body',
      description: 'Widgets to create',
      required: true,
      schema: { type: 'array', items: { $ref: '#/definitions/Widget' } },
    });
    expect(parameter(op, 'If-Match')).toMatchObject({ in: 'header', required: false });
    expect(op.produces).toEqual(['application/scim+json', 'application/json']);
    expect(op.responses['200']!.schema).toEqual({ type: 'array', items: { $ref: '#/definitions/Widget' } });
    expect(op.security).toEqual([{ 'PureCloud OAuth': [] }]);
  });

  it('writes an optional body and a map result', () => {
    const op = operation(doc, 'patch', '/api/v2/widgets/{widgetId}/labels');
    expect(parameter(op, 'body')).toMatchObject({
      in: 'body',
      required: false,
      schema: { type: 'object', additionalProperties: { type: 'object' } },
    });
    expect(op.responses['200']!.schema).toEqual({ type: 'object', additionalProperties: { type: 'object' } });
  });

  it('writes no response schema for an operation with no return type', () => {
    const op = operation(doc, 'delete', '/api/v2/widgets/{widgetId}');
    expect(op.responses).toEqual({ '200': { description: 'successful operation' } });
  });

  it('lists an operation under every class that has it, once', () => {
    const op = operation(doc, 'get', '/api/v2/shared/things');
    expect(op.tags).toEqual(['AI Gadgets', 'Widgets']);
    // The wire name is `number`; the reference calls the option `_number`.
    expect(parameter(op, 'number')).toMatchObject({ in: 'query', type: 'number' });
  });

  it('takes a required multi array passed positionally', () => {
    const op = operation(doc, 'get', '/api/v2/gadgets/calendar');
    expect(parameter(op, 'gadgetIds')).toMatchObject({ required: true, type: 'array', collectionFormat: 'multi' });
    expect(op.produces).toEqual(['text/calendar']);
    expect(op.responses['200']!.schema).toEqual({ type: 'string' });
  });

  it('turns models into definitions with required lists, maps, arrays, enums and $refs', () => {
    expect(Object.keys(doc.definitions!)).toEqual(['Gadget', 'ThingListing', 'Unused', 'Widget', 'WidgetListing']);
    const widget = doc.definitions!.Widget!;
    expect(widget.required).toEqual(['id', 'version']);
    expect(widget.properties).toEqual({
      id: { type: 'string' },
      name: { type: 'string' },
      version: { type: 'number' },
      state: { type: 'string', enum: ['active', 'retired'] },
      labels: { type: 'object', additionalProperties: { type: 'string' } },
      gadgetsByName: { type: 'object', additionalProperties: { $ref: '#/definitions/Gadget' } },
      gadgets: { type: 'array', items: { $ref: '#/definitions/Gadget' } },
      matrix: { type: 'array', items: { type: 'array', items: { type: 'string' } } },
      'x-odd name': { type: 'boolean' },
      parent: { $ref: '#/definitions/Widget' },
      selfUri: { type: 'string' },
    });
    expect(doc.definitions!.Gadget).toEqual({ type: 'object', properties: { id: { type: 'string' }, settings: { type: 'object' } } });
    expect(doc.definitions!.ThingListing!.properties!.entities).toEqual({
      type: 'array',
      items: { type: 'object', additionalProperties: { $ref: '#/definitions/Gadget' } },
    });
  });

  it('produces a valid Swagger 2.0 document', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('is deterministic: a second run writes the same bytes', () => {
    expect(serializeSwagger(extractFromSdk(FIXTURE_SDK).doc)).toBe(serializeSwagger(doc));
  });
});
