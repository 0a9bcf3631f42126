/**
 * `bellyfed reconcile --json` as the operator runs it: a separate process, judged by its exit
 * status and its JSON report.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../../../services/shared/paths.js';

export interface ReconcileOutcome {
  readonly exitCode: number;
  /** Differences it reports (missing + extra + different). */
  readonly differences: number;
  readonly report: unknown;
}

export async function reconcileOnce(env: NodeJS.ProcessEnv): Promise<ReconcileOutcome> {
  const run = promisify(execFile);
  const { exitCode, stdout, stderr } = await run(process.execPath, [join(PROJECT_ROOT, 'bin', 'bellyfed.js'), 'reconcile', '--json'], {
    env: { ...env, LOG_LEVEL: 'warn' },
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    ({ stdout, stderr }) => ({ exitCode: 0, stdout, stderr }),
    (err: { code?: number; stdout?: string; stderr?: string }) => ({ exitCode: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' }),
  );
  let report: unknown;
  try {
    report = JSON.parse(stdout);
  } catch {
    throw new Error(`bellyfed reconcile --json exited ${exitCode} without a JSON report: ${stderr.slice(-2000) || stdout.slice(-2000)}`);
  }
  return { exitCode, differences: countDifferences(report), report };
}

/** missing + extra + different as the report totals them (docs/RECONCILE.md), plus any it could not track. */
function countDifferences(report: unknown): number {
  const totals = (report as { totals?: Record<string, unknown> }).totals;
  const kinds = ['missing', 'extra', 'different', 'untracked'];
  if (!totals || !kinds.every((k) => typeof totals[k] === 'number')) {
    throw new Error(`unexpected reconcile report shape: ${JSON.stringify(report).slice(0, 500)}`);
  }
  return kinds.reduce((sum, k) => sum + (totals[k] as number), 0);
}
