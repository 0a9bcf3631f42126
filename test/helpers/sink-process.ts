/**
 * The sink worker as a real process (`bellyfed serve sink`), for tests that kill it: SIGKILL is
 * only a crash when it hits a separate process. Needs `npm run build` (the child runs dist/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../services/shared/paths.js';

export interface SinkProcess {
  readonly child: ChildProcess;
  /** Base URL of its metrics endpoint, once it has started. */
  readonly url: Promise<string>;
  /** Sends a signal and resolves with the exit code (null after a signal) once it has exited. */
  stop(signal: NodeJS.Signals): Promise<number | null>;
  /** The sum of a counter or gauge over all its labels, read from /metrics. */
  metric(name: string): Promise<number>;
  /** The last lines it logged (LOG_LEVEL=warn: warnings and errors), for a failure's report. */
  stderrTail(): string;
}

/** Workers still running; killed when the test process exits, however it exits. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export function startSinkProcess(env: NodeJS.ProcessEnv): SinkProcess {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'bin', 'bellyfed.js'), 'serve', 'sink'], {
    env: { ...env, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    running.delete(child);
    resolve(code);
  }));
  const url = new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000);
      const match = /metrics on (http:\/\/\S+)\/metrics/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`sink exited with ${code} before starting: ${stderr.slice(-2000)}`)));
  });
  url.catch(() => undefined); // a caller that never awaits url must not see an unhandled rejection
  return {
    child,
    url,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
    metric: async (name) => metricSum(await url, name),
    stderrTail: () => stderr,
  };
}

/** The sum of a counter or gauge over all its labels, read from a service's /metrics. */
export async function metricSum(baseUrl: string, name: string): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  return [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?)`, 'gm'))]
    .reduce((sum, m) => sum + Number(m[1]), 0);
}
