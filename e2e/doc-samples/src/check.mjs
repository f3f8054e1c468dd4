// Checks the samples of some Markdown files: writes them as programs, type-checks them all in one
// strict TypeScript program against the built packages, then runs each in its own Node process
// against one mock server. Results name the Markdown file and line.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import ts from 'typescript';
import { splitBatchOutput } from './batch-protocol.mjs';
import { CONTEXT_DECLARATION } from './context-types.mjs';
import { repoRoot } from './markdown.mjs';
import { collectSamples, preludeNamesUsed, renderSample, sampleFileName } from './samples.mjs';

const harness = join(import.meta.dirname, 'harness.mjs');
const SAMPLE_TIMEOUT_MS = 20_000;

/**
 * TypeScript samples: the strict settings a user's project would have; DOM too, since guides show
 * browser code. JavaScript samples are checked as an editor checks a JavaScript file (`checkJs`,
 * not strict): wrong names, arguments and types are errors, `catch (err) { err.status }` is not.
 */
const COMPILER_OPTIONS = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  allowJs: true,
  checkJs: true,
  noEmit: true,
  skipLibCheck: true,
};

/**
 * Checks the samples of `files` (paths relative to the repository root). `onResult` gets each
 * result as it is known: `{ sample, status: 'passed' | 'failed' | 'typecheck-only', message, ms }`.
 * Resolves with `{ results, ignored }`.
 */
export async function checkSamples(files, { onResult = () => {}, concurrency = availableParallelism() } = {}) {
  const { samples, ignored } = collectSamples(files);
  // Inside node_modules so that the samples resolve @gcsdk/* as an app in this repository would.
  const cacheRoot = join(repoRoot, 'node_modules/.cache');
  mkdirSync(cacheRoot, { recursive: true });
  const work = mkdtempSync(join(cacheRoot, 'gcsdk-doc-samples-'));
  const homes = mkdtempSync(join(tmpdir(), 'gcsdk-doc-samples-home-'));
  try {
    writeFileSync(join(work, 'package.json'), '{ "private": true }\n');
    writeFileSync(join(work, 'context.d.mts'), CONTEXT_DECLARATION);
    writeFileSync(join(work, 'context.d.cts'), CONTEXT_DECLARATION);
    const rendered = new Map(samples.map((sample) => [sample, renderSample(sample)]));
    for (const [sample, program] of rendered) writeFileSync(join(work, sampleFileName(sample)), program.text);

    const typeErrors = new Map([
      ...typecheck(
        work,
        samples.filter((s) => s.kind === 'ts'),
        rendered,
        COMPILER_OPTIONS,
      ),
      ...typecheck(
        work,
        samples.filter((s) => s.kind === 'cjs' || s.kind === 'mjs'),
        rendered,
        { ...COMPILER_OPTIONS, strict: false, strictBindCallApply: true },
      ),
    ]);
    const results = [];
    const report = (result) => {
      results.push(result);
      onResult(result);
    };
    const runnable = [];
    for (const sample of samples) {
      const errors = typeErrors.get(sample);
      if (errors) report({ sample, status: 'failed', message: `type errors:\n${errors.join('\n')}`, ms: 0 });
      else if (sample.mode === 'typecheck-only') report({ sample, status: 'typecheck-only', message: sample.reason, ms: 0 });
      else runnable.push(sample);
    }
    if (runnable.length) {
      const mock = await startMock();
      // The generated READMEs share one template and nothing else: one process runs them all, which
      // saves a Node start and an axios load for each of the 87. Every other sample runs alone.
      const batched = runnable.filter((sample) => sample.generated && sample.kind === 'ts');
      const jobs = [...(batched.length ? [batched] : []), ...runnable.filter((sample) => !batched.includes(sample))];
      try {
        await eachLimited(jobs, concurrency, async (job) => {
          const programOf = (sample) => executable(work, sample, rendered.get(sample).text);
          if (!Array.isArray(job)) return report(await runOne(job, programOf(job), homes, mock.url));
          for (const result of await runBatch(job, work, programOf, homes, mock.url)) report(result);
        });
      } finally {
        await mock.close();
      }
    }
    results.sort((a, b) => a.sample.id - b.sample.id);
    return { results, ignored };
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(homes, { recursive: true, force: true });
  }
}

/** One TypeScript program for the samples given; the errors of each sample, with their Markdown lines. */
function typecheck(work, samples, rendered, options) {
  if (!samples.length) return new Map();
  const byPath = new Map(samples.map((sample) => [join(work, sampleFileName(sample)), sample]));
  const program = ts.createProgram({ rootNames: [...byPath.keys()], options });
  const errors = new Map();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const sample = diagnostic.file && byPath.get(diagnostic.file.fileName);
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!sample) throw new Error(`TypeScript: ${text}`);
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    const mdLine = rendered.get(sample).mdLines[line];
    const where = mdLine ? `${sample.file}:${mdLine}` : `${sample.file}:${sample.line} (the sample's wrapper)`;
    errors.set(sample, [...(errors.get(sample) ?? []), `  ${where}: TS${diagnostic.code}: ${text}`]);
  }
  return errors;
}

/** The file Node runs: TypeScript samples compiled by esbuild (types dropped), others as written. */
function executable(work, sample, text) {
  const source = join(work, sampleFileName(sample));
  if (sample.kind !== 'ts') return source;
  const { code } = transformSync(text, { loader: 'ts', format: 'esm', target: 'node20', sourcemap: 'inline' });
  const target = source.replace(/\.mts$/, '.run.mjs');
  writeFileSync(target, code);
  return target;
}

/** Runs a sample in its own process with its own HOME, whose configuration file points at the mock. */
async function runOne(sample, file, homes, mockUrl) {
  const { code, output, ms } = await runHarness([sample.kind, file, preludeNamesUsed(sample).join(',')], sample.id, homes, mockUrl);
  return code === 0
    ? { sample, status: 'passed', message: output, ms }
    : { sample, status: 'failed', message: `exit ${code}:\n${output}`, ms };
}

/** Runs samples one after the other in one process; each gets its own result, and the process's end counts for all. */
async function runBatch(samples, work, programOf, homes, mockUrl) {
  const list = join(work, `batch-${samples[0].id}.json`);
  const entries = samples.map((sample) => ({
    id: sample.id,
    kind: sample.kind,
    file: programOf(sample),
    names: preludeNamesUsed(sample).join(','),
  }));
  writeFileSync(list, JSON.stringify(entries));
  const { code, output, ms } = await runHarness(['--batch', list], `batch-${samples[0].id}`, homes, mockUrl, samples.length);
  const each = splitBatchOutput(output);
  return samples.map((sample) => {
    const result = each.get(sample.id);
    if (!result) return { sample, status: 'failed', message: `not run to its end in its batch (exit ${code}):\n${output}`, ms };
    if (result.status === 'passed' && code !== 0)
      return { sample, status: 'failed', message: `its batch's process ended with exit ${code}:\n${output}`, ms };
    return { sample, status: result.status, message: result.output, ms: Math.round(ms / samples.length) };
  });
}

/** Runs the harness with its own HOME, whose configuration file points at the mock; `samples` scales the time limit. */
function runHarness(args, homeName, homes, mockUrl, samples = 1) {
  const home = join(homes, String(homeName));
  const { port } = new URL(mockUrl);
  mkdirSync(join(home, '.genesyscloudjavascript'), { recursive: true });
  writeFileSync(join(home, '.genesyscloudjavascript/config'), `[gateway]\nhost = 127.0.0.1\nprotocol = http\nport = ${port}\n`);
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--enable-source-maps', harness, ...args], {
      cwd: home,
      env: {
        ...process.env,
        HOME: home,
        USERPROFILE: home,
        GCSDK_SAMPLE_MOCK_URL: mockUrl,
        GENESYS_CLOUD_CLIENT_ID: 'demo-client',
        GENESYS_CLOUD_CLIENT_SECRET: 'demo-secret',
        GENESYS_CLOUD_REGION: 'mypurecloud.com',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n(killed after ${(SAMPLE_TIMEOUT_MS * samples) / 1000} s)`;
      child.kill('SIGKILL');
    }, SAMPLE_TIMEOUT_MS * samples);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, ms: Math.round(performance.now() - started) });
    });
  });
}

async function startMock() {
  const { startMockServer } = createRequire(import.meta.url)('@gcsdk/mock-server');
  return startMockServer({ port: 0 });
}

/** Runs `task` over `items`, at most `limit` at a time. */
async function eachLimited(items, limit, task) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
