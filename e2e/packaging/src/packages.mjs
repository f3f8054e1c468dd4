// The published packages of the workspace (every packages/* that is not private), packed as npm would publish them.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const ROOT = join(import.meta.dirname, '../../..');

/** `{ name, dir, pkg }` for each published package, sorted by name. */
export function publishedPackages(root = ROOT) {
  const found = [];
  for (const entry of readdirSync(join(root, 'packages'))) {
    const dir = join(root, 'packages', entry);
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    if (pkg.private !== true) found.push({ name: pkg.name, dir, pkg });
  }
  return found.sort((a, b) => (a.name < b.name ? -1 : 1));
}

/**
 * Packs every package into `destination` with `npm pack --workspace` (one npm per batch, the batches in
 * parallel: npm's own start-up is most of the cost of a small pack). Returns name -> tarball path.
 */
export async function packAll(packages, destination, batches = 2) {
  const groups = Array.from({ length: batches }, (_, i) => packages.filter((_, j) => j % batches === i)).filter((g) => g.length);
  const results = await Promise.all(
    groups.map(async (group) => {
      const args = ['pack', '--json', '--pack-destination', destination, ...group.flatMap((p) => ['--workspace', p.name])];
      const { stdout } = await run('npm', args, {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, npm_config_loglevel: 'error' },
      });
      return JSON.parse(stdout);
    }),
  );
  return new Map(
    results
      .flat()
      .map((r) => [r.name, { path: join(destination, r.filename), size: r.size, unpackedSize: r.unpackedSize, files: r.files.length }]),
  );
}
