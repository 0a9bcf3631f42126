/**
 * The Debezium slot, from pg_replication_slots: is a connector streaming from it, and how much
 * WAL does PostgreSQL keep for it. A slot nobody reads makes the server keep WAL until its disk
 * (Aurora: its storage bill) fills, so this is the signal that catches a stuck connector early.
 */
import type pg from 'pg';
import type { SlotStatus } from '../types.js';

// pg_wal_lsn_diff is numeric: as text, then Number (exact below 2^53 bytes = 8 PiB).
const SLOT_SQL = `
SELECT active,
       active_pid,
       wal_status,
       pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::text AS retained_wal_bytes,
       pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::text AS restart_wal_bytes
  FROM pg_replication_slots
 WHERE slot_name = $1`;

interface SlotRow {
  active: boolean;
  active_pid: number | null;
  wal_status: string | null;
  retained_wal_bytes: string | null;
  restart_wal_bytes: string | null;
}

/**
 * `previous` carries when the slot was first seen inactive: PostgreSQL 15 does not record it
 * (17's inactive_since does), and "inactive for a minute" is what separates a restart from a stall.
 */
export async function readReplicationSlot(pool: pg.Pool, name: string, now: Date, previous: SlotStatus | undefined): Promise<SlotStatus> {
  const { rows } = await pool.query<SlotRow>(SLOT_SQL, [name]);
  const row = rows[0];
  if (row === undefined) {
    return { name, exists: false, active: false, activePid: null, retainedWalBytes: null, restartWalBytes: null, walStatus: null, inactiveSince: null };
  }
  const bytes = (v: string | null) => (v === null ? null : Number(v));
  const inactiveSince = row.active ? null : previous?.exists && !previous.active && previous.inactiveSince !== null ? previous.inactiveSince : now.toISOString();
  return {
    name,
    exists: true,
    active: row.active,
    activePid: row.active_pid,
    retainedWalBytes: bytes(row.retained_wal_bytes),
    restartWalBytes: bytes(row.restart_wal_bytes),
    walStatus: row.wal_status,
    inactiveSince,
  };
}
