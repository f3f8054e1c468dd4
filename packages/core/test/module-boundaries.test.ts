/**
 * The core's module boundaries, read from the sources: nothing in auth/ reaches back into the client
 * (the flows get an AuthHost), and the client imports the login flows and the axios transport only
 * dynamically, when they are called, so that a bundler leaves them out of a page that never calls them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const src = join(__dirname, '../src');

function sources(folder = src): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(folder, entry.name)) : entry.name.endsWith('.ts') ? [join(folder, entry.name)] : [],
  );
}

/** The relative modules a file imports, statically (`import … from`, `export … from`, type-only included) or dynamically. */
function imports(file: string): { static: string[]; dynamic: string[] } {
  const text = readFileSync(file, 'utf8');
  const resolve = (specifier: string) => relative(src, join(file, '..', specifier)).replace(/\.js$/, '.ts');
  return {
    static: [...text.matchAll(/^(?:import|export)\b[^;]*?from\s+'(\.[^']+)'/gms)].map((m) => resolve(m[1]!)),
    dynamic: [...text.matchAll(/\bimport\(\s*'(\.[^']+)'\s*\)/g)].map((m) => resolve(m[1]!)),
  };
}

it('no module of auth/ imports the ApiClient, even for types', () => {
  const offenders = sources(join(src, 'auth')).filter((file) => imports(file).static.includes('ApiClient.ts'));
  expect(offenders.map((file) => relative(src, file))).toEqual([]);
});

it('the ApiClient loads the login flows only when a login is called', () => {
  const client = imports(join(src, 'ApiClient.ts'));
  const lazy = ['auth/grants.ts', 'auth/browser-flows.ts'];
  // A type-only import of LoginOptions is erased from the output; any other import would pull the flows in.
  const text = readFileSync(join(src, 'ApiClient.ts'), 'utf8');
  for (const module of lazy) {
    expect(client.dynamic).toContain(module);
    const specifier = `./${module.replace(/\.ts$/, '.js')}`;
    const staticImports = [...text.matchAll(new RegExp(`^import (type )?[^;]*?from '${specifier.replace(/[./]/g, '\\$&')}'`, 'gms'))];
    expect(staticImports.every((m) => m[1] === 'type ')).toBe(true);
  }
  expect(client.static).not.toContain('auth/popup.ts');
  expect(client.static).not.toContain('transport/DefaultHttpClient.ts');
});

it('no import cycle runs through the client', () => {
  const graph = new Map(sources().map((file) => [relative(src, file), imports(file).static]));
  const reachesClient = (start: string, seen = new Set<string>()): boolean => {
    for (const next of graph.get(start) ?? []) {
      if (next === 'ApiClient.ts') return true;
      if (!seen.has(next)) {
        seen.add(next);
        if (reachesClient(next, seen)) return true;
      }
    }
    return false;
  };
  const cycles = (graph.get('ApiClient.ts') ?? []).filter((module) => reachesClient(module));
  expect(cycles).toEqual([]);
});
