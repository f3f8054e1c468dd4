#!/usr/bin/env node
// Generator budgets: time to regenerate every package from the spec, time to build and type-check
// all packages from scratch (Nx, no cache), built sizes (api-users, the umbrella, everything) and the
// committed size of the generated sources. Prints a table; asserts nothing.
//   node bench/generate.mjs [--skip-build]
import { execFileSync, execSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false', NX_TUI: 'false' };

function timed(label, command) {
  const started = process.hrtime.bigint();
  execSync(command, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  return { label, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
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

const generated = readdirSync(join(root, 'packages')).filter((d) => d.startsWith('api-') || d === 'platform-client');
const rows = [];
execSync('npm run -s build --workspace @gcsdk/spec-extract', { cwd: root, env });
rows.push(
  timed(
    'regenerate all packages from the spec (`generate` without the spec-extract build)',
    'npm run -s generate --workspace @gcsdk/generator',
  ),
);
if (!process.argv.includes('--skip-build')) {
  rows.push(
    timed(
      'build and type-check every project from scratch (nx run-many -t build typecheck, no cache)',
      'npx nx run-many -t build typecheck --skip-nx-cache --output-style=static',
    ),
  );
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
const runtime = (p) => /index\.(cjs|mjs)$/.test(p);
const sizeOf = (dir, filter) => bytes(join(root, 'packages', dir, 'dist'), filter);
console.log(`generator budgets (node ${process.version}, ${require_cpus()} cores)\n`);
console.log('| measure | value |');
console.log('| --- | ---: |');
for (const r of rows) console.log(`| ${r.label} | ${r.seconds.toFixed(1)} s |`);
console.log(`| built @gcsdk/api-users: dist/index.cjs + index.mjs | ${kb(sizeOf('api-users', runtime))} |`);
console.log(`| built @gcsdk/api-users: all of dist (with declarations) | ${kb(sizeOf('api-users'))} |`);
console.log(`| built @gcsdk/platform-client: all of dist | ${kb(sizeOf('platform-client'))} |`);
console.log(
  `| built, all ${generated.length} generated packages: runtime files | ${mb(generated.reduce((n, d) => n + sizeOf(d, runtime), 0))} |`,
);
console.log(`| built, all ${generated.length} generated packages: all of dist | ${mb(generated.reduce((n, d) => n + sizeOf(d), 0))} |`);
const committed = execFileSync('git', ['ls-files', '-z', ...generated.map((d) => `packages/${d}`)], { cwd: root })
  .toString()
  .split('\0')
  .filter(Boolean);
console.log(
  `| committed generated files (${committed.length} files) | ${mb(committed.reduce((n, f) => n + statSync(join(root, f)).size, 0))} |`,
);

function require_cpus() {
  return execSync('nproc').toString().trim();
}
