/** Progress on stderr while the pass runs: rows and items read and the rate, redrawn in place (TTY only). */
export interface Progress {
  update(counts: { rows: number; items: number }): void;
  note(message: string): void;
  done(): void;
}

export const NO_PROGRESS: Progress = { update: () => undefined, note: () => undefined, done: () => undefined };

export function ttyProgress(stream: NodeJS.WriteStream, now: () => number = Date.now): Progress {
  const started = now();
  let last = 0;
  let drawn = false;
  return {
    update({ rows, items }) {
      const at = now();
      if (at - last < 250) return;
      last = at;
      const seconds = Math.max((at - started) / 1000, 1e-3);
      stream.write(`\r\u001b[2Kreconcile: ${rows} rows, ${items} items read (${Math.round(rows / seconds)} rows/s)`);
      drawn = true;
    },
    note(message) {
      stream.write(`${drawn ? '\n' : ''}reconcile: ${message}\n`);
      drawn = false;
    },
    done() {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  };
}
