/**
 * The CLI: the committed bin launcher (what `npx gcsdk-mock` and `npm run mock` run) and the built
 * CLI print the URL first and serve; every bad option or failed start is one line on stderr and exit 2.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseCliArgs } from '../src/cli.js';
import { BASIC } from './helpers.js';

/** A child that loads the 6,600-definition spec: under a loaded CI (two cores, Chromium beside it) that can take seconds. */
const SPAWN_TIMEOUT_MS = 30_000;

const root = join(__dirname, '..');
const cli = join(root, 'dist/cli.cjs');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; files: string[] };
const launcher = join(root, pkg.bin['gcsdk-mock']!);

/** Starts a command that serves; resolves with the URL of its first line. */
function serve(child: ChildProcess): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line)?.[0];
      if (url) resolve(url);
      else reject(new Error(`first line has no URL: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
}

async function usersMeTwice(url: string): Promise<number[]> {
  const token = (await (
    await fetch(`${url}/oauth/token`, {
      method: 'POST',
      headers: { authorization: BASIC },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    })
  ).json()) as { access_token: string };
  const me = () => fetch(`${url}/api/v2/users/me`, { headers: { authorization: `Bearer ${token.access_token}` } });
  return [(await me()).status, (await me()).status];
}

describe('the bin launcher', () => {
  it('is a committed file (not under the ignored dist/), published, with a node shebang', () => {
    expect(existsSync(launcher)).toBe(true);
    expect(spawnSync('git', ['check-ignore', '-q', launcher], { cwd: root }).status).toBe(1);
    expect(readFileSync(launcher, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(pkg.files.some((f) => pkg.bin['gcsdk-mock']!.replace(/^\.\//, '').startsWith(f.replace(/\/$/, '')))).toBe(true);
  });

  it('is where the lockfile says, so that `npm ci` links node_modules/.bin/gcsdk-mock to it', () => {
    // npm ci takes bin entries from package-lock.json, not package.json: a stale entry (dist/cli.cjs,
    // absent at install time) left no link, and `npx gcsdk-mock` then asked the public registry.
    const lock = JSON.parse(readFileSync(join(root, '../../package-lock.json'), 'utf8')) as {
      packages: Record<string, { bin?: Record<string, string> }>;
    };
    const locked = lock.packages['packages/mock-server']?.bin?.['gcsdk-mock'];
    expect(locked?.replace(/^\.\//, '')).toBe(pkg.bin['gcsdk-mock']!.replace(/^\.\//, ''));
    const link = join(root, '../../node_modules/.bin/gcsdk-mock');
    expect(realpathSync(link)).toBe(realpathSync(launcher));
  });

  it('--help prints the options', () => {
    const help = spawnSync(process.execPath, [launcher, '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout.toString()).toContain('--fault SPEC');
    expect(help.stdout.toString()).toContain('--strict');
  });

  it(
    '--port 0 prints its URL on the first line and answers',
    async () => {
      const child = spawn(process.execPath, [launcher, '--port', '0', '--fault', '503:GET /api/v2/users/me*1'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        expect(await usersMeTwice(await serve(child))).toEqual([503, 200]);
      } finally {
        child.kill();
      }
    },
    SPAWN_TIMEOUT_MS,
  );

  it('without a build says how to make one, in one line, and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gcsdk-mock-launcher-'));
    mkdirSync(join(dir, 'bin'));
    copyFileSync(launcher, join(dir, 'bin/gcsdk-mock.cjs'));
    const run = spawnSync(process.execPath, [join(dir, 'bin/gcsdk-mock.cjs'), '--port', '0']);
    expect(run.status).toBe(2);
    expect(run.stderr.toString()).toBe('gcsdk-mock: run npm run build --workspace @gcsdk/mock-server first\n');
  });
});

describe('the built CLI', () => {
  it(
    '--port 0 prints its URL on the first line and answers',
    async () => {
      const child = spawn(process.execPath, [cli, '--port', '0', '--fault', '503:GET /api/v2/users/me*1'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        expect(await usersMeTwice(await serve(child))).toEqual([503, 200]);
      } finally {
        child.kill();
      }
    },
    SPAWN_TIMEOUT_MS,
  );

  const dir = mkdtempSync(join(tmpdir(), 'gcsdk-mock-cli-'));
  writeFileSync(join(dir, 'broken.json'), '{"swagger": "2.0", "paths": {');

  it.each<[string, string[], RegExp]>([
    ['a port out of range', ['--port', '99999'], /^--port expects a port number from 0 to 65535, got "99999"$/],
    ['a port that is not a number', ['--port', 'eighty'], /^--port expects a port number from 0 to 65535, got "eighty"$/],
    ['an empty port', ['--port', ''], /^--port expects a port number from 0 to 65535, got ""$/],
    [
      'an HTTP status that is not one',
      ['--fault', '999'],
      /^--fault: Cannot read the fault "999": fault status must be an HTTP error status/,
    ],
    ['a fault without latency', ['--fault', 'latency=soon'], /^--fault: Cannot read the fault "latency=soon": latency= needs milliseconds/],
    ['a missing spec', ['--spec', '/missing/file'], /^Cannot read the spec \/missing\/file: no such file$/],
    ['a malformed spec', ['--spec', join(dir, 'broken.json')], /^The spec .*broken\.json is not valid JSON: /],
    ['an unknown option', ['--bogus'], /^Unknown option --bogus \(see --help\)$/],
    ['a stray argument', ['8080'], /^Unexpected argument "8080" \(see --help\)$/],
    ['a missing value', ['--port'], /^--port needs a value$/],
    ['a value that is the next option', ['--spec', '--strict'], /^--spec needs a value$/],
    ['a flag given a value', ['--strict=yes'], /^--strict takes no value$/],
    ['too many users', ['--users', '1000000'], /^--users expects a whole number from 0 to 10000, got "1000000"$/],
    ['a zero rate limit', ['--rate-limit', '0/60'], /^--rate-limit expects N\/SECONDS with N ≥ 1/],
    ['a zero body limit', ['--max-body', '0'], /^--max-body expects a number of bytes from 1/],
  ])('%s: one line on stderr, exit 2, no stack trace', (_what, args, message) => {
    const run = spawnSync(process.execPath, [cli, ...args]);
    const stderr = run.stderr.toString();
    expect(run.status).toBe(2);
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr.replace(/^gcsdk-mock: /, '').trimEnd()).toMatch(message);
    expect(run.stdout.toString()).toBe('');
  });

  it(
    'a port already in use: one line on stderr, exit 2',
    async () => {
      const taken = createServer();
      await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = taken.address() as AddressInfo;
        // Asynchronous, so that this process keeps serving the port while the CLI tries it.
        const child = spawn(process.execPath, [cli, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
        const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
        expect(code).toBe(2);
        expect(stderr).toBe(`gcsdk-mock: port ${port} on 127.0.0.1 is already in use\n`);
      } finally {
        taken.close();
      }
    },
    SPAWN_TIMEOUT_MS,
  );
});

it('parses options', () => {
  expect(
    parseCliArgs([
      '--port',
      '0',
      '--seed',
      '7',
      '--rate-limit',
      '10/5',
      '--token-lifetime',
      '60',
      '--strict',
      '--request-log=50',
      '--max-body',
      '2048',
    ]),
  ).toEqual({
    port: 0,
    seed: 7,
    rateLimit: { requests: 10, windowSeconds: 5 },
    tokenLifetimeSeconds: 60,
    strict: true,
    requestLogLimit: 50,
    maxBodyBytes: 2048,
    faults: [],
  });
  expect(() => parseCliArgs(['--rate-limit', 'lots'])).toThrow(/N\/SECONDS/);
  expect(() => parseCliArgs(['--what'])).toThrow(/Unknown option --what/);
});
