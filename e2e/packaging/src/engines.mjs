// Every package a user installs with ours, ours included, must run on the oldest Node our packages
// accept: a dependency whose `engines.node` leaves it out makes npm warn (EBADENGINE) and, with
// engine-strict, refuse the install.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { installedDir } from './consumer.mjs';

/** Problems with `engines.node` in the install closure of `packages` (ours: `{ name, dir, pkg }`). */
export function engineProblems(packages) {
  const ours = new Map(packages.map((p) => [p.name, p]));
  const floors = new Set(packages.map((p) => p.pkg.engines?.node).filter(Boolean));
  const problems = [];
  if (floors.size !== 1) problems.push(`our packages declare ${floors.size} different engines.node ranges: ${[...floors].join(' | ')}`);
  const oldest = semver.minVersion([...floors][0] ?? '*')?.version;
  const seen = new Set();
  const queue = packages.map((p) => [p.name, p.dir]);
  while (queue.length > 0) {
    const [name, from] = queue.shift();
    const dir = ours.get(name)?.dir ?? installedDir(name, from);
    if (seen.has(dir)) continue;
    seen.add(dir);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const range = pkg.engines?.node;
    if (range && oldest && !semver.satisfies(oldest, range)) {
      problems.push(`${pkg.name}@${pkg.version} requires node ${range}, which leaves out node ${oldest} that our packages accept`);
    }
    for (const dep of Object.keys(pkg.dependencies ?? {})) queue.push([dep, dir]);
  }
  return { problems, checked: seen.size, oldest };
}
