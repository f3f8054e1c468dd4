/** Counts what a swagger holds and lists what could not be extracted: the `coverage` report. */
import { collectRefs } from './build-swagger';
import type { Problem } from './problems';
import { isHttpMethod, type Operation, type SwaggerDocument } from './swagger';

export interface Coverage {
  tags: number;
  /** Distinct path + method pairs. */
  operations: number;
  /** Operations counted once per tag: the methods of the API classes. */
  methods: number;
  parameters: number;
  deprecated: number;
  preview: number;
  definitions: number;
  /** Definitions reachable from some operation. */
  reachableDefinitions: number;
  unresolvedRefs: string[];
  /** Operations per tag, by tag name. */
  operationsPerTag: Map<string, number>;
}

export function operationsOf(doc: SwaggerDocument): { path: string; method: string; operation: Operation }[] {
  const result: { path: string; method: string; operation: Operation }[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (isHttpMethod(method)) result.push({ path, method, operation: operation as Operation });
    }
  }
  return result;
}

function definitionName(ref: string): string {
  return ref.replace(/^#\/definitions\//, '');
}

/** Names of the definitions reachable from the operations, following `$ref`s transitively. */
export function reachableDefinitions(doc: SwaggerDocument): Set<string> {
  const seen = new Set<string>();
  const queue = [...collectRefs(doc.paths)].map(definitionName);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const schema = doc.definitions?.[name];
    if (schema) for (const ref of collectRefs(schema)) queue.push(definitionName(ref));
  }
  return seen;
}

export function computeCoverage(doc: SwaggerDocument): Coverage {
  const operations = operationsOf(doc);
  const operationsPerTag = new Map<string, number>((doc.tags ?? []).map((tag) => [tag.name, 0]));
  let parameters = 0;
  for (const { operation } of operations) {
    parameters += operation.parameters?.length ?? 0;
    for (const tag of operation.tags ?? []) operationsPerTag.set(tag, (operationsPerTag.get(tag) ?? 0) + 1);
  }
  const definitions = doc.definitions ?? {};
  const reachable = reachableDefinitions(doc);
  const unresolvedRefs = [...collectRefs(doc)].filter((ref) => !(definitionName(ref) in definitions)).sort();
  return {
    tags: operationsPerTag.size,
    operations: operations.length,
    methods: [...operationsPerTag.values()].reduce((sum, count) => sum + count, 0),
    parameters,
    deprecated: operations.filter(({ operation }) => operation.deprecated).length,
    preview: operations.filter(({ operation }) => operation['x-genesys-preview']).length,
    definitions: Object.keys(definitions).length,
    reachableDefinitions: [...reachable].filter((name) => name in definitions).length,
    unresolvedRefs,
    operationsPerTag,
  };
}

const number = (value: number): string => value.toLocaleString('en-US');

export function formatCoverage(coverage: Coverage, problems: readonly Problem[], origin: string): string {
  const lines = [
    `Coverage of ${origin}`,
    '',
    `  tags                          ${number(coverage.tags)}`,
    `  operations (path + method)    ${number(coverage.operations)}`,
    `  methods (operations per tag)  ${number(coverage.methods)}`,
    `  parameters                    ${number(coverage.parameters)}`,
    `  deprecated operations         ${number(coverage.deprecated)}`,
    `  preview operations            ${number(coverage.preview)}`,
    `  definitions                   ${number(coverage.definitions)}`,
    `  reachable from an operation   ${number(coverage.reachableDefinitions)}`,
    `  unresolved $refs              ${number(coverage.unresolvedRefs.length)}`,
    '',
  ];
  for (const ref of coverage.unresolvedRefs) lines.push(`  unresolved: ${ref}`);
  if (problems.length === 0) {
    lines.push('Every method and model was parsed.');
  } else {
    lines.push(`Could not parse ${problems.length} item(s):`);
    for (const problem of problems) lines.push(`  ${problem.subject}: ${problem.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
