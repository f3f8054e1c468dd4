#!/usr/bin/env node
// Generator budgets: time to regenerate every package from the spec, time to build from scratch (Nx,
// --skip-nx-cache): every project with its type-check, or with --quick only @gcsdk/core and
// @gcsdk/api-users; built sizes (api-users, the umbrella, everything) and the committed size of the
// generated sources. Prints a table; asserts nothing.
//   node bench/generate.mjs [--quick] [--skip-build]
//
// The regenerate time is `generate --check`: every file planned from the spec and compared with the one
// on disk, none written, so that a bench run never rewrites the working tree under a colleague's edits.
import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { figure, flags, isMain, printSection, root, table } from './lib.mjs';

const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };

/** Seconds a command takes; `ok` is false when it exits non-zero (its stderr's last line kept). */
function timed(command, args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, ok: result.status === 0, stderr: String(result.stderr).trim().split('\n').pop() };
}

function bytes(path, filter = () => true) {
  let total = 0;
  const walk = (p) => {
    const s = statSync(p);
    if (s.isDirectory()) for (const e of readdirSync(p)) walk(join(p, e));
    else if (filter(p)) total += s.size;
  };
  walk(path);
  return total;
}

export async function measure({ quick = false, skipBuild = false } = {}) {
  const generated = readdirSync(join(root, 'packages')).filter((d) => d.startsWith('api-') || d === 'platform-client');
  const rows = [];
  const figures = [];
  execFileSync('npm', ['run', '-s', 'build', '--workspace', '@gcsdk/spec-extract'], { cwd: root, env });
  const generate = timed('npm', ['run', '-s', 'generate', '--workspace', '@gcsdk/generator', '--', '--check']);
  const generateLabel = `regenerate all packages from the spec (generate --check: planned and compared, none written${generate.ok ? '' : '; files differ from the generator’s'})`;
  rows.push([generateLabel, `${generate.seconds.toFixed(1)} s`, '≤ 30 s']);
  figures.push(
    figure({
      id: 'generate.seconds',
      label: 'regenerate all packages from the spec',
      unit: 's',
      ours: generate.seconds,
      budget: { max: 30, text: '30 s' },
    }),
  );
  if (!skipBuild) {
    const [label, args] = quick
      ? [
          'build @gcsdk/core and @gcsdk/api-users from scratch (no Nx cache; --quick)',
          ['-t', 'build', '-p', '@gcsdk/core', '@gcsdk/api-users'],
        ]
      : ['build and type-check every project from scratch (nx run-many -t build typecheck, no Nx cache)', ['-t', 'build', 'typecheck']];
    const build = timed('npx', ['nx', 'run-many', ...args, '--skip-nx-cache', '--output-style=static']);
    const seconds = build.ok ? build.seconds : null;
    rows.push([label, build.ok ? `${seconds.toFixed(1)} s` : `failed (${build.stderr})`, quick ? '' : '≤ 300 s']);
    figures.push(
      figure({
        id: quick ? 'build.core-users.seconds' : 'build.all.seconds',
        label,
        unit: 's',
        ours: seconds,
        budget: quick ? null : { max: 300, text: '300 s' },
      }),
    );
  }
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
  const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
  const runtime = (p) => /index\.(cjs|mjs)$/.test(p);
  const sizeOf = (dir, filter) => bytes(join(root, 'packages', dir, 'dist'), filter);
  const committed = execFileSync('git', ['ls-files', '-z', ...generated.map((d) => `packages/${d}`)], { cwd: root })
    .toString()
    .split('\0')
    .filter(Boolean);
  rows.push(
    ['built @gcsdk/api-users: dist/index.cjs + index.mjs', kb(sizeOf('api-users', runtime)), ''],
    ['built @gcsdk/api-users: all of dist (with declarations)', kb(sizeOf('api-users')), ''],
    ['built @gcsdk/platform-client: all of dist', kb(sizeOf('platform-client')), ''],
    [`built, all ${generated.length} generated packages: runtime files`, mb(generated.reduce((n, d) => n + sizeOf(d, runtime), 0)), ''],
    [`built, all ${generated.length} generated packages: all of dist`, mb(generated.reduce((n, d) => n + sizeOf(d), 0)), ''],
    [`committed generated files (${committed.length} files)`, mb(committed.reduce((n, f) => n + statSync(join(root, f)).size, 0)), ''],
  );
  return {
    id: 'generate',
    title: `Generator and build (${availableParallelism()} cores)`,
    note: 'Absolute budgets (DESIGN §9): regenerate under 30 s and build + type-check everything under 5 min on 2 cores; a --quick run builds only @gcsdk/core and @gcsdk/api-users.',
    figures,
    table: table(
      [
        ['measure', 'l'],
        ['value', 'r'],
        ['budget', 'r'],
      ],
      rows,
    ),
  };
}

if (isMain(import.meta.url)) {
  const { quick, 'skip-build': skipBuild } = flags({ 'skip-build': { type: 'boolean', default: false } });
  printSection(await measure({ quick, skipBuild }));
}
