#!/usr/bin/env node
// `npm run bench`: builds the workspace (Nx, cached), runs every benchmark in turn, prints its table and
// writes bench/results.json, bench/RESULTS.md, docs/bench.svg and the results block of docs/performance.md.
// Benchmarks are measured, never asserted: a missed budget is reported, and the exit code stays 0
// unless a benchmark could not run at all.
//   npm run bench [-- --quick] [-- --skip-build] [-- --only per-call,token-refresh]
import { execSync } from 'node:child_process';
import { flags, printSection, root } from './lib.mjs';
import { runInfo, writeReports } from './report.mjs';

// In this order: the generator last, since its from-scratch build rewrites dist/ under the others.
const BENCHMARKS = ['cold-require', 'first-response', 'per-call', 'token-refresh', 'install-size', 'browser-bundle', 'generate'];

const {
  quick,
  'skip-build': skipBuild,
  only,
} = flags({
  'skip-build': { type: 'boolean', default: false },
  only: { type: 'string' },
});
const selected = only ? only.split(',') : BENCHMARKS;
const unknown = selected.filter((name) => !BENCHMARKS.includes(name));
if (unknown.length) throw new Error(`unknown benchmark(s) ${unknown.join(', ')} (known: ${BENCHMARKS.join(', ')})`);

if (!skipBuild) {
  try {
    execSync('npm run -s build', { cwd: root, stdio: 'pipe', maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    // Measure what is built: a benchmark that needs the missing output fails on its own, and says so.
    const failed = String(error.stdout ?? '') + String(error.stderr ?? '');
    console.error(`bench: npm run build failed; measuring what is built.\n${failed.split('\n').slice(-12).join('\n')}\n`);
  }
}
const info = runInfo(quick);
console.log(`bench: ${info.mode} run, Node ${info.node}, ${info.cpu}, load average ${info.loadAverage.join(' / ')}\n`);
const sections = [];
for (const name of selected) {
  const started = Date.now();
  try {
    const { measure } = await import(`./${name}.mjs`);
    const section = await measure({ quick });
    printSection(section);
    sections.push(section);
  } catch (error) {
    console.error(`${name} failed: ${error.stack}\n`);
    sections.push({ id: name, title: name, error: error.message.split('\n').slice(0, 2).join(' ').slice(0, 400), figures: [] });
  }
  console.log(`(${name}: ${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}
for (const file of await writeReports(info, sections)) console.log(`wrote ${file}`);
process.exitCode = sections.some((s) => s.error) ? 1 : 0;
// Keep-alive sockets of the clients measured would hold the process open.
setTimeout(() => process.exit(), 100).unref();
