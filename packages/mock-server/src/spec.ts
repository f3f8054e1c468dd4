/** The spec the mock answers from, compiled into a router: (method, path) → operation. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface SpecSchema {
  $ref?: string;
  type?: string;
  items?: SpecSchema;
  properties?: Record<string, SpecSchema>;
  required?: string[];
  additionalProperties?: SpecSchema | boolean;
  enum?: unknown[];
}

export interface SpecParam {
  name: string;
  in: 'path' | 'query' | 'header' | 'body' | 'formData';
  required?: boolean;
  type?: string;
  items?: SpecSchema;
  schema?: SpecSchema;
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

/** The spec next to the built files, or the repository's when running from source. */
export function defaultSpecPath(): string {
  const candidates = [join(__dirname, 'platform-api.swagger.json')];
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) candidates.push(join(dir, 'spec', 'platform-api.swagger.json'));
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error('platform-api.swagger.json not found next to the mock server or in a parent spec/ folder; pass specPath');
  return found;
}

export function loadSpec(path = defaultSpecPath()): Spec {
  return JSON.parse(readFileSync(path, 'utf8')) as Spec;
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
    for (const [method, operation] of Object.entries(item)) {
      routes.push({ method: method.toUpperCase(), template, operation, pattern: new RegExp(`^${pattern}$`), names, literals });
    }
  }
  // Literal segments win over parameters: /users/me before /users/{userId}.
  return routes.sort((a, b) => b.literals - a.literals || a.template.localeCompare(b.template));
}

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
