/** Joins what the API classes and `index.d.ts` say into one Swagger 2.0 document. */
import { type ApiMethodSource, type CallParam } from './parse-api-class';
import { type DtsIndex, type DtsMember } from './parse-dts';
import { jsParameterName, tagFromClassName } from './naming';
import type { ProblemList } from './problems';
import type { Operation, Parameter, Schema, SwaggerDocument } from './swagger';

export interface SdkSource {
  packageName: string;
  version: string;
  license: string;
  /** API classes, each with its methods. */
  classes: { className: string; methods: ApiMethodSource[] }[];
  dts: DtsIndex;
}

export const SECURITY_DEFINITIONS: Record<string, unknown> = {
  'PureCloud OAuth': {
    type: 'oauth2',
    authorizationUrl: 'https://login.mypurecloud.com/oauth/authorize',
    flow: 'implicit',
    scopes: { all: 'All the scopes' },
  },
};

const PREVIEW_EXTENSION = 'x-genesys-preview';
const SUCCESS = 'successful operation';

class Unbuildable extends Error {}

/** `(default to 25)` read with the parameter's type. */
function parseDefault(text: string, type: Parameter['type']): unknown {
  if (type === 'number' || type === 'integer') {
    const value = Number(text);
    if (Number.isNaN(value)) throw new Unbuildable(`default "${text}" is not a number`);
    return value;
  }
  if (type === 'boolean') {
    if (text !== 'true' && text !== 'false') throw new Unbuildable(`default "${text}" is not a boolean`);
    return text === 'true';
  }
  return text;
}

/** The schema of a non-body parameter, flattened into the parameter as Swagger 2.0 wants. */
function simpleParameter(
  call: CallParam,
  member: DtsMember,
  docType: string | undefined,
): Pick<Parameter, 'type' | 'format' | 'items' | 'collectionFormat'> {
  const schema = member.schema;
  const isDate = docType === 'Date';
  switch (schema.type) {
    case 'string':
    case 'number':
    case 'integer':
    case 'boolean':
      if (call.collectionFormat) throw new Unbuildable(`${call.jsName} has a collection format but is not an array`);
      return { type: schema.type, ...(isDate ? { format: 'date-time' } : {}), ...(schema.enum ? { enum: schema.enum } : {}) } as Pick<
        Parameter,
        'type' | 'format'
      >;
    case 'file':
      if (call.in !== 'formData') throw new Unbuildable(`${call.jsName} is a file but is not a form parameter`);
      return { type: 'file' };
    case 'array':
      if (!schema.items?.type || schema.items.type === 'object' || schema.items.type === 'array') {
        throw new Unbuildable(`${call.jsName} is an array of ${JSON.stringify(schema.items)}, not of a simple type`);
      }
      return { type: 'array', items: schema.items, collectionFormat: call.collectionFormat ?? 'csv' };
    default:
      throw new Unbuildable(`${call.jsName} has the type ${JSON.stringify(schema)}, which a ${call.in} parameter cannot have`);
  }
}

function buildOperation(method: ApiMethodSource, dts: DtsIndex, tag: string): Operation {
  const api = dts.apis.get(method.className);
  const signature = api?.methods.get(method.methodName);
  if (!signature) throw new Unbuildable('not declared in index.d.ts');
  const options = api?.options.get(method.methodName) ?? new Map<string, DtsMember>();
  const typeOf = (jsName: string, positional: boolean): DtsMember => {
    const member = positional ? signature.args.get(jsName) : options.get(jsName);
    if (!member) throw new Unbuildable(`index.d.ts gives no type for ${positional ? '' : 'opts.'}${jsName}`);
    return member;
  };

  type Passed = { call?: CallParam; body?: { jsName: string; positional: boolean } };
  const passed = new Map<string, Passed>();
  for (const call of method.params) {
    const key = `${call.positional ? '' : 'opts.'}${call.jsName}`;
    if (passed.has(key)) throw new Unbuildable(`${key} is passed to callApi twice`);
    passed.set(key, { call });
  }
  if (method.body) passed.set(`${method.body.positional ? '' : 'opts.'}${method.body.jsName}`, { body: method.body });

  // The reference's argument order: positional arguments, then the documented `opts` keys.
  const order = [
    ...method.positional,
    ...[...method.doc.params.keys()].filter((key) => key.startsWith('opts.') && key !== 'opts.customHeaders'),
  ];
  const unused = [...passed.keys()].filter((key) => !order.includes(key));
  if (unused.length > 0) throw new Unbuildable(`passed to callApi but not documented: ${unused.join(', ')}`);

  const parameters: Parameter[] = [];
  for (const key of order) {
    const entry = passed.get(key);
    if (!entry) throw new Unbuildable(`${key} is an argument but is not passed to callApi`);
    const positional = !key.startsWith('opts.');
    const jsName = positional ? key : key.slice('opts.'.length);
    const required = method.requiredChecks.has(jsName) && positional;
    if (positional && !required) throw new Unbuildable(`positional argument ${jsName} has no required check`);
    const doc = method.doc.params.get(key);
    const member = typeOf(jsName, positional);
    const description = doc?.description ? { description: doc.description } : {};
    if (entry.body) {
      if (mentionsFile(member.schema)) throw new Unbuildable(`body ${jsName} holds a File, which only a form parameter can`);
      parameters.push({ in: 'body', name: jsName, ...description, required, schema: member.schema });
      continue;
    }
    const call = entry.call!;
    if (jsParameterName(call.wireName) !== call.jsName) {
      throw new Unbuildable(`wire name "${call.wireName}" does not camelise to the SDK's name ${call.jsName}`);
    }
    if (call.in === 'path' && !required) throw new Unbuildable(`path parameter ${jsName} is optional`);
    const simple = simpleParameter(call, member, doc?.type);
    const parameter: Parameter = { in: call.in, name: call.wireName, ...description, required, ...simple };
    if (doc?.defaultText !== undefined) parameter.default = parseDefault(doc.defaultText, simple.type);
    parameters.push(parameter);
  }
  for (const name of method.requiredChecks) {
    if (!method.positional.includes(name)) throw new Unbuildable(`required check for ${name}, which is not an argument`);
  }
  const ordered = swaggerOrder(parameters, method.params);

  const operation: Operation = {
    tags: [tag],
    summary: method.doc.summary,
    ...(method.doc.description ? { description: method.doc.description } : {}),
    operationId: method.methodName,
    consumes: method.consumes,
    produces: method.produces,
    parameters: ordered,
    responses: { '200': { description: SUCCESS, ...(signature.result ? { schema: signature.result } : {}) } },
    security: method.authNames.map((name) => ({ [name]: [] })),
  };
  if (method.doc.deprecated) operation.deprecated = true;
  if (method.doc.preview) operation[PREVIEW_EXTENSION] = true;
  for (const name of method.authNames) {
    if (!(name in SECURITY_DEFINITIONS)) throw new Unbuildable(`unknown auth name "${name}"`);
  }
  return operation;
}

function mentionsFile(schema: Schema): boolean {
  return JSON.stringify(schema).includes('"type":"file"');
}

const LOCATION_RANK = ['path', 'query', 'header', 'formData', 'body'];

/**
 * Recovers the swagger's own parameter order. The reference's argument list is that order with
 * required parameters moved first (swagger-codegen's stable sort), while each `callApi` object
 * keeps it per location. `bySignature` is in argument order; the result is the one order that
 * keeps both the per-location order of `calls` and the order among required and among optional
 * parameters, ties going to the earlier location, then the earlier argument.
 */
function swaggerOrder(bySignature: Parameter[], calls: CallParam[]): Parameter[] {
  const key = (p: { in: string; name?: string; wireName?: string }) => `${p.in} ${p.name ?? p.wireName}`;
  const after = new Map<string, Set<string>>(bySignature.map((p) => [key(p), new Set<string>()]));
  const constrain = (earlier: string, later: string) => after.get(later)!.add(earlier);
  for (const required of [true, false]) {
    const group = bySignature.filter((p) => p.required === required);
    for (let i = 1; i < group.length; i++) constrain(key(group[i - 1]!), key(group[i]!));
  }
  for (let i = 1; i < calls.length; i++) {
    if (calls[i]!.in === calls[i - 1]!.in) constrain(key(calls[i - 1]!), key(calls[i]!));
  }
  const result: Parameter[] = [];
  const pending = [...bySignature];
  while (pending.length > 0) {
    const ready = pending
      .map((p, index) => ({ p, index }))
      .filter(({ p }) => [...after.get(key(p))!].every((earlier) => result.some((done) => key(done) === earlier)));
    if (ready.length === 0) throw new Unbuildable('the argument order contradicts the callApi order');
    ready.sort((a, b) => LOCATION_RANK.indexOf(a.p.in) - LOCATION_RANK.indexOf(b.p.in) || a.index - b.index);
    const next = ready[0]!;
    result.push(next.p);
    pending.splice(next.index, 1);
  }
  return result;
}

/** The operation without its tags, to compare the copies an operation has in several classes. */
function withoutTags(operation: Operation): string {
  const { tags: _tags, ...rest } = operation;
  return JSON.stringify(rest);
}

/** Every `$ref` in `value`, with no duplicates. */
export function collectRefs(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') into.add(child);
      else collectRefs(child, into);
    }
  }
  return into;
}

export function buildSwagger(source: SdkSource, problems: ProblemList): SwaggerDocument {
  const doc: SwaggerDocument = {
    swagger: '2.0',
    info: {
      title: 'Genesys Cloud Platform API',
      version: 'v2',
      description: `Rebuilt by @gcsdk/spec-extract from ${source.packageName}@${source.version} (${source.license}); see spec/README.md.`,
      'x-source': { package: source.packageName, version: source.version, license: source.license },
    },
    host: 'api.mypurecloud.com',
    basePath: '/',
    schemes: ['https'],
    consumes: ['application/json'],
    produces: ['application/json'],
    tags: [],
    paths: {},
    definitions: {},
    securityDefinitions: SECURITY_DEFINITIONS,
  };
  const owners = new Map<string, string>();
  for (const { className, methods } of source.classes) {
    const tag = tagFromClassName(className);
    doc.tags!.push({ name: tag });
    for (const method of methods) {
      const subject = `${className}.${method.methodName}`;
      try {
        const operation = buildOperation(method, source.dts, tag);
        const pathItem = (doc.paths[method.path] ??= {});
        const existing = pathItem[method.httpMethod as keyof typeof pathItem] as Operation | undefined;
        if (existing) {
          if (withoutTags(existing) !== withoutTags(operation)) {
            throw new Unbuildable(
              `${method.httpMethod.toUpperCase()} ${method.path} differs from its copy in ${owners.get(`${method.httpMethod} ${method.path}`)}`,
            );
          }
          existing.tags.push(tag);
        } else {
          const ownerOfId = owners.get(`id ${method.methodName}`);
          if (ownerOfId) throw new Unbuildable(`operationId ${method.methodName} already names ${ownerOfId}`);
          owners.set(`id ${method.methodName}`, `${method.httpMethod.toUpperCase()} ${method.path}`);
          owners.set(`${method.httpMethod} ${method.path}`, subject);
          (pathItem as Record<string, Operation>)[method.httpMethod] = operation;
        }
      } catch (error) {
        if (!(error instanceof Unbuildable)) throw error;
        problems.add(subject, error.message);
      }
    }
  }
  for (const [name, schema] of source.dts.models) {
    if (mentionsFile(schema)) problems.add(`Models.${name}`, 'holds a File, which only a form parameter can');
    else doc.definitions![name] = schema;
  }
  for (const pathItem of Object.values(doc.paths)) {
    for (const operation of Object.values(pathItem) as Operation[]) {
      for (const ref of collectRefs(operation)) checkRef(doc, ref, operation.operationId, problems);
    }
  }
  for (const [name, schema] of Object.entries(doc.definitions!)) {
    for (const ref of collectRefs(schema)) checkRef(doc, ref, `Models.${name}`, problems);
  }
  return doc;
}

function checkRef(doc: SwaggerDocument, ref: string, from: string, problems: ProblemList): void {
  const name = ref.replace(/^#\/definitions\//, '');
  if (!doc.definitions?.[name]) problems.add(from, `$ref ${ref} names no model in index.d.ts`);
}

export type { Schema };
