/** Reads the reference SDK package from disk: its API classes and its `index.d.ts`. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SdkSource } from './build-swagger';
import { parseApiClass } from './parse-api-class';
import { parseDts } from './parse-dts';
import type { ProblemList } from './problems';
import type { Progress } from './progress';

export const REFERENCE_PACKAGE = 'purecloud-platform-client-v2';
export const API_DIR = join('src', REFERENCE_PACKAGE, 'api');

/** The installed reference package's folder (the pinned devDependency). */
export function defaultSdkDir(): string {
  return dirname(require.resolve(`${REFERENCE_PACKAGE}/package.json`));
}

export function readSdk(sdkDir: string, problems: ProblemList, progress: Progress): SdkSource {
  const pkg = JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8')) as { name?: string; version?: string; license?: string };
  const apiDir = join(sdkDir, API_DIR);
  let files: string[];
  try {
    files = readdirSync(apiDir)
      .filter((file) => file.endsWith('.js'))
      .sort();
  } catch (error) {
    throw new Error(`cannot read the API classes in ${apiDir}: ${(error as Error).message}`, { cause: error });
  }
  const classes: SdkSource['classes'] = [];
  files.forEach((file, i) => {
    classes.push(parseApiClass(file, readFileSync(join(apiDir, file), 'utf8'), problems));
    progress.step('parsing API classes', i + 1, files.length);
  });
  progress.note('parsing index.d.ts');
  const dts = parseDts(readFileSync(join(sdkDir, 'index.d.ts'), 'utf8'), new Set(classes.map((c) => c.className)), problems);
  return {
    packageName: pkg.name ?? REFERENCE_PACKAGE,
    version: pkg.version ?? 'unknown',
    license: pkg.license ?? 'unknown',
    classes,
    dts,
  };
}
