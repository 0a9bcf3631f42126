/** Thrown by a command that has printed its own result and only needs the process to exit with `code`. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}
