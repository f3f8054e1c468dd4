/**
 * Derives `spec/enrichment.json` from local git copies of Genesys's JavaScript and Python SDK
 * repositories at recorded commits, so that the file can be derived again from the same bytes.
 */
import { listFiles, readFiles, readOptionalFile, resolveCommit } from './git-batch';
import { parseApiDoc } from './parse-js-docs';
import { parsePythonModel } from './parse-python-model';
import type { EnrichmentDocument, EnrichmentSource, ModelEnrichment, OperationEnrichment } from './types';

export const JS_REPOSITORY = 'MyPureCloud/platform-client-sdk-javascript';
export const PYTHON_REPOSITORY = 'MyPureCloud/platform-client-sdk-python';
export const JS_DOCS_DIR = 'build/docs';
export const PYTHON_MODELS_DIR = 'build/PureCloudPlatformClientV2/models';

export interface DeriveOptions {
  jsRepo: string;
  jsCommit?: string;
  pythonRepo: string;
  pythonCommit?: string;
}

export interface DeriveResult {
  document: EnrichmentDocument;
  /** What was read and how long it took, for the report. */
  stats: { jsFiles: number; jsMs: number; pythonFiles: number; pythonMs: number };
  /** What was read but left out, and why. */
  notes: string[];
}

function releaseOfJs(gitDir: string, commit: string): string {
  const text = readOptionalFile(gitDir, commit, 'build/package.json');
  try {
    return text ? String(JSON.parse(text).version ?? 'unknown') : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** `version = "257.1.0"` of `build/pyproject.toml`, else the `display` of `version.json`. */
function releaseOfPython(gitDir: string, commit: string): string {
  const pyproject = readOptionalFile(gitDir, commit, 'build/pyproject.toml');
  const found = pyproject && /^version\s*=\s*"([^"]+)"/m.exec(pyproject);
  if (found) return found[1]!;
  const versionJson = readOptionalFile(gitDir, commit, 'version.json');
  try {
    return versionJson ? String(JSON.parse(versionJson).display ?? 'unknown') : 'unknown';
  } catch {
    return 'unknown';
  }
}

function readJsDocs(gitDir: string, commit: string, notes: string[]): { operations: Record<string, OperationEnrichment>; files: number } {
  const paths = listFiles(gitDir, commit, JS_DOCS_DIR).filter((path) => /\/\w+Api\.md$/.test(path));
  if (paths.length === 0) throw new Error(`${gitDir} has no ${JS_DOCS_DIR}/*Api.md at ${commit}`);
  const files = readFiles(gitDir, commit, paths);
  const operations: Record<string, OperationEnrichment> = {};
  const seen = new Set<string>();
  for (const path of paths) {
    const text = files.get(path);
    if (text === undefined) throw new Error(`${gitDir}: ${commit}:${path} is listed but its content is absent`);
    for (const [id, entry] of parseApiDoc(text, path, notes)) {
      const earlier = operations[id] ?? (seen.has(id) ? {} : undefined);
      seen.add(id);
      // An operation several classes expose is documented in each; the copies must agree.
      if (earlier && JSON.stringify(sortKeys(earlier)) !== JSON.stringify(sortKeys(entry))) {
        throw new Error(`${path}: ${id} is documented differently in another class`);
      }
      if (Object.keys(entry).length > 0) operations[id] = entry;
    }
  }
  return { operations, files: paths.length };
}

function readPythonModels(gitDir: string, commit: string): { models: Record<string, ModelEnrichment>; files: number } {
  const paths = listFiles(gitDir, commit, PYTHON_MODELS_DIR).filter((path) => path.endsWith('.py'));
  if (paths.length === 0) throw new Error(`${gitDir} has no ${PYTHON_MODELS_DIR}/*.py at ${commit}`);
  const files = readFiles(gitDir, commit, paths);
  const models: Record<string, ModelEnrichment> = {};
  for (const path of paths) {
    const text = files.get(path);
    if (text === undefined) throw new Error(`${gitDir}: ${commit}:${path} is listed but its content is absent`);
    const model = parsePythonModel(text, path);
    if (!model) continue;
    if (models[model.name]) throw new Error(`${path}: the model ${model.name} is defined twice`);
    if (Object.keys(model.properties).length > 0) models[model.name] = { properties: model.properties };
  }
  return { models, files: paths.length };
}

export function deriveEnrichment(options: DeriveOptions): DeriveResult {
  const notes: string[] = [];
  let started = Date.now();
  const jsCommit = resolveCommit(options.jsRepo, options.jsCommit);
  const js = readJsDocs(options.jsRepo, jsCommit, notes);
  const jsSource: EnrichmentSource = {
    repository: JS_REPOSITORY,
    commit: jsCommit,
    release: releaseOfJs(options.jsRepo, jsCommit),
    license: 'MIT',
    what: `${JS_DOCS_DIR}/*Api.md: the permissions each operation requires and the allowed values of its parameters`,
  };
  const jsMs = Date.now() - started;
  started = Date.now();
  const pythonCommit = resolveCommit(options.pythonRepo, options.pythonCommit);
  const python = readPythonModels(options.pythonRepo, pythonCommit);
  const pythonSource: EnrichmentSource = {
    repository: PYTHON_REPOSITORY,
    commit: pythonCommit,
    release: releaseOfPython(options.pythonRepo, pythonCommit),
    license: 'MIT',
    what: `${PYTHON_MODELS_DIR}/*.py: the kind of each model property (int, float, date, datetime), its description and its allowed values`,
  };
  const pythonMs = Date.now() - started;
  return {
    document: { sources: [jsSource, pythonSource], operations: js.operations, models: python.models },
    stats: { jsFiles: js.files, jsMs, pythonFiles: python.files, pythonMs },
    notes,
  };
}

/** Objects with their keys sorted, at every depth; arrays keep their order (it is the source's). */
export function sortKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(sortKeys) as T;
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  ) as T;
}

/** Two-space JSON, keys sorted, final newline: the committed form. */
export function serializeEnrichment(document: EnrichmentDocument): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}
