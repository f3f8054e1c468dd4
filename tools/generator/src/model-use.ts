/**
 * Which models a package's operations send (reached from a parameter) and which they receive (reached
 * from a response), transitively: a change to a model can break writers, readers or both.
 */
import { collectRefs } from '@gcsdk/spec-extract';
import type { Operation, Schema } from './model.js';

export interface ModelUse {
  /** Reached from a parameter: callers build it. */
  input: boolean;
  /** Reached from a response: callers read it. */
  output: boolean;
}

/** The models reached from `roots`, transitively (unknown names are skipped: groupByTag has refused them already). */
function reachedFrom(roots: unknown[], definitions: Record<string, Schema>): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    for (const ref of collectRefs(queue.pop())) {
      const name = ref.replace('#/definitions/', '');
      if (seen.has(name) || !definitions[name]) continue;
      seen.add(name);
      queue.push(definitions[name]);
    }
  }
  return seen;
}

export interface ModelUses {
  inputs: Set<string>;
  outputs: Set<string>;
}

export function modelUses(operations: readonly Operation[], definitions: Record<string, Schema>): ModelUses {
  return {
    inputs: reachedFrom(
      operations.flatMap((op) => op.params.map((p) => p.schema)),
      definitions,
    ),
    outputs: reachedFrom(
      operations.map((op) => op.response),
      definitions,
    ),
  };
}

/** How a model is used in either spec (a use in the old or the new spec counts). */
export function useOf(name: string, ...uses: ModelUses[]): ModelUse {
  return { input: uses.some((u) => u.inputs.has(name)), output: uses.some((u) => u.outputs.has(name)) };
}
