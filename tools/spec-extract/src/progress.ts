/** Progress on long steps, on stderr so that stdout stays the report. Silent when `quiet`. */
export interface Progress {
  step(label: string, done: number, total: number): void;
  note(message: string): void;
}

export function createProgress(quiet: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (quiet) return { step() {}, note() {} };
  let lastQuarter = -1;
  return {
    step(label, done, total) {
      if (stream.isTTY) {
        stream.write(`\r${label} ${done}/${total}${done === total ? '\n' : ''}`);
        return;
      }
      // Without a terminal, one line per quarter keeps CI logs short.
      const quarter = Math.floor((done / total) * 4);
      if (quarter !== lastQuarter || done === total) {
        lastQuarter = done === total ? -1 : quarter;
        stream.write(`${label} ${done}/${total}\n`);
      }
    },
    note(message) {
      stream.write(`${message}\n`);
    },
  };
}
