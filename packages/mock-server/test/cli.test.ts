/** The CLI (built) prints its URL first and serves; bad options are refused clearly. */
import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { parseCliArgs } from '../src/cli.js';

const cli = join(__dirname, '../dist/cli.cjs');

it('gcsdk-mock --port 0 prints its URL on the first line and answers', async () => {
  const child = spawn(process.execPath, [cli, '--port', '0', '--fault', '503:GET /api/v2/users/me*1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(firstLine)?.[0];
    expect(url).toBeDefined();
    const token = (await (
      await fetch(`${url}/oauth/token`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from('demo-client:demo-secret').toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      })
    ).json()) as { access_token: string };
    const me = () => fetch(`${url}/api/v2/users/me`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect((await me()).status).toBe(503);
    expect((await me()).status).toBe(200);
  } finally {
    child.kill();
  }
});

it('--help describes the options; a bad option exits 2 with a message', () => {
  const help = spawnSync(process.execPath, [cli, '--help']);
  expect(help.stdout.toString()).toContain('--fault SPEC');
  const bad = spawnSync(process.execPath, [cli, '--port', 'eighty']);
  expect(bad.status).toBe(2);
  expect(bad.stderr.toString()).toContain('--port expects a non-negative number, got "eighty"');
});

it('parses options', () => {
  expect(parseCliArgs(['--port', '0', '--seed', '7', '--rate-limit', '10/5', '--token-lifetime', '60'])).toEqual({
    port: 0,
    seed: 7,
    rateLimit: { requests: 10, windowSeconds: 5 },
    tokenLifetimeSeconds: 60,
    faults: [],
  });
  expect(() => parseCliArgs(['--rate-limit', 'lots'])).toThrow(/N\/SECONDS/);
  expect(() => parseCliArgs(['--what'])).toThrow(/Unknown option --what/);
});
