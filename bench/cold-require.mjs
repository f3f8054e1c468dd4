#!/usr/bin/env node
// Cold `require` time and memory, each sample in a fresh Node process: @gcsdk/core (built), the core with
// one domain and the umbrella, beside the reference SDK and bare axios. Prints a table of medians; never
// asserts (budgets are read, not enforced here).
//   node bench/cold-require.mjs [--quick] [--runs 15]
import { execFileSync } from 'node:child_process';
import { figure, flags, isMain, median, printSection, REFERENCE, requireFromCore, root, table, times } from './lib.mjs';

const resolve = (name) => requireFromCore.resolve(name);
// Each subject: what one program requires.
const subjects = () => ({
  reference: [REFERENCE, [resolve('purecloud-platform-client-v2')]],
  core: ['@gcsdk/core', [resolve('@gcsdk/core')]],
  users: ['@gcsdk/core + @gcsdk/api-users', [resolve('@gcsdk/core'), resolve('@gcsdk/api-users')]],
  umbrella: ['@gcsdk/platform-client (every domain)', [resolve('@gcsdk/platform-client')]],
  axios: ['axios (for scale)', [resolve('axios')]],
});

/** One fresh process: the time its requires take, the files they load and the memory they add (heap after a GC). */
function sample(paths) {
  const script = [
    'gc();const m0=process.memoryUsage();const t=process.hrtime.bigint();',
    ...paths.map((path) => `require(${JSON.stringify(path)});`),
    'const ms=Number(process.hrtime.bigint()-t)/1e6;gc();const m1=process.memoryUsage();',
    'process.stdout.write(JSON.stringify({ms,files:Object.keys(require.cache).length,rss:m1.rss-m0.rss,heap:m1.heapUsed-m0.heapUsed}))',
  ].join('');
  const out = execFileSync(process.execPath, ['--expose-gc', '-e', script], {
    cwd: root,
    env: { ...process.env, HOME: '/nonexistent-gcsdk-bench' },
  });
  return JSON.parse(out.toString());
}

export async function measure({ quick = false, runs = quick ? 5 : 15 } = {}) {
  const rows = {};
  for (const [key, [name, paths]] of Object.entries(subjects())) {
    sample(paths); // warm the OS file cache once
    const samples = Array.from({ length: runs }, () => sample(paths));
    const of = (field) => median(samples.map((s) => s[field]));
    rows[key] = { name, ms: of('ms'), rss: of('rss'), heap: of('heap'), files: samples[0].files };
  }
  const ref = rows.reference;
  const mb = (n) => (n / 1024 / 1024).toFixed(1);
  const budgets = { users: { ratio: 0.2 }, umbrella: { ratio: 0.5 } };
  const figures = [];
  for (const key of ['core', 'users', 'umbrella']) {
    const { name, ms, rss, heap } = rows[key];
    figures.push(
      figure({ id: `require.${key}.ms`, label: `cold require: ${name}`, unit: 'ms', ours: ms, reference: ref.ms, budget: budgets[key] }),
      figure({ id: `require.${key}.rss`, label: `RSS added by require: ${name}`, unit: 'bytes', ours: rss, reference: ref.rss }),
      figure({ id: `require.${key}.heap`, label: `heap added by require: ${name}`, unit: 'bytes', ours: heap, reference: ref.heap }),
    );
  }
  const budgetOf = (key) => (budgets[key] ? `≤ ${budgets[key].ratio}×` : '');
  return {
    id: 'cold-require',
    title: `Cold require, median of ${runs} fresh processes`,
    note: 'Time of the `require` calls; memory is what they add to the process (RSS, and heap used after a GC), so Node’s own baseline is left out.',
    figures,
    table: table(
      [
        ['module', 'l'],
        ['ms', 'r'],
        ['vs reference', 'r'],
        ['budget', 'r'],
        ['RSS added (MB)', 'r'],
        ['heap added (MB)', 'r'],
        ['files loaded', 'r'],
      ],
      Object.entries(rows).map(([key, r]) => [
        r.name,
        r.ms.toFixed(1),
        times(r.ms / ref.ms),
        budgetOf(key),
        mb(r.rss),
        mb(r.heap),
        r.files,
      ]),
    ),
  };
}

if (isMain(import.meta.url)) {
  const { quick, runs } = flags({ runs: { type: 'string' } });
  printSection(await measure({ quick, ...(runs ? { runs: Number(runs) } : {}) }));
}
