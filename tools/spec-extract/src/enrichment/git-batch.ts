/**
 * Reads many files of one commit from a git directory (a bare mirror is enough) with a single
 * `git cat-file --batch` process: thousands of `git show` calls would each pay a process start.
 */
import { execFileSync, spawnSync } from 'node:child_process';

/** A mirror may lack some blobs; git must say so rather than try to fetch them from a remote. */
const GIT_ENV = { ...process.env, GIT_NO_LAZY_FETCH: '1', GIT_TERMINAL_PROMPT: '0' };

export function git(gitDir: string, args: string[]): string {
  try {
    return execFileSync('git', ['--git-dir', gitDir, ...args], {
      encoding: 'utf8',
      env: GIT_ENV,
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new Error(`git ${args.join(' ')} in ${gitDir} failed${stderr ? `: ${stderr}` : ''}`, { cause: error });
  }
}

/** The full commit id of `commit` (a SHA, a branch, `HEAD`, `HEAD~1`). */
export function resolveCommit(gitDir: string, commit = 'HEAD'): string {
  return git(gitDir, ['rev-parse', '--verify', `${commit}^{commit}`]).trim();
}

/** The paths of the files under `dir` at `commit`. */
export function listFiles(gitDir: string, commit: string, dir: string): string[] {
  return git(gitDir, ['ls-tree', '-r', '--name-only', commit, '--', dir])
    .split('\n')
    .filter((line) => line.length > 0);
}

/** `path` at `commit`, or undefined where the tree has no such file. */
export function readOptionalFile(gitDir: string, commit: string, path: string): string | undefined {
  return readFiles(gitDir, commit, [path]).get(path);
}

/**
 * The text of each path at `commit`, by path. A path the tree lacks, or whose blob the mirror does
 * not hold, is left out of the map (the caller decides whether that matters).
 */
export function readFiles(gitDir: string, commit: string, paths: readonly string[]): Map<string, string> {
  const files = new Map<string, string>();
  if (paths.length === 0) return files;
  for (const path of paths) {
    if (path.includes('\n')) throw new Error(`cannot read a path with a line break through git cat-file: ${JSON.stringify(path)}`);
  }
  const result = spawnSync('git', ['--git-dir', gitDir, 'cat-file', '--batch'], {
    input: paths.map((path) => `${commit}:${path}\n`).join(''),
    env: GIT_ENV,
    maxBuffer: 2 * 1024 * 1024 * 1024,
  });
  if (result.error) throw new Error(`git cat-file --batch in ${gitDir} failed: ${result.error.message}`, { cause: result.error });
  if (result.status !== 0) {
    throw new Error(`git cat-file --batch in ${gitDir} failed: ${result.stderr.toString('utf8').trim() || `exit ${result.status}`}`);
  }
  const out = result.stdout;
  let at = 0;
  for (const path of paths) {
    const end = out.indexOf(0x0a, at);
    if (end < 0) throw new Error(`git cat-file --batch in ${gitDir} ended early, at ${path}`);
    const header = out.toString('utf8', at, end);
    at = end + 1;
    // `<sha> <type> <size>` then the content and a newline; or `<name> missing` / `ambiguous`.
    const found = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!found) continue;
    const size = Number(found[2]);
    if (found[1] === 'blob') files.set(path, out.toString('utf8', at, at + size));
    at += size + 1;
  }
  return files;
}
