/**
 * One reconcile run: the full pass in one snapshot, the settle rounds for what differs, then
 * (with --repair) guarded rewrites and a verification of the repaired keys.
 */
import type pg from 'pg';
import { itemId } from '../model/checker/expected-items.js';
import type { DynamoCalls } from '../shared/dynamodb/calls.js';
import { fullPass } from './full-pass.js';
import { SOURCE_TABLES } from './item-keys.js';
import { DIFFERENCE_LIMIT, KEY_PAGE_SIZE, REPAIR_IN_FLIGHT, SETTLE_POLL_MS, type ReconcileOptions } from './options.js';
import { PgSnapshot } from './pg-snapshot.js';
import { NO_PROGRESS, type Progress } from './progress.js';
import { compareKeys, expectedForKeys, keyRefOf, storedForKeys } from './recheck.js';
import { applyRepairs, repairRequest, type RepairCounts } from './repair.js';
import type { ReconcileResult } from './report.js';
import { settle } from './settle.js';
import type { Difference } from './types.js';

export interface ReconcileDeps {
  pool: pg.Pool;
  calls: DynamoCalls;
  progress?: Progress;
  now?: () => number;
}

export async function reconcile(deps: ReconcileDeps, options: ReconcileOptions): Promise<ReconcileResult> {
  const now = deps.now ?? Date.now;
  const progress = deps.progress ?? NO_PROGRESS;
  const started = now();
  const snapshot = await PgSnapshot.open(deps.pool);
  let pass;
  try {
    pass = await fullPass(deps.calls, snapshot, {
      tables: options.table === undefined ? SOURCE_TABLES : [options.table], onlyTable: options.table,
      segments: options.segments, limit: DIFFERENCE_LIMIT, keyPageSize: KEY_PAGE_SIZE, onProgress: (p) => progress.update(p),
    });
  } finally {
    await snapshot.close();
  }
  const passSeconds = (now() - started) / 1000;
  progress.done();

  let remaining = pass.differences;
  let settleInfo = { rounds: 0, settled: true, seconds: 0 };
  if (remaining.length > 0 && options.settleSeconds > 0) {
    progress.note(`${remaining.length} difference(s): re-checking once the pipeline has passed the snapshot (up to ${options.settleSeconds} s)`);
    const settleStart = now();
    const settled = await settle(deps.pool, deps.calls, remaining, { deadline: settleStart + options.settleSeconds * 1000, pollMs: SETTLE_POLL_MS, now });
    settleInfo = { rounds: settled.rounds, settled: settled.settled, seconds: (now() - settleStart) / 1000 };
    remaining = settled.remaining;
  }
  const settledAway = pass.differences.length - remaining.length;
  const passCounts = pass.counts;
  for (const gone of subtract(pass.differences, remaining)) passCounts.get(gone.table)!.inFlight++;

  let repair: ReconcileResult['repair'];
  if (options.repair && remaining.length > 0) {
    progress.note(`repairing ${remaining.length} difference(s)`);
    const repaired = await repairDifferences(deps, remaining);
    repair = { ...repaired.counts, found: remaining.length, differences: remaining };
    remaining = repaired.remaining;
  }
  return {
    table: options.table, dynamodbTable: deps.calls.tableName, snapshot: snapshot.point, passCounts, remaining,
    untracked: pass.untracked, settledAway, settle: settleInfo, repair, rows: pass.rows, items: pass.items,
    passSeconds, elapsedSeconds: (now() - started) / 1000,
  };
}

function subtract(all: readonly Difference[], kept: readonly Difference[]): Difference[] {
  const keep = new Set(kept.map((d) => itemId(d.pk, d.sk)));
  return all.filter((d) => !keep.has(itemId(d.pk, d.sk)));
}

/**
 * Reads the stored items first, then a fresh snapshot: PostgreSQL's state is then at least as
 * new as anything the items show, and the guard (unchanged since read) keeps whatever the sink
 * writes in between. Then the same keys are checked again: what still differs is returned.
 */
async function repairDifferences(deps: ReconcileDeps, differences: readonly Difference[]): Promise<{ counts: RepairCounts; remaining: Difference[] }> {
  const keys = differences.map(keyRefOf);
  const check = async () => {
    const stored = await storedForKeys(deps.calls, keys);
    const snapshot = await PgSnapshot.open(deps.pool);
    try {
      const expected = await expectedForKeys(snapshot, keys);
      return { expected, point: snapshot.point, left: compareKeys(keys, expected, stored, snapshot.point.lsn) };
    } finally {
      await snapshot.close();
    }
  };
  const before = await check();
  const plans = before.left.map((difference) => ({
    difference, request: repairRequest(difference, before.expected.get(itemId(difference.pk, difference.sk)), before.point.atMs),
  }));
  const counts = await applyRepairs(deps.calls, plans, REPAIR_IN_FLIGHT);
  const after = await check();
  return { counts, remaining: after.left };
}
