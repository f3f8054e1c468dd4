#!/usr/bin/env node
// Cold `require` time, each sample in a fresh Node process: @gcsdk/core (built), the core with one
// domain, and the umbrella, beside the reference SDK and bare axios. Prints a table of medians; never asserts (budgets are read, not enforced here).
//   node bench/cold-require.mjs [--runs 15]
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'packages/core/package.json'));
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 15;

// Each subject: what one program requires (the first row after the core is the reference, for the ratio).
const subjects = [
  ['@gcsdk/core', [require.resolve('@gcsdk/core')]],
  ['purecloud-platform-client-v2@262.0.0', [require.resolve('purecloud-platform-client-v2')]],
  ['@gcsdk/core + @gcsdk/api-users', [require.resolve('@gcsdk/core'), require.resolve('@gcsdk/api-users')]],
  ['@gcsdk/platform-client (every domain)', [require.resolve('@gcsdk/platform-client')]],
  ['axios (for scale)', [require.resolve('axios')]],
];

function sample(paths) {
  const script = `const t=process.hrtime.bigint();${paths.map((path) => `require(${JSON.stringify(path)});`).join('')}const ms=Number(process.hrtime.bigint()-t)/1e6;const files=Object.keys(require.cache).length;process.stdout.write(JSON.stringify({ms,files}))`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { cwd: root, env: { ...process.env, HOME: '/nonexistent-gcsdk-bench' } }).toString(),
  );
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = subjects.map(([name, paths]) => {
  sample(paths); // warm the OS file cache once
  const samples = Array.from({ length: runs }, () => sample(paths));
  return { name, ms: median(samples.map((s) => s.ms)), files: samples[0].files };
});
const reference = rows[1].ms;
console.log(`cold require, median of ${runs} fresh processes (node ${process.version})\n`);
console.log('| module | ms | files loaded | vs reference |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.name} | ${r.ms.toFixed(1)} | ${r.files} | ${(r.ms / reference).toFixed(3)}x |`);
