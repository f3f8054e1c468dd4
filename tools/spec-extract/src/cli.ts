#!/usr/bin/env node
/**
 * gcsdk-spec-extract — writes spec/platform-api.swagger.json from the reference SDK (or from a
 * genuine swagger), and reports what it covers.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { computeCoverage, formatCoverage } from './coverage';
import { extractFromFile, extractFromSdk, extractFromUrl, type ExtractResult } from './extract';
import { serializeSwagger } from './normalize';
import { readNotificationTopics, serializeNotificationTopics, topicsWithoutModel } from './notification-topics';
import { createProgress } from './progress';

export const DEFAULT_OUT = resolve(__dirname, '../../../spec/platform-api.swagger.json');
export const DEFAULT_TOPICS_OUT = resolve(__dirname, '../../../spec/notification-topics.json');
const TOPICS_REPOSITORY = 'MyPureCloud/platform-client-sdk-javascript';

const USAGE = `Usage: gcsdk-spec-extract <command> [options]

Commands:
  extract     write the swagger (default: spec/platform-api.swagger.json)
  coverage    print tags, operations and definitions counted, and everything not parsed
  topics      write spec/notification-topics.json (topic -> event model) from a local git copy of
              ${TOPICS_REPOSITORY} (--repo DIR, --commit SHA; default HEAD)

Options:
  --sdk-dir DIR      the reference SDK package folder (default: the installed devDependency)
  --from-file PATH   normalise a genuine swagger file instead of reading the SDK
  --from-url URL     normalise a genuine swagger fetched from URL instead of reading the SDK
  --out FILE         where extract or topics writes (default: ${DEFAULT_OUT}, ${DEFAULT_TOPICS_OUT})
  --check            write nothing; exit 1 if FILE differs from what would be written
  --repo DIR         topics: the git directory (a bare mirror is enough)
  --commit SHA       topics: the commit to read (default HEAD)
  --quiet            no progress output
  --help             this text
`;

async function load(values: { 'sdk-dir'?: string; 'from-file'?: string; 'from-url'?: string; quiet?: boolean }): Promise<ExtractResult> {
  if (values['from-file'] && values['from-url']) throw new Error('give --from-file or --from-url, not both');
  if (values['from-file']) return extractFromFile(values['from-file']);
  if (values['from-url']) return extractFromUrl(values['from-url']);
  return extractFromSdk(values['sdk-dir'], createProgress(Boolean(values.quiet)));
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'sdk-dir': { type: 'string' },
      'from-file': { type: 'string' },
      'from-url': { type: 'string' },
      out: { type: 'string' },
      check: { type: 'boolean' },
      repo: { type: 'string' },
      commit: { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const [command, ...extra] = positionals;
  if (values.help || !command) {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  if (extra.length > 0) throw new Error(`unexpected argument "${extra[0]}"`);

  if (command === 'coverage') {
    const result = await load(values);
    process.stdout.write(formatCoverage(computeCoverage(result.doc), result.problems, result.origin));
    return result.problems.length === 0 ? 0 : 1;
  }
  if (command === 'topics') {
    if (!values.repo) throw new Error('topics needs --repo DIR: a git copy of ' + TOPICS_REPOSITORY);
    const doc = readNotificationTopics(resolve(values.repo), TOPICS_REPOSITORY, values.commit);
    const out = resolve(values.out ?? DEFAULT_TOPICS_OUT);
    const text = serializeNotificationTopics(doc);
    const swagger = JSON.parse(readFileSync(DEFAULT_OUT, 'utf8')) as { definitions?: Record<string, unknown> };
    const missing = topicsWithoutModel(doc, swagger.definitions ?? {});
    const summary = `${doc.topics.length} topics from ${doc.source.repository} ${doc.source.release} (${doc.source.commit.slice(0, 12)}), ${missing.length} without a model in the swagger`;
    if (values.check) {
      const same = existsSync(out) && readFileSync(out, 'utf8') === text;
      process.stdout.write(same ? `${out} is up to date (${summary})\n` : `${out} differs from ${summary}\n`);
      return same ? 0 : 1;
    }
    writeFileSync(out, text);
    process.stdout.write(`wrote ${out}: ${summary}\n`);
    for (const t of missing) process.stdout.write(`  no model ${t.model} for ${t.topic}: it gets the generic event body\n`);
    return 0;
  }
  if (command === 'extract') {
    const result = await load(values);
    const out = resolve(values.out ?? DEFAULT_OUT);
    const text = serializeSwagger(result.doc);
    const coverage = computeCoverage(result.doc);
    const summary = `${coverage.tags} tags, ${coverage.operations} operations, ${coverage.methods} methods, ${coverage.definitions} definitions`;
    if (values.check) {
      const same = existsSync(out) && readFileSync(out, 'utf8') === text;
      process.stdout.write(same ? `${out} is up to date (${summary})\n` : `${out} differs from what ${result.origin} gives\n`);
      return same ? 0 : 1;
    }
    writeFileSync(out, text);
    process.stdout.write(`wrote ${out}: ${summary}, ${(text.length / 1e6).toFixed(1)} MB\n`);
    if (result.problems.length > 0) {
      process.stderr.write(`${result.problems.length} item(s) could not be parsed; run the coverage command for the list\n`);
    }
    return 0;
  }
  throw new Error(`unknown command "${command}" (expected extract, coverage or topics)`);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`gcsdk-spec-extract: ${(error as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
