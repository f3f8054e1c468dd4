/** The extractor's entry points: from the reference SDK, or from a genuine swagger file or URL. */
import { readFileSync } from 'node:fs';
import { buildSwagger } from './build-swagger';
import { assertSwagger, normalizeSwagger } from './normalize';
import { ProblemList, type Problem } from './problems';
import { createProgress, type Progress } from './progress';
import { defaultSdkDir, readSdk } from './sdk-source';
import type { SwaggerDocument } from './swagger';

export interface ExtractResult {
  doc: SwaggerDocument;
  /** Methods and models that could not be turned into the spec, with the reason. */
  problems: Problem[];
  /** Where the document came from, for reports. */
  origin: string;
}

const QUIET = createProgress(true);

export function extractFromSdk(sdkDir = defaultSdkDir(), progress: Progress = QUIET): ExtractResult {
  const problems = new ProblemList();
  const source = readSdk(sdkDir, problems, progress);
  progress.note('building the swagger document');
  const doc = normalizeSwagger(buildSwagger(source, problems));
  return { doc, problems: problems.items, origin: `${source.packageName}@${source.version}` };
}

function parseSwaggerText(text: string, origin: string): SwaggerDocument {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${origin} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  assertSwagger(value, origin);
  return normalizeSwagger(value);
}

export function extractFromFile(path: string): ExtractResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return { doc: parseSwaggerText(text, path), problems: [], origin: path };
}

export async function extractFromUrl(url: string, timeoutMs = 60_000): Promise<ExtractResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`--from-url needs an absolute http(s) URL, got "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`--from-url needs an http(s) URL, got "${url}"`);
  }
  let response: Response;
  try {
    response = await fetch(parsed, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    throw new Error(`cannot fetch ${url}: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok) throw new Error(`cannot fetch ${url}: HTTP ${response.status} ${response.statusText}`);
  return { doc: parseSwaggerText(await response.text(), url), problems: [], origin: url };
}
