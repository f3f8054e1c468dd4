#!/usr/bin/env node
// npm run release [-- --registry URL] [--dry-run] [--concurrency N]
//
// Publishes every public workspace package whose version the registry does not have yet, in dependency
// order (a package after the packages it depends on; a few of one level at a time). The registry is
// --registry, or else the one npm's own configuration gives for the packages' scope (`.npmrc`:
// `@gcsdk:registry=…` or `registry=…`); credentials come from npm's configuration and are never printed.
// Packages must be built first (`npm run build`).
/* global AbortSignal */
import { execFile } from 'node:child_process';
import { relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs, promisify } from 'node:util';
import { ROOT, missingEntryFiles, publicPackages, publishLevels } from './lib/workspace-packages.mjs';

const run = promisify(execFile);
const BATCH_SIZE = 8;

const USAGE = `usage: npm run release [-- --registry URL] [--dry-run] [--concurrency N]
  --registry URL     publish there (default: npm's configuration, e.g. @gcsdk:registry in .npmrc)
  --dry-run          check builds and the registry, publish nothing
  --concurrency N    npm processes publishing at a time, each a few packages of one level (default 3)`;

/** Tokens, passwords and credentials in URLs, blanked out of anything printed. */
function redact(text) {
  return String(text)
    .replace(/(_authToken|_auth|_password|password|token)(["']?\s*[=:]\s*["']?)[^\s"',]+/gi, '$1$2***')
    .replace(/(bearer|basic)\s+[\w.~+/=-]+/gi, '$1 ***')
    .replace(/(\/\/)[^/@\s:]+:[^/@\s]*@/g, '$1***@');
}

/** Runs npm from the repository root (its .npmrc applies); resolves to `{ code, stdout, stderr }`. */
async function npm(args) {
  try {
    const { stdout, stderr } = await run('npm', args, { cwd: ROOT, maxBuffer: 64 * 1024 * 1024, timeout: 5 * 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: typeof error.code === 'number' ? error.code : 1, stdout: error.stdout ?? '', stderr: error.stderr || error.message };
  }
}

/** The first lines npm explains a failure with, without its log-file pointer. */
function npmError(stderr) {
  const lines = stderr
    .split('\n')
    .filter((line) => line.startsWith('npm error') && !/complete log|^npm error\s*(404)?\s*$/.test(line))
    .map((line) => line.replace(/^npm error\s*/, ''));
  return redact(lines.slice(0, 3).join(' / ') || stderr.trim().split('\n').slice(-1)[0] || 'npm failed');
}

const accessOf = (p) => p.pkg.publishConfig?.access ?? 'public';

/**
 * `packages` in at least `count` batches (when there are that many) of at most about BATCH_SIZE, each of
 * one `access`: a few packages per npm, since its start-up is most of the cost of publishing a small one.
 */
function batchesOf(packages, count) {
  const batches = [];
  for (const access of new Set(packages.map(accessOf))) {
    const group = packages.filter((p) => accessOf(p) === access);
    const n = Math.min(group.length, Math.max(count, Math.ceil(group.length / BATCH_SIZE)));
    batches.push(...Array.from({ length: n }, (_, i) => group.filter((_, j) => j % n === i)));
  }
  return batches;
}

/**
 * Publishes the workspace packages of `batch` with one npm, in the order npm lists its workspaces. Resolves
 * to the names npm published (`+ name@version` lines) and, when it stopped, npm's reason.
 */
async function publish(batch, registryArgs) {
  const workspaces = batch.flatMap((p) => ['--workspace', p.name]);
  const { code, stdout, stderr } = await npm(['publish', ...workspaces, `--access=${accessOf(batch[0])}`, ...registryArgs]);
  const done = new Set([...stdout.matchAll(/^\+ (.+)@[^@\s]+$/gm)].map((m) => m[1]));
  return { done, error: code === 0 ? undefined : npmError(stderr) };
}

/** Calls `fn` on every item, `limit` at a time. */
async function eachLimit(items, limit, fn) {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      while (queue.length > 0) await fn(queue.shift());
    }),
  );
}

/**
 * Whether the registry has `name@version`. A GET of the packument answers for a registry that lets anyone
 * read (404: not there); when it wants credentials (or cannot be reached without npm's proxy or TLS
 * settings), `npm view` asks with npm's configuration. npm answers E404 for an unknown package or version.
 */
async function published({ name, version }, registry, registryArgs) {
  try {
    const url = new URL(name.replace('/', '%2f'), registry.endsWith('/') ? registry : `${registry}/`);
    const response = await fetch(url, { headers: { accept: 'application/vnd.npm.install-v1+json' }, signal: AbortSignal.timeout(30_000) });
    if (response.status === 404) return false;
    if (response.ok) return Object.hasOwn((await response.json()).versions ?? {}, version);
  } catch {
    // npm below knows how to reach it
  }
  const { code, stdout, stderr } = await npm(['view', `${name}@${version}`, 'version', '--json', '--prefer-online', ...registryArgs]);
  if (code === 0) return stdout.trim() !== '';
  if (/\bE404\b/.test(stdout + stderr)) return false;
  throw new Error(`cannot ask the registry about ${name}@${version}: ${npmError(stderr)}`);
}

/** The registry npm publishes a scope's packages to, by npm's own configuration resolution. */
async function configuredRegistry(scope) {
  for (const key of scope ? [`${scope}:registry`, 'registry'] : ['registry']) {
    const { code, stdout } = await npm(['config', 'get', key]);
    const value = stdout.trim();
    if (code === 0 && value && value !== 'undefined') return value;
  }
  throw new Error('npm has no registry configured');
}

function parseArgsOrUsage(config) {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new Error(`${error.message}\n${USAGE}`, { cause: error });
  }
}

async function main() {
  const { values } = parseArgsOrUsage({
    options: {
      registry: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      concurrency: { type: 'string', default: '3' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`--concurrency must be a positive integer\n${USAGE}`);

  const packages = publicPackages();
  const unbuilt = packages.map((p) => [p, missingEntryFiles(p)]).filter(([, missing]) => missing.length > 0);
  if (unbuilt.length > 0) {
    for (const [p, missing] of unbuilt)
      process.stderr.write(`release: ${p.name} is not built (${relative(ROOT, p.dir)}: no ${missing.join(', ')})\n`);
    throw new Error('run `npm run build` first, then release again');
  }

  const scopes = [...new Set(packages.map((p) => p.name.split('/')[0]).filter((s) => s.startsWith('@')))];
  const registry = values.registry ?? (await configuredRegistry(scopes[0]));
  // --registry wins over a scope's registry in .npmrc too.
  const registryArgs = values.registry ? [`--registry=${registry}`, ...scopes.map((s) => `--${s}:registry=${registry}`)] : [];
  const started = performance.now();
  process.stdout.write(`release: ${packages.length} packages to ${redact(registry)}${values['dry-run'] ? ' (dry run)' : ''}\n`);

  const counts = { published: 0, skipped: 0, failed: 0 };
  const report = (outcome, { name, version }, detail = '') => {
    counts[outcome === 'would publish' ? 'published' : outcome] += 1;
    process.stdout.write(`${outcome.padEnd(13)} ${name}@${version}${detail ? ` ${detail}` : ''}\n`);
  };

  const missing = new Set();
  const failed = new Set();
  // One question first: a registry that cannot be reached fails the release once, not once per package.
  const [first, ...rest] = packages;
  if (await published(first, registry, registryArgs)) report('skipped', first, '(already there)');
  else missing.add(first.name);
  await eachLimit(rest, concurrency * 2, async (p) => {
    try {
      if (await published(p, registry, registryArgs)) report('skipped', p, '(already there)');
      else missing.add(p.name);
    } catch (error) {
      failed.add(p.name);
      report('failed', p, `(${error.message})`);
    }
  });

  for (const level of publishLevels(packages)) {
    const ready = [];
    for (const p of level.filter((p) => missing.has(p.name))) {
      const blockedBy = p.needs.filter((dep) => failed.has(dep));
      if (blockedBy.length === 0) ready.push(p);
      else {
        failed.add(p.name);
        const names = blockedBy.length > 3 ? `${blockedBy.slice(0, 3).join(', ')} and ${blockedBy.length - 3} more` : blockedBy.join(', ');
        report('failed', p, `(not published: ${names} failed)`);
      }
    }
    if (values['dry-run']) {
      for (const p of ready) report('would publish', p);
      continue;
    }
    const batches = batchesOf(ready, concurrency);
    await eachLimit(batches, concurrency, async (batch) => {
      const { done } = await publish(batch, registryArgs);
      for (const p of batch.filter((p) => done.has(p.name))) report('published', p);
      // npm stops a batch at its first failure: the rest one by one, each with its own outcome.
      for (const p of batch.filter((p) => !done.has(p.name))) {
        const { done: alone, error } = await publish([p], registryArgs);
        if (alone.has(p.name)) report('published', p);
        else {
          failed.add(p.name);
          report('failed', p, `(${error})`);
        }
      }
    });
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const verb = values['dry-run'] ? 'to publish' : 'published';
  process.stdout.write(
    `release: ${counts.published} ${verb}, ${counts.skipped} skipped (already there), ${counts.failed} failed, in ${seconds} s\n`,
  );
  if (counts.failed > 0) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`release: ${redact(error.message)}\n`);
  process.exitCode = 1;
});
