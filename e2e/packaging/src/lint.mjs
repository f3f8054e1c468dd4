// publint and arethetypeswrong on a packed tarball, through their JS APIs (one process for every package).
import { readFileSync } from 'node:fs';
import { checkPackage, createPackageFromTarballData } from '@arethetypeswrong/core';
import { problemKindInfo } from '@arethetypeswrong/core/problems';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';

/**
 * Every attw problem is a real one for our layouts — dual ESM + CJS with a declaration file per format
 * (the api packages and the umbrella), or CJS only (the mock server): "Masquerading as CJS" (FalseCJS),
 * for one, means a node16 ESM consumer is typed as if it had `require`d the package, so
 * `import x from '@gcsdk/api-users'` would compile and fail at run time.
 */
function attwProblems(analysis) {
  if (analysis.types === false) return ['attw: the package has no types at all'];
  return analysis.problems.map((p) => {
    const where = [p.entrypoint, p.resolutionKind].filter(Boolean).join(', ');
    return `attw ${p.kind}${where ? ` (${where})` : ''}: ${problemKindInfo[p.kind]?.description ?? ''}`;
  });
}

/** publint errors and warnings (suggestions are advice, e.g. "add a type field", not defects). */
function publintProblems(result) {
  return result.messages
    .filter((m) => m.type === 'error' || m.type === 'warning')
    .map((m) => `publint ${m.type} ${m.code} at ${m.path.join('.') || '(root)'}: ${formatMessage(m, result.pkg, { color: false }) ?? ''}`);
}

/** The problems of one tarball, as lines (empty when it is clean). */
export async function lintTarball(path) {
  const bytes = readFileSync(path);
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const analysis = await checkPackage(createPackageFromTarballData(data));
  const tarball = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const result = await publint({ pack: { tarball }, level: 'warning', strict: false });
  return [...publintProblems(result), ...attwProblems(analysis)];
}
