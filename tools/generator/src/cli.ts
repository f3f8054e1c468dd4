#!/usr/bin/env node
/**
 * npm run generate [-- --check] [-- --only users,routing] [-- --spec PATH | --spec-url URL] [-- --diff-from OLD [--dry-run]]
 * Writes packages/api-* and packages/platform-client from the spec; --check writes nothing and
 * exits 1 naming every file that differs. --diff-from first writes the changesets of the change from
 * the OLD spec (version-bumps.ts); --dry-run prints them instead and generates nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SwaggerDocument } from '@gcsdk/spec-extract';
import { checkFiles, planFiles, removeStaleFiles, writeFiles } from './generate.js';
import { versionBumpsFromSpecDiff } from './version-bumps.js';

interface Args {
  check: boolean;
  only: string[] | undefined;
  spec: string | undefined;
  specUrl: string | undefined;
  root: string;
  diffFrom: string | undefined;
  dryRun: boolean;
}

/** The repository this generator lives in (from src/ under tsx, or from the build's dist/tools/generator/src/). */
function repositoryRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'tools/generator/package.json'))) return dir;
  return resolve(from, '../../..');
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    check: false,
    only: undefined,
    spec: undefined,
    specUrl: undefined,
    root: repositoryRoot(__dirname),
    diffFrom: undefined,
    dryRun: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (!v) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--check') args.check = true;
    else if (arg === '--only')
      args.only = value()
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
    else if (arg === '--spec') args.spec = value();
    else if (arg === '--spec-url') args.specUrl = value();
    else if (arg === '--root') args.root = resolve(value());
    // Relative to where `npm run` was typed (npm runs the script in tools/generator).
    else if (arg === '--diff-from') args.diffFrom = resolve(process.env['INIT_CWD'] ?? '.', value());
    else if (arg === '--dry-run') args.dryRun = true;
    else
      throw new Error(
        `Unknown argument ${arg} (known: --check, --only a,b, --spec PATH, --spec-url URL, --root DIR, --diff-from PATH, --dry-run)`,
      );
  }
  if (args.dryRun && !args.diffFrom) throw new Error('--dry-run needs --diff-from PATH');
  // Changesets describe every package; a partial run would leave some of them ungenerated.
  if (args.diffFrom && args.only) throw new Error('--diff-from needs a full run: leave out --only');
  return args;
}

async function loadSpec(args: Args): Promise<string> {
  if (args.specUrl) {
    const response = await fetch(args.specUrl);
    if (!response.ok) throw new Error(`GET ${args.specUrl} answered ${response.status}`);
    return response.text();
  }
  return readFileSync(args.spec ?? join(args.root, 'spec/platform-api.swagger.json'), 'utf8');
}

export async function main(argv: string[]): Promise<number> {
  const started = Date.now();
  const args = parseArgs(argv);
  const specText = await loadSpec(args);
  const spec = JSON.parse(specText) as SwaggerDocument;
  const progress = (line: string) => process.stderr.write(`${line}\n`);
  if (args.diffFrom) {
    const mode = args.dryRun ? 'print' : args.check ? 'report' : 'write';
    const log = (text: string) => process.stderr.write(text);
    versionBumpsFromSpecDiff({
      root: args.root,
      oldSpecPath: args.diffFrom,
      spec,
      specText,
      mode,
      log,
      out: (text) => process.stdout.write(text),
    });
    if (args.dryRun) return 0;
  }
  const files = planFiles({
    root: args.root,
    spec,
    specText,
    ...(args.only ? { only: args.only } : {}),
    progress: args.check ? undefined : progress,
  });
  if (args.check) {
    const problems = checkFiles(files, args.root, !args.only);
    for (const problem of problems) process.stderr.write(`${problem}\n`);
    process.stderr.write(
      problems.length
        ? `generate --check: ${problems.length} file(s) differ from what the generator writes; run npm run generate\n`
        : `generate --check: ${files.size} files up to date\n`,
    );
    return problems.length ? 1 : 0;
  }
  const written = writeFiles(files);
  const removed = removeStaleFiles(files, args.root);
  process.stderr.write(
    `${files.size} files planned, ${written} written, ${removed} stale removed, in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`generate: ${(error as Error).message}\n`);
      process.exit(2);
    },
  );
}
