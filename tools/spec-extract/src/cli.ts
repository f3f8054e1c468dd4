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
import { deriveEnrichment, serializeEnrichment } from './enrichment/derive';
import { enrichSwagger, type EnrichmentReport } from './enrichment/merge';
import { readEnrichment } from './enrichment/read';
import { formatEnrichmentReport } from './enrichment/report';
import type { EnrichmentSource } from './enrichment/types';

export const DEFAULT_OUT = resolve(__dirname, '../../../spec/platform-api.swagger.json');
export const DEFAULT_TOPICS_OUT = resolve(__dirname, '../../../spec/notification-topics.json');
export const DEFAULT_ENRICHMENT = resolve(__dirname, '../../../spec/enrichment.json');
const TOPICS_REPOSITORY = 'MyPureCloud/platform-client-sdk-javascript';

const USAGE = `Usage: gcsdk-spec-extract <command> [options]

Commands:
  extract     write the swagger (default: spec/platform-api.swagger.json)
  coverage    print tags, operations and definitions counted, and everything not parsed
  topics      write spec/notification-topics.json (topic -> event model) from a local git copy of
              ${TOPICS_REPOSITORY} (--repo DIR, --commit SHA; default HEAD)
  enrich      write spec/enrichment.json (enums, integer and date kinds, property descriptions,
              permissions) from local git copies of Genesys's JavaScript and Python SDK repositories
              (--js-repo DIR [--js-commit SHA] --python-repo DIR [--python-commit SHA])

Options:
  --sdk-dir DIR      the reference SDK package folder (default: the installed devDependency)
  --from-file PATH   normalise a genuine swagger file instead of reading the SDK
  --from-url URL     normalise a genuine swagger fetched from URL instead of reading the SDK
  --out FILE         where extract, topics or enrich writes (default: ${DEFAULT_OUT}, ${DEFAULT_TOPICS_OUT},
                     ${DEFAULT_ENRICHMENT})
  --enrichment FILE  extract, coverage: merge this enrichment into the swagger (default: ${DEFAULT_ENRICHMENT}
                     when it exists and no --sdk-dir, --from-file or --from-url is given; the reference wins)
  --no-enrichment    extract, coverage: merge no enrichment
  --js-repo DIR      enrich: a git copy of MyPureCloud/platform-client-sdk-javascript (a bare mirror is enough)
  --js-commit SHA    enrich: its commit to read (default HEAD)
  --python-repo DIR  enrich: a git copy of MyPureCloud/platform-client-sdk-python
  --python-commit SHA  enrich: its commit to read (default HEAD)
  --check            write nothing; exit 1 if FILE differs from what would be written
  --repo DIR         topics: the git directory (a bare mirror is enough)
  --commit SHA       topics: the commit to read (default HEAD)
  --quiet            no progress output
  --help             this text
`;

interface LoadOptions {
  'sdk-dir'?: string;
  'from-file'?: string;
  'from-url'?: string;
  enrichment?: string;
  'no-enrichment'?: boolean;
  quiet?: boolean;
}

interface Loaded extends ExtractResult {
  enrichment?: { report: EnrichmentReport; sources: EnrichmentSource[]; path: string };
}

async function loadReference(values: LoadOptions): Promise<ExtractResult> {
  if (values['from-file'] && values['from-url']) throw new Error('give --from-file or --from-url, not both');
  if (values['from-file']) return extractFromFile(values['from-file']);
  if (values['from-url']) return extractFromUrl(values['from-url']);
  return extractFromSdk(values['sdk-dir'], createProgress(Boolean(values.quiet)));
}

/**
 * The enrichment to merge, if any: `--enrichment FILE` always; otherwise the committed one when it
 * exists and the document comes from the pinned reference SDK (a genuine swagger already has its enums).
 */
function enrichmentPath(values: LoadOptions): string | undefined {
  if (values['no-enrichment']) {
    if (values.enrichment) throw new Error('give --enrichment or --no-enrichment, not both');
    return undefined;
  }
  if (values.enrichment) return resolve(values.enrichment);
  // The committed enrichment belongs to the pinned reference SDK, not to another --sdk-dir.
  const pinnedSdk = !values['from-file'] && !values['from-url'] && !values['sdk-dir'];
  return pinnedSdk && existsSync(DEFAULT_ENRICHMENT) ? DEFAULT_ENRICHMENT : undefined;
}

async function load(values: LoadOptions): Promise<Loaded> {
  const result = await loadReference(values);
  const path = enrichmentPath(values);
  if (!path) return result;
  const enrichment = readEnrichment(path);
  const { doc, report } = enrichSwagger(result.doc, enrichment);
  return { ...result, doc, enrichment: { report, sources: enrichment.sources, path } };
}

function enrich(values: {
  'js-repo'?: string;
  'js-commit'?: string;
  'python-repo'?: string;
  'python-commit'?: string;
  out?: string;
  check?: boolean;
}): number {
  if (!values['js-repo']) throw new Error('enrich needs --js-repo DIR: a git copy of MyPureCloud/platform-client-sdk-javascript');
  if (!values['python-repo']) throw new Error('enrich needs --python-repo DIR: a git copy of MyPureCloud/platform-client-sdk-python');
  const { document, stats, notes } = deriveEnrichment({
    jsRepo: resolve(values['js-repo']),
    jsCommit: values['js-commit'],
    pythonRepo: resolve(values['python-repo']),
    pythonCommit: values['python-commit'],
  });
  const out = resolve(values.out ?? DEFAULT_ENRICHMENT);
  const text = serializeEnrichment(document);
  const [js, python] = document.sources;
  const summary =
    `${Object.keys(document.operations).length} operations from ${js!.repository} ${js!.release} (${js!.commit.slice(0, 12)}, ` +
    `${stats.jsFiles} files in ${stats.jsMs} ms), ${Object.keys(document.models).length} models from ${python!.repository} ` +
    `${python!.release} (${python!.commit.slice(0, 12)}, ${stats.pythonFiles} files in ${stats.pythonMs} ms)`;
  if (values.check) {
    const same = existsSync(out) && readFileSync(out, 'utf8') === text;
    process.stdout.write(same ? `${out} is up to date (${summary})\n` : `${out} differs from ${summary}\n`);
    return same ? 0 : 1;
  }
  writeFileSync(out, text);
  process.stdout.write(`wrote ${out}: ${summary}, ${(text.length / 1e6).toFixed(1)} MB\n`);
  for (const note of notes) process.stdout.write(`  ${note}\n`);
  return 0;
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
      enrichment: { type: 'string' },
      'no-enrichment': { type: 'boolean' },
      'js-repo': { type: 'string' },
      'js-commit': { type: 'string' },
      'python-repo': { type: 'string' },
      'python-commit': { type: 'string' },
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
    if (result.enrichment) {
      process.stdout.write(`\n${formatEnrichmentReport(result.enrichment.report, result.enrichment.sources)}`);
    }
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
  if (command === 'enrich') return enrich(values);
  if (command === 'extract') {
    const result = await load(values);
    const out = resolve(values.out ?? DEFAULT_OUT);
    const text = serializeSwagger(result.doc);
    const coverage = computeCoverage(result.doc);
    const enriched = result.enrichment ? `, enriched from ${result.enrichment.path}` : ', no enrichment';
    const summary = `${coverage.tags} tags, ${coverage.operations} operations, ${coverage.methods} methods, ${coverage.definitions} definitions${enriched}`;
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
  throw new Error(`unknown command "${command}" (expected extract, coverage, topics or enrich)`);
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
