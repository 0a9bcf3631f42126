/**
 * Settle rounds: the differences left after the pass may still be changes in flight (a
 * transaction that committed just after the snapshot point but wrote before it, a copy job not
 * yet run, a partition behind another). Each round:
 *   1. takes a fresh snapshot and computes the expected items of the remaining keys,
 *   2. waits (bounded by the deadline) until the pipeline has applied everything committed
 *      before that snapshot (pipeline-position.ts),
 *   3. reads the stored items and compares, excusing changes newer than the snapshot.
 * A difference is confirmed when it is seen again unchanged — same kind, same stored versions
 * (`_v`, `_cv_*`), same attributes — in a round whose wait ended with the pipeline past the
 * snapshot. Anything that moved goes round again; at the deadline what is left is reported as
 * unsettled.
 */
import type pg from 'pg';
import { sleep } from '../shared/backoff.js';
import type { DynamoCalls } from '../shared/dynamodb/calls.js';
import { itemId } from '../model/checker/expected-items.js';
import { copyJoins } from './sql/copy-joins.js';
import { readPipelinePosition } from './pipeline-position.js';
import { PgSnapshot } from './pg-snapshot.js';
import { compareKeys, expectedForKeys, keyRefOf, storedForKeys } from './recheck.js';
import { SOURCE_TABLES } from './item-keys.js';
import type { Difference } from './types.js';

export interface SettleOptions {
  deadline: number;
  pollMs: number;
  now?: () => number;
  onRound?: (round: number, left: number) => void;
}

export interface SettleResult {
  remaining: Difference[];
  rounds: number;
  /** False when the deadline came before the pipeline had passed a round's snapshot. */
  settled: boolean;
}

export function fingerprint(d: Difference): string {
  const copies = Object.entries(d.stored?.copyVersions ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([d.kind, d.stored?.version ?? null, d.stored?.tombstone ?? null, copies, d.attributes.map((a) => a.attribute)]);
}

/** The tables whose changes can touch these items: their own and their copies' sources. */
export function tablesConcerned(differences: readonly Difference[]): Set<string> {
  const tables = new Set<string>();
  for (const d of differences) {
    if (!SOURCE_TABLES.includes(d.table)) continue;
    tables.add(d.table);
    for (const join of copyJoins(d.table)) tables.add(join.sourceTable);
  }
  return tables;
}

export async function settle(pool: pg.Pool, calls: DynamoCalls, suspects: Difference[], options: SettleOptions): Promise<SettleResult> {
  const now = options.now ?? Date.now;
  let previous = new Map(suspects.map((d) => [itemId(d.pk, d.sk), fingerprint(d)]));
  let pending = suspects;
  const confirmed: Difference[] = [];
  let rounds = 0;
  while (pending.length > 0) {
    if (now() > options.deadline) return { remaining: [...confirmed, ...pending], rounds, settled: false };
    rounds++;
    const keys = pending.map(keyRefOf);
    const snapshot = await PgSnapshot.open(pool);
    let expected;
    try {
      expected = await expectedForKeys(snapshot, keys);
    } finally {
      await snapshot.close();
    }
    const tables = tablesConcerned(pending);
    let passed = false;
    for (;;) {
      const position = await readPipelinePosition(calls, tables, snapshot.point);
      if (position !== 'behind') {
        passed = true;
        break;
      }
      if (now() > options.deadline) break;
      await sleep(options.pollMs);
    }
    const left = compareKeys(keys, expected, await storedForKeys(calls, keys), snapshot.point.lsn);
    if (!passed) return { remaining: [...confirmed, ...left], rounds, settled: false };
    const next: Difference[] = [];
    for (const d of left) (previous.get(itemId(d.pk, d.sk)) === fingerprint(d) ? confirmed : next).push(d);
    previous = new Map(next.map((d) => [itemId(d.pk, d.sk), fingerprint(d)]));
    pending = next;
    options.onRound?.(rounds, pending.length + confirmed.length);
  }
  return { remaining: confirmed, rounds, settled: true };
}
