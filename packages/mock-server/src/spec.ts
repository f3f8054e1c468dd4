/** The spec the mock answers from, compiled into a router: (method, path) → operation. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isRecord } from './records.js';

export interface SpecSchema {
  $ref?: string;
  type?: string;
  format?: string;
  items?: SpecSchema;
  properties?: Record<string, SpecSchema>;
  required?: string[];
  additionalProperties?: SpecSchema | boolean;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

export interface SpecParam extends Omit<SpecSchema, 'required'> {
  name: string;
  in: 'path' | 'query' | 'header' | 'body' | 'formData';
  required?: boolean;
  collectionFormat?: 'csv' | 'ssv' | 'tsv' | 'pipes' | 'multi';
  schema?: SpecSchema;
  /** The documented default, which the service takes even when it is not among the enum's values. */
  default?: unknown;
}

export interface SpecOperation {
  operationId: string;
  parameters?: SpecParam[];
  responses?: Record<string, { schema?: SpecSchema }>;
}

export interface Spec {
  paths: Record<string, Record<string, SpecOperation>>;
  definitions: Record<string, SpecSchema>;
}

export interface Route {
  method: string;
  template: string;
  operation: SpecOperation;
  pattern: RegExp;
  names: string[];
  literals: number;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/** The spec next to the built files, or the repository's when running from source. */
export function defaultSpecPath(): string {
  const candidates = [join(__dirname, 'platform-api.swagger.json')];
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) candidates.push(join(dir, 'spec', 'platform-api.swagger.json'));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('platform-api.swagger.json not found next to the mock server or in a parent spec/ folder; pass specPath');
  return found;
}

/** Reads and checks a Swagger 2.0 document; every problem is one clear sentence naming the file. */
export function loadSpec(path = defaultSpecPath()): Spec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new Error(`Cannot read the spec ${path}: ${e.code === 'ENOENT' ? 'no such file' : (e.code ?? e.message)}`, { cause: error });
  }
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (error) {
    throw new Error(`The spec ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const problem = shapeProblem(spec);
  if (problem) throw new Error(`The spec ${path} is not a usable Swagger 2.0 document: ${problem}`);
  const checked = spec as Spec;
  return { ...checked, definitions: checked.definitions ?? {} };
}

function shapeProblem(spec: unknown): string | undefined {
  if (!isRecord(spec)) return 'it is not a JSON object';
  if (!isRecord(spec['paths'])) return 'it has no "paths" object';
  if (spec['definitions'] !== undefined && !isRecord(spec['definitions'])) return '"definitions" is not an object';
  for (const [template, item] of Object.entries(spec['paths'])) {
    if (!template.startsWith('/')) return `the path ${JSON.stringify(template)} does not start with /`;
    if (!isRecord(item)) return `the path ${template} is not an object`;
    if (item['parameters'] !== undefined && !Array.isArray(item['parameters'])) return `the parameters of ${template} are not a list`;
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      if (!isRecord(operation)) return `${method} ${template} is not an object`;
      const params = operation['parameters'];
      if (params !== undefined && !(Array.isArray(params) && params.every((p) => isRecord(p) && typeof p['name'] === 'string')))
        return `the parameters of ${method} ${template} are not a list of named parameters`;
    }
  }
  return undefined;
}

export function compileRoutes(spec: Spec): Route[] {
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    const names: string[] = [];
    const segments = template.split('/');
    const pattern = segments
      .map((segment) =>
        segment.replace(/\{([^}]+)\}|([^{]+)/g, (_m, name: string | undefined, literal: string | undefined) => {
          if (name) {
            names.push(name);
            return '([^/]+)';
          }
          return literal!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        }),
      )
      .join('/');
    const literals = segments.filter((s) => s && !s.includes('{')).length;
    const shared = (item as { parameters?: SpecParam[] }).parameters ?? [];
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      // Path-level parameters apply to every operation unless the operation redefines them.
      const own = operation.parameters ?? [];
      const parameters = [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own];
      routes.push({
        method: method.toUpperCase(),
        template,
        operation: { ...operation, parameters },
        pattern: new RegExp(`^${pattern}$`),
        names,
        literals,
      });
    }
  }
  // Literal segments win over parameters: /users/me before /users/{userId}.
  return routes.sort((a, b) => b.literals - a.literals || a.template.localeCompare(b.template));
}

/** The route for a request path (already checked to be valid percent-encoding), with its decoded path parameters. */
export function matchRoute(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | 'method' | undefined {
  let pathMatched = false;
  for (const route of routes) {
    const m = route.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params: Record<string, string> = {};
    route.names.forEach((name, i) => {
      params[name] = decodeURIComponent(m[i + 1]!);
    });
    return { route, params };
  }
  return pathMatched ? 'method' : undefined;
}
