// How a batch of samples run in one process reports each of them: a line `MARKER <id> start`, the
// sample's output, then `MARKER <id> passed` or `MARKER <id> failed` (after its error).
export const MARKER = '@@gcsdk-doc-sample';

/** Splits a batch's output into each sample's `{ status, output }` by id; a sample without an end line is missing. */
export function splitBatchOutput(output) {
  const results = new Map();
  let current;
  let lines = [];
  for (const line of output.split('\n')) {
    const match = line.startsWith(MARKER) ? /^\S+ (\d+) (start|passed|failed)$/.exec(line) : null;
    if (!match) {
      lines.push(line);
      continue;
    }
    const [, id, event] = match;
    if (event === 'start') {
      current = Number(id);
      lines = [];
    } else if (Number(id) === current) {
      results.set(current, { status: event, output: lines.join('\n').trim() });
      current = undefined;
    }
  }
  return results;
}
