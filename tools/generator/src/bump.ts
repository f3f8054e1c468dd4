/** What one change of the spec means for a package's version, and how the changes of a package add up. */

export type Bump = 'major' | 'minor' | 'patch';

/** Highest first. */
export const BUMPS: readonly Bump[] = ['major', 'minor', 'patch'];

/** One change, without what it is about (the operation or model that the caller knows). */
export interface Finding {
  bump: Bump;
  text: string;
}

/** What a change is about: an operation of the package, a model it exports, or a whole package (in the umbrella). */
export type SubjectKind = 'operation' | 'model' | 'package';

export interface Change extends Finding {
  kind: SubjectKind;
  /** The operationId, the model name or the package name. */
  subject: string;
}

export const finding = (bump: Bump, text: string): Finding => ({ bump, text });

/** The highest of the bumps, or undefined when there are none. */
export function highestBump(bumps: Iterable<Bump | undefined>): Bump | undefined {
  let highest: Bump | undefined;
  for (const bump of bumps) if (bump && (!highest || BUMPS.indexOf(bump) < BUMPS.indexOf(highest))) highest = bump;
  return highest;
}

const KIND_ORDER: readonly SubjectKind[] = ['package', 'operation', 'model'];
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The order changes are listed in: by bump, then packages, operations and models, each by name, then by text. */
export function compareChanges(a: Change, b: Change): number {
  return (
    BUMPS.indexOf(a.bump) - BUMPS.indexOf(b.bump) ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
    compareText(a.subject, b.subject) ||
    compareText(a.text, b.text)
  );
}

/** How many changes of each bump. */
export function countByBump(changes: readonly Finding[]): Record<Bump, number> {
  const counts: Record<Bump, number> = { major: 0, minor: 0, patch: 0 };
  for (const change of changes) counts[change.bump]++;
  return counts;
}

/** `1 operation`, `3 operations`. */
export const counted = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "2 breaking, 5 compatible, 1 documentation change(s)", leaving out the zeros. */
export function countsText(changes: readonly Finding[]): string {
  const counts = countByBump(changes);
  const parts = [
    ...(counts.major ? [`${counts.major} breaking`] : []),
    ...(counts.minor ? [`${counts.minor} compatible`] : []),
    ...(counts.patch ? [`${counts.patch} documentation`] : []),
  ];
  const total = counts.major + counts.minor + counts.patch;
  return parts.length ? `${parts.join(', ')} change${total === 1 ? '' : 's'}` : 'no changes';
}
