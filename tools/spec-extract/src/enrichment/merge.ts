/**
 * Merges `spec/enrichment.json` into a swagger built from the reference SDK. The reference wins:
 * entries are matched by name (operationId + parameter name, model name + wire property name),
 * never by position; nothing the reference lacks is added; a value the reference already holds is
 * kept; and where the source's type contradicts the reference's, nothing is applied and the
 * conflict is counted by kind.
 */
import { operationsOf } from '../coverage';
import { jsParameterName } from '../naming';
import { normalizeSwagger } from '../normalize';
import type { Operation, Parameter, Schema, SwaggerDocument } from '../swagger';
import type { EnrichmentDocument, ModelEnrichment, OperationEnrichment, PropertyEnrichment } from './types';

export const PERMISSIONS_EXTENSION = 'x-inin-requires-permissions';
export const ENRICHMENT_EXTENSION = 'x-enrichment';

export interface EnrichmentReport {
  /** What the swagger gained, per kind. */
  gained: {
    operationPermissions: number;
    parameterEnums: number;
    propertyEnums: number;
    propertyIntegers: number;
    propertyDates: number;
    propertyDateTimes: number;
    propertyDescriptions: number;
    modelDescriptions: number;
  };
  /** Source facts the reference already held (the same or its own), so nothing was changed. */
  alreadyPresent: Record<string, number>;
  /** Source entries naming something the reference lacks, per kind (operation, parameter, model, property). */
  unmatched: Record<string, number>;
  /** Source facts whose type the reference contradicts, per kind, with the first few examples. */
  conflicts: Record<string, { count: number; examples: string[] }>;
  /** Applied, but worth a look: e.g. a parameter whose default is not among its new enum values. */
  warnings: Record<string, { count: number; examples: string[] }>;
}

const EXAMPLES_PER_CONFLICT = 3;

function emptyReport(): EnrichmentReport {
  return {
    gained: {
      operationPermissions: 0,
      parameterEnums: 0,
      propertyEnums: 0,
      propertyIntegers: 0,
      propertyDates: 0,
      propertyDateTimes: 0,
      propertyDescriptions: 0,
      modelDescriptions: 0,
    },
    alreadyPresent: {},
    unmatched: {},
    conflicts: {},
    warnings: {},
  };
}

function increment(record: Record<string, number>, kind: string): void {
  record[kind] = (record[kind] ?? 0) + 1;
}

function conflict(report: EnrichmentReport, kind: string, where: string, list: 'conflicts' | 'warnings' = 'conflicts'): void {
  const entry = (report[list][kind] ??= { count: 0, examples: [] });
  entry.count++;
  if (entry.examples.length < EXAMPLES_PER_CONFLICT) entry.examples.push(where);
}

/** `string`, `array of integer`, `map`, `$ref`: how the reference types something, for conflict kinds. */
function shapeOf(schema: Schema | Parameter | undefined): string {
  if (!schema) return 'nothing';
  if ('$ref' in schema && schema.$ref) return '$ref';
  if ('schema' in schema && schema.schema) return 'body';
  if (schema.type === 'array') return `array of ${shapeOf(schema.items)}`;
  if (schema.type === 'object' && 'additionalProperties' in schema && typeof schema.additionalProperties === 'object') return 'map';
  return schema.type ?? 'untyped';
}

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

function mergeParameters(operation: Operation, source: OperationEnrichment, report: EnrichmentReport): void {
  const byJsName = new Map(operation.parameters.map((p) => [p.in === 'body' ? p.name : jsParameterName(p.name), p]));
  for (const [name, entry] of Object.entries(source.params ?? {})) {
    const where = `${operation.operationId}(${name})`;
    const parameter = byJsName.get(name);
    if (!parameter) {
      increment(report.unmatched, 'parameter');
      continue;
    }
    const isStringArray = parameter.type === 'array' && parameter.items?.type === 'string' && !parameter.items.$ref;
    const target: { enum?: unknown[] } | undefined = entry.array
      ? isStringArray
        ? parameter.items
        : undefined
      : parameter.type === 'string' && !parameter.format
        ? parameter
        : undefined;
    if (!target) {
      conflict(report, `parameter enum: source ${entry.array ? 'array of string' : 'string'}, reference ${shapeOf(parameter)}`, where);
      continue;
    }
    if (target.enum) {
      increment(report.alreadyPresent, sameList(target.enum, entry.enum) ? 'parameter enum (same)' : 'parameter enum (differs)');
      continue;
    }
    target.enum = [...entry.enum];
    report.gained.parameterEnums++;
    const defaults = parameter.default === undefined ? [] : Array.isArray(parameter.default) ? parameter.default : [parameter.default];
    if (defaults.some((value) => !entry.enum.includes(String(value)))) {
      conflict(report, 'parameter default not among its enum values', `${where} default ${JSON.stringify(parameter.default)}`, 'warnings');
    }
  }
}

function mergeOperation(operation: Operation, source: OperationEnrichment, report: EnrichmentReport): void {
  if (source.permissions) {
    if (operation[PERMISSIONS_EXTENSION]) increment(report.alreadyPresent, 'operation permissions');
    else {
      operation[PERMISSIONS_EXTENSION] = { type: source.permissions.type, permissions: [...source.permissions.list] };
      report.gained.operationPermissions++;
    }
  }
  mergeParameters(operation, source, report);
}

/** The schema that `kind` and `enum` describe: the property, its items or its map values. */
function valueSchema(property: Schema, container: PropertyEnrichment['container']): Schema | undefined {
  if (container === 'array') return property.type === 'array' && property.items && !property.$ref ? property.items : undefined;
  if (container === 'map') {
    const values = property.additionalProperties;
    return property.type === 'object' && values && typeof values === 'object' ? values : undefined;
  }
  return property.type === 'array' || property.$ref || (property.type === 'object' && property.additionalProperties) ? undefined : property;
}

function mergeKind(target: Schema, kind: NonNullable<PropertyEnrichment['kind']>, where: string, report: EnrichmentReport): void {
  if (kind === 'integer' || kind === 'number') {
    if (target.type === 'integer' || (kind === 'number' && target.type === 'number')) {
      increment(report.alreadyPresent, `property ${kind}`);
    } else if (target.type === 'number') {
      target.type = 'integer';
      report.gained.propertyIntegers++;
    } else conflict(report, `property ${kind}: reference ${shapeOf(target)}`, where);
    return;
  }
  if (target.type !== 'string' || target.$ref) conflict(report, `property ${kind}: reference ${shapeOf(target)}`, where);
  else if (target.format === kind) increment(report.alreadyPresent, `property ${kind}`);
  else if (target.format) conflict(report, `property ${kind}: reference format ${target.format}`, where);
  else {
    target.format = kind;
    if (kind === 'date') report.gained.propertyDates++;
    else report.gained.propertyDateTimes++;
  }
}

function mergeProperty(property: Schema, source: PropertyEnrichment, where: string, report: EnrichmentReport): void {
  if (source.description) {
    if (property.description) increment(report.alreadyPresent, 'property description');
    else {
      property.description = source.description;
      report.gained.propertyDescriptions++;
    }
  }
  if (!source.kind && !source.enum) return;
  const target = valueSchema(property, source.container);
  if (!target) {
    const what = [source.kind, source.enum ? 'enum' : undefined].filter(Boolean).join(' and ');
    conflict(report, `property ${what}: source ${source.container ?? 'scalar'}, reference ${shapeOf(property)}`, where);
    return;
  }
  // The enum first: it is judged against the reference's own type, before an integer kind changes it.
  if (source.enum) {
    if (target.type !== 'string' || target.$ref || target.format) conflict(report, `property enum: reference ${shapeOf(target)}`, where);
    else if (target.enum)
      increment(report.alreadyPresent, sameList(target.enum, source.enum) ? 'property enum (same)' : 'property enum (differs)');
    else {
      target.enum = [...source.enum];
      report.gained.propertyEnums++;
    }
  }
  if (source.kind) mergeKind(target, source.kind, where, report);
}

function mergeModel(definition: Schema, name: string, source: ModelEnrichment, report: EnrichmentReport): void {
  if (source.description) {
    if (definition.description) increment(report.alreadyPresent, 'model description');
    else {
      definition.description = source.description;
      report.gained.modelDescriptions++;
    }
  }
  for (const [wireName, entry] of Object.entries(source.properties)) {
    const property = definition.properties?.[wireName];
    if (!property) increment(report.unmatched, 'property');
    else mergeProperty(property, entry, `${name}.${wireName}`, report);
  }
}

/**
 * The swagger with the enrichment merged in (the input is not changed), and what changed. The
 * result is not normalised: pass it through `normalizeSwagger` before writing it.
 */
export function applyEnrichment(
  input: SwaggerDocument,
  enrichment: EnrichmentDocument,
): { doc: SwaggerDocument; report: EnrichmentReport } {
  const doc = structuredClone(input);
  const report = emptyReport();
  const byId = new Map<string, Operation[]>();
  for (const { operation } of operationsOf(doc)) byId.set(operation.operationId, [...(byId.get(operation.operationId) ?? []), operation]);
  for (const id of Object.keys(enrichment.operations).sort()) {
    const operations = byId.get(id);
    if (!operations) increment(report.unmatched, 'operation');
    else for (const operation of operations) mergeOperation(operation, enrichment.operations[id]!, report);
  }
  for (const name of Object.keys(enrichment.models).sort()) {
    const definition = doc.definitions?.[name];
    if (!definition) increment(report.unmatched, 'model');
    else mergeModel(definition, name, enrichment.models[name]!, report);
  }
  doc.info = { ...doc.info, [ENRICHMENT_EXTENSION]: { sources: enrichment.sources } };
  return { doc, report };
}

/** `applyEnrichment`, then the canonical form the committed spec is written in. */
export function enrichSwagger(input: SwaggerDocument, enrichment: EnrichmentDocument): { doc: SwaggerDocument; report: EnrichmentReport } {
  const { doc, report } = applyEnrichment(input, enrichment);
  return { doc: normalizeSwagger(doc), report };
}
