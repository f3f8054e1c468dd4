import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../src/cli';
import { FIXTURE_SDK } from './helpers';

describe('the CLI', () => {
  let dir: string;
  let stdout: string;
  let stderr: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'spec-extract-cli-'));
    stdout = '';
    stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  });

  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the coverage counts and exits 0 when everything parsed', async () => {
    expect(await main(['coverage', '--sdk-dir', FIXTURE_SDK, '--quiet'])).toBe(0);
    expect(stdout).toMatch(/tags\s+2\n/);
    expect(stdout).toMatch(/operations \(path \+ method\)\s+8\n/);
    expect(stdout).toMatch(/methods \(operations per tag\)\s+9\n/);
    expect(stdout).toMatch(/definitions\s+5\n/);
    expect(stdout).toMatch(/reachable from an operation\s+4\n/);
    expect(stdout).toContain('Every method and model was parsed.');
    expect(stderr).toBe('');
  });

  it('shows progress on stderr unless quiet', async () => {
    await main(['coverage', '--sdk-dir', FIXTURE_SDK]);
    expect(stderr).toContain('parsing API classes 2/2');
    expect(stderr).toContain('parsing index.d.ts');
  });

  it('writes the spec, and --check tells whether a file is current', async () => {
    const out = join(dir, 'spec.json');
    expect(await main(['extract', '--sdk-dir', FIXTURE_SDK, '--out', out, '--quiet'])).toBe(0);
    const written = readFileSync(out, 'utf8');
    expect(JSON.parse(written).paths['/api/v2/widgets']).toBeDefined();
    expect(await main(['extract', '--sdk-dir', FIXTURE_SDK, '--out', out, '--quiet', '--check'])).toBe(0);
    writeFileSync(out, written.replace('Create widgets', 'Create gizmos'));
    expect(await main(['extract', '--sdk-dir', FIXTURE_SDK, '--out', out, '--quiet', '--check'])).toBe(1);
    expect(stdout).toContain('differs from what purecloud-platform-client-v2@0.0.1-fixture gives');
  });

  it('refuses unknown commands and conflicting sources', async () => {
    await expect(main(['frobnicate'])).rejects.toThrow('unknown command "frobnicate"');
    await expect(main(['extract', '--from-file', 'a', '--from-url', 'b'])).rejects.toThrow('not both');
    await expect(main(['extract', '--bogus'])).rejects.toThrow(/bogus/);
    expect(await main([])).toBe(2);
    expect(stdout).toContain('Usage: gcsdk-spec-extract');
  });
});
