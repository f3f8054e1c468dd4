// Fresh apps outside the workspace, as users make them: their own package.json and .npmrc, npm run in them.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../../../scripts/lib/workspace-packages.mjs';

const run = promisify(execFile);

/**
 * The environment for npm children: without the `npm_config_*` and `npm_package_*` variables that the
 * `npm test` running us exports (they would win over the apps' own .npmrc), with `extra` on top.
 */
function npmEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_(config|package|lifecycle)_/i.test(key)));
  return { ...env, ...extra };
}

/**
 * The setting every npm child gets: a temp user config (never ~/.npmrc) and a temp cache, so that what
 * the apps install comes from the registry of the test and nothing is left behind.
 */
export function npmSetup(work) {
  const userconfig = join(work, 'user.npmrc');
  writeFileSync(userconfig, 'fund=false\naudit=false\nupdate-notifier=false\n');
  return { npm_config_userconfig: userconfig, npm_config_cache: join(work, 'npm-cache') };
}

/** Runs npm in `cwd`; resolves to its stdout, rejects with npm's output in the message. */
export async function npm(cwd, args, env) {
  try {
    const { stdout } = await run('npm', args, { cwd, env: npmEnv(env), maxBuffer: 64 * 1024 * 1024, timeout: 5 * 60_000 });
    return stdout;
  } catch (error) {
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}${error.stderr ?? error.message}`, { cause: error });
  }
}

/** Runs scripts/release.mjs from the workspace; resolves to `{ code, stdout, stderr }`. */
export async function release(args, env) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(ROOT, 'scripts/release.mjs'), ...args], {
      cwd: ROOT,
      env: npmEnv(env),
      maxBuffer: 64 * 1024 * 1024,
      timeout: 5 * 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code, stdout: error.stdout ?? '', stderr: error.stderr ?? error.message };
  }
}

/** A new app folder with a package.json and an .npmrc (`npmrc`: the registry and token lines). */
export function createApp(dir, npmrc) {
  mkdirSync(dir, { recursive: true });
  const pkg = { name: dir.split('/').pop(), version: '1.0.0', private: true, license: 'MIT' };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(join(dir, '.npmrc'), npmrc);
  return dir;
}

/** Runs `node <file>` in the app (HOME there: no user configuration file of the SDK). */
export async function runNode(dir, file, env = {}) {
  const { stdout, stderr } = await run(process.execPath, [file], {
    cwd: dir,
    env: { ...npmEnv(env), HOME: dir, USERPROFILE: dir },
    timeout: 60_000,
  });
  return { stdout, stderr };
}

/** Every file under `dir` (symlinks as links), relative paths, sorted. */
function walk(dir, base = dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, base, found);
    else found.push(relative(base, path));
  }
  return found.sort();
}

/** A digest of a folder's file names and contents: equal digests, same files. */
export function folderDigest(dir) {
  const hash = createHash('sha256');
  for (const file of walk(dir)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(dir, file)));
  }
  return hash.digest('hex');
}

/** An app's lockfile entries of installed packages (`node_modules/…`), by path. */
export function lockedPackages(dir) {
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  return Object.fromEntries(Object.entries(lock.packages).filter(([path, entry]) => path.startsWith('node_modules/') && !entry.link));
}

/** Bytes of the files under `dir`, and bytes allocated on disk for them. */
function bytesOf(dir) {
  let bytes = 0;
  let allocated = 0;
  const files = walk(dir);
  for (const file of files) {
    const stat = lstatSync(join(dir, file));
    bytes += stat.size;
    allocated += stat.blocks * 512;
  }
  return { bytes, allocated, files: files.length };
}

/** node_modules of an app: its bytes, files and installed packages, and the bytes of our scope in it. */
export function installSize(dir) {
  const modules = join(dir, 'node_modules');
  const ours = existsSync(join(modules, '@gcsdk')) ? bytesOf(join(modules, '@gcsdk')).bytes : 0;
  return { ...bytesOf(modules), ours, packages: Object.keys(lockedPackages(dir)).length };
}
