/**
 * The shape every sink drill shares: workload on, break and heal (the drill's own steps), a few
 * more changes after healing so the healed pipeline is seen to move, workload off, converge, and
 * a recorded result. The result is recorded as failed too, with the reason, before the error
 * fails the test.
 */
import { expect } from 'chai';
import { waitFor } from '../../helpers/wait.js';
import type { DrillPipeline } from './pipeline.js';
import { recordResult } from './results.js';
import { startWorkload, type RunningWorkload } from './workload.js';

export interface DrillSteps {
  /** Numbered as in the issue, e.g. "1. sink SIGKILL". */
  readonly drill: string;
  readonly slug: string;
  readonly broke: string;
  /** Workload pace; the default lets a single sink keep up between faults. */
  readonly perSecond?: number;
  /** Breaks and heals; returns how many faults it injected. */
  breakAndHeal(workload: RunningWorkload): Promise<number>;
}

/** A seed from BELLYFED_DRILL_SEED (to replay a failure) or a fresh one, printed either way. */
function drillSeed(): number {
  const given = Number.parseInt(process.env.BELLYFED_DRILL_SEED ?? '', 10);
  return Number.isInteger(given) ? given : Math.floor(Math.random() * 2 ** 31);
}

/** Waits until the workload has made `more` further changes (the pipeline sees traffic meanwhile). */
export async function moreChanges(workload: RunningWorkload, more: number, what = `${more} more changes`): Promise<void> {
  const target = workload.count() + more;
  await waitFor(() => workload.count() >= target, what, { timeoutMs: 120_000, intervalMs: 50 });
}

export async function runDrill(pipeline: DrillPipeline, steps: DrillSteps): Promise<void> {
  const seed = drillSeed();
  process.stdout.write(`      drill ${steps.drill}: workload seed ${seed} (replay with BELLYFED_DRILL_SEED=${seed})\n`);
  const workload = startWorkload(pipeline.source.db.pool, { seed, perSecond: steps.perSecond ?? 40 });
  let faults = 0;
  try {
    faults = await steps.breakAndHeal(workload);
    await moreChanges(workload, 40, 'changes after healing');
    const summary = await workload.stop();
    const { seconds, reconcile } = await pipeline.converge();
    recordResult(steps.slug, {
      drill: steps.drill, broke: steps.broke, changes: summary.operations, faults,
      convergeSeconds: Math.round(seconds * 10) / 10, differences: reconcile.differences,
      outcome: reconcile.exitCode === 0 && reconcile.differences === 0 ? 'passed' : 'failed',
    });
    expect(reconcile.differences, 'reconcile differences').to.equal(0);
    expect(reconcile.exitCode, 'reconcile exit status').to.equal(0);
  } catch (err) {
    process.stdout.write(`      drill ${steps.drill} failed: ${String((err as Error).message ?? err).slice(0, 4000)}\n`);
    await workload.stop().catch(() => undefined);
    recordResult(steps.slug, {
      drill: steps.drill, broke: steps.broke, changes: workload.count(), faults,
      convergeSeconds: null, differences: null, outcome: 'failed', detail: String((err as Error).message ?? err).split('\n')[0]!.slice(0, 200),
    });
    throw err;
  }
}
