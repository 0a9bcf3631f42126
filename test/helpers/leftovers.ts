/**
 * A ledger of what a test process creates on the shared local platform outside itself: a Debezium
 * connector, its replication slot, a database, topics and registry subjects. A run killed before
 * its cleanup (Ctrl-C: mocha runs no hooks then) leaves them behind, and a leftover connector keeps
 * streaming while its slot keeps WAL. test/run-on-platform.sh removes, before each run, what was
 * written down by processes that no longer exist; a live process's entries are never touched, so
 * concurrent runs on one platform are safe.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { PROJECT_ROOT } from '../../services/shared/paths.js';
import { connectClient, deleteConnector, deleteSourceTopics, dropSlotWhenInactive } from './cdc-teardown.js';
import { serverUrl } from './postgres.js';

const LEDGER_DIR = join(PROJECT_ROOT, '.bellyfed', 'test-leftovers');

export interface CdcLeftover {
  readonly connector: string;
  readonly slot: string;
  readonly database: string;
  /** Topics `<prefix>.…` and `__debezium-heartbeat.<prefix>`, and their subjects. */
  readonly topicPrefix: string;
}

/** Writes the entry down; the returned function forgets it once its cleanup succeeded. */
export function recordLeftover(entry: CdcLeftover): () => void {
  mkdirSync(LEDGER_DIR, { recursive: true });
  const file = join(LEDGER_DIR, `${process.pid}-${entry.connector}.json`);
  writeFileSync(file, JSON.stringify({ pid: process.pid, ...entry }));
  return () => rmSync(file, { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function removeLeftover(entry: CdcLeftover): Promise<void> {
  await deleteConnector(connectClient(), entry.connector);
  const admin = new pg.Client({ connectionString: serverUrl('postgres') });
  await admin.connect();
  try {
    // A database that holds a replication slot cannot be dropped: the slot goes first.
    await dropSlotWhenInactive(admin, entry.slot);
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(entry.database)} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  await deleteSourceTopics(entry.topicPrefix);
}

/** Removes what dead test processes left; returns one line per entry (removed, or why not). */
export async function cleanLeftovers(): Promise<string[]> {
  let files: string[];
  try {
    files = readdirSync(LEDGER_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const report: string[] = [];
  for (const file of files) {
    const path = join(LEDGER_DIR, file);
    const entry = JSON.parse(readFileSync(path, 'utf8')) as CdcLeftover & { pid: number };
    if (alive(entry.pid)) continue;
    try {
      await removeLeftover(entry);
      rmSync(path, { force: true });
      report.push(`removed connector ${entry.connector}, slot ${entry.slot}, database ${entry.database} and its topics (left by pid ${entry.pid})`);
    } catch (err) {
      report.push(`could not remove what pid ${entry.pid} left (${entry.connector}): ${(err as Error).message}; kept for the next run`);
    }
  }
  return report;
}
