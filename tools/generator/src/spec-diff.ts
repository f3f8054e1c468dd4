/**
 * The previous spec against the new one, package by package, as the generator emits them: both specs
 * are grouped with `groupByTag`, so the packages, operations and models compared are exactly those
 * generated. Each change carries its bump; a package's bump is the highest of its changes, and the
 * umbrella's the highest of its packages' (and of the models only the umbrella exports).
 */
import type { SwaggerDocument } from '@gcsdk/spec-extract';
import {
  compareChanges,
  counted,
  countsText,
  finding,
  highestBump,
  type Bump,
  type Change,
  type Finding,
  type SubjectKind,
} from './bump.js';
import { groupByTag, type Operation, type Schema, type TagGroup } from './model.js';
import { diffModel } from './model-diff.js';
import { modelUses, useOf, type ModelUse, type ModelUses } from './model-use.js';
import { diffOperation } from './operation-diff.js';

export const UMBRELLA = '@gcsdk/platform-client';

export const packageName = (slug: string) => `@gcsdk/api-${slug}`;

export interface PackageDiff {
  /** `@gcsdk/api-users`. */
  name: string;
  slug: string;
  tag: string;
  className: string;
  /** `added`: a tag new in the spec; `removed`: a tag gone from it; `changed`: in both, with changes. */
  status: 'added' | 'removed' | 'changed';
  /** The release it needs; undefined for a removed package, which cannot be released. */
  bump: Bump | undefined;
  /** Sorted (compareChanges). */
  changes: Change[];
  /** Operations and models of the package (in the old spec for a removed one). */
  operations: number;
  models: number;
}

export interface SpecDiff {
  /** The packages that changed, were added or were removed, by name. */
  packages: PackageDiff[];
  /** The packages in both specs without a change, by name. */
  unchanged: string[];
  /** The umbrella's changes: one per package that moved, and models that only the umbrella exports. */
  umbrella: { bump: Bump | undefined; changes: Change[] };
}

const definitionsOf = (spec: SwaggerDocument) => (spec.definitions ?? {}) as unknown as Record<string, Schema>;
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const packageList = (slugs: string[]) => slugs.map((s) => `\`${packageName(s)}\``).join(', ');
const change =
  (kind: SubjectKind, subject: string) =>
  (f: Finding): Change => ({ kind, subject, ...f });

/** The packages that hold each operation (an operation with two tags is in two packages). */
function homesOf(groups: TagGroup[]): Map<string, string[]> {
  const homes = new Map<string, string[]>();
  for (const group of groups) for (const op of group.operations) homes.set(op.id, [...(homes.get(op.id) ?? []), group.slug]);
  return homes;
}

/** Everything both specs share, computed once. */
interface Context {
  oldDefinitions: Record<string, Schema>;
  newDefinitions: Record<string, Schema>;
  oldHomes: Map<string, string[]>;
  newHomes: Map<string, string[]>;
  /** A model's findings depend only on its name and use: shared by every package that reaches it. */
  modelCache: Map<string, Finding[]>;
}

function modelFindings(name: string, use: ModelUse, context: Context): Finding[] {
  const key = `${name}\0${use.input}\0${use.output}`;
  let found = context.modelCache.get(key);
  if (!found) {
    found = diffModel(context.oldDefinitions[name]!, context.newDefinitions[name]!, use);
    context.modelCache.set(key, found);
  }
  return found;
}

function operationChanges(before: TagGroup, after: TagGroup, context: Context): Change[] {
  const old = new Map(before.operations.map((op) => [op.id, op]));
  const now = new Map(after.operations.map((op) => [op.id, op]));
  const elsewhere = (homes: Map<string, string[]>, id: string) => (homes.get(id) ?? []).filter((slug) => slug !== after.slug);
  const changes: Change[] = [];
  for (const id of old.keys()) {
    if (now.has(id)) continue;
    const moved = elsewhere(context.newHomes, id);
    changes.push(change('operation', id)(finding('major', moved.length ? `removed (now in ${packageList(moved)})` : 'removed')));
  }
  for (const [id, op] of now) {
    const previous = old.get(id);
    if (previous) {
      changes.push(...diffOperation(previous, op).map(change('operation', id)));
      continue;
    }
    const moved = elsewhere(context.oldHomes, id);
    changes.push(change('operation', id)(finding('minor', moved.length ? `added (was in ${packageList(moved)})` : 'added')));
  }
  return changes;
}

function modelChanges(before: TagGroup, after: TagGroup, context: Context): Change[] {
  const uses: ModelUses[] = [modelUses(before.operations, context.oldDefinitions), modelUses(after.operations, context.newDefinitions)];
  const old = new Set(before.models);
  const now = new Set(after.models);
  const changes: Change[] = [];
  for (const name of old) {
    if (now.has(name)) changes.push(...modelFindings(name, useOf(name, ...uses), context).map(change('model', name)));
    else
      changes.push(
        change(
          'model',
          name,
        )(finding('major', context.newDefinitions[name] ? 'removed (no operation of this package uses it now)' : 'removed')),
      );
  }
  for (const name of now) if (!old.has(name)) changes.push(change('model', name)(finding('minor', 'added')));
  return changes;
}

function changedPackage(before: TagGroup, after: TagGroup, context: Context): PackageDiff {
  const changes = [
    ...(before.className !== after.className
      ? [change('package', packageName(after.slug))(finding('major', `class \`${before.className}\` renamed \`${after.className}\``))]
      : []),
    ...operationChanges(before, after, context),
    ...modelChanges(before, after, context),
  ].sort(compareChanges);
  return summary(after, 'changed', highestBump(changes.map((c) => c.bump)), changes);
}

/** A new package: minor (its first release), listing its operations. */
function addedPackage(group: TagGroup, context: Context): PackageDiff {
  const changes = group.operations
    .map((op: Operation) => {
      const was = context.oldHomes.get(op.id);
      return change('operation', op.id)(finding('minor', was ? `added (was in ${packageList(was)})` : 'added'));
    })
    .sort(compareChanges);
  return summary(group, 'added', 'minor', changes);
}

function summary(group: TagGroup, status: PackageDiff['status'], bump: Bump | undefined, changes: Change[]): PackageDiff {
  return {
    name: packageName(group.slug),
    slug: group.slug,
    tag: group.tag,
    className: group.className,
    status,
    bump,
    changes,
    operations: group.operations.length,
    models: group.models.length,
  };
}

/** What the umbrella says of a package that moved. */
function umbrellaLine(pkg: PackageDiff): Change {
  const line = change('package', pkg.name);
  if (pkg.status === 'added')
    return line(finding('minor', `new package: \`${pkg.className}\` for the tag \`${pkg.tag}\`, ${counted(pkg.operations, 'operation')}`));
  if (pkg.status === 'removed')
    return line(finding('major', `removed: the tag \`${pkg.tag}\` is no longer in the spec (\`${pkg.className}\` is gone)`));
  return line(finding(pkg.bump!, countsText(pkg.changes)));
}

/**
 * Models that only the umbrella's `Models` namespace exports (no package reaches them in one of the
 * specs). Their use is unknown, so they are judged as both sent and received. A model that a package
 * reaches in both specs is judged in that package, whose bump the umbrella takes.
 */
function umbrellaModelChanges(oldGroups: TagGroup[], newGroups: TagGroup[], context: Context): Change[] {
  const reachedBefore = new Set(oldGroups.flatMap((g) => g.models));
  const reachedAfter = new Set(newGroups.flatMap((g) => g.models));
  const names = new Set([...Object.keys(context.oldDefinitions), ...Object.keys(context.newDefinitions)]);
  const changes: Change[] = [];
  for (const name of names) {
    const before = context.oldDefinitions[name];
    const after = context.newDefinitions[name];
    if (reachedBefore.has(name) && reachedAfter.has(name)) continue;
    if (!after) {
      if (!reachedBefore.has(name)) changes.push(change('model', name)(finding('major', 'removed')));
    } else if (!before) {
      if (!reachedAfter.has(name)) changes.push(change('model', name)(finding('minor', 'added')));
    } else changes.push(...modelFindings(name, { input: true, output: true }, context).map(change('model', name)));
  }
  return changes;
}

export function diffSpecs(before: SwaggerDocument, after: SwaggerDocument): SpecDiff {
  const oldGroups = groupByTag(before);
  const newGroups = groupByTag(after);
  const context: Context = {
    oldDefinitions: definitionsOf(before),
    newDefinitions: definitionsOf(after),
    oldHomes: homesOf(oldGroups),
    newHomes: homesOf(newGroups),
    modelCache: new Map(),
  };
  const oldBySlug = new Map(oldGroups.map((g) => [g.slug, g]));
  const newBySlug = new Map(newGroups.map((g) => [g.slug, g]));
  const packages: PackageDiff[] = [];
  const unchanged: string[] = [];
  for (const slug of [...new Set([...oldBySlug.keys(), ...newBySlug.keys()])].sort(byName)) {
    const previous = oldBySlug.get(slug);
    const current = newBySlug.get(slug);
    if (!previous) packages.push(addedPackage(current!, context));
    else if (!current) packages.push(summary(previous, 'removed', undefined, []));
    else {
      const diff = changedPackage(previous, current, context);
      if (diff.changes.length > 0) packages.push(diff);
      else unchanged.push(diff.name);
    }
  }
  const umbrellaChanges = [...packages.map(umbrellaLine), ...umbrellaModelChanges(oldGroups, newGroups, context)].sort(compareChanges);
  return { packages, unchanged, umbrella: { bump: highestBump(umbrellaChanges.map((c) => c.bump)), changes: umbrellaChanges } };
}
