/** Migrations: applied once, in order, recorded; a changed applied file is refused. */
import { expect } from 'chai';
import { mkdtemp, writeFile, copyFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMigrations, migrate } from '../../../services/db/migrate.js';
import { isBellyfedError } from '../../../services/shared/errors.js';
import { MIGRATIONS_DIR } from '../../../services/shared/paths.js';
import { createDatabase, type TestDatabase } from '../../helpers/postgres.js';

describe('db migrate', function () {
  let db: TestDatabase;

  beforeEach(async function () {
    db = await createDatabase();
  });

  afterEach(async function () {
    await db?.drop();
  });

  async function schemaFingerprint(): Promise<string> {
    const { rows } = await db.pool.query(
      `SELECT string_agg(table_name || '.' || column_name || ':' || data_type, ',' ORDER BY table_name, ordinal_position) AS f
       FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    return rows[0].f;
  }

  it('applies every migration once and records it; a second run changes nothing', async function () {
    const migrations = await loadMigrations();
    const first = await migrate(db.pool, migrations);
    expect(first.applied).to.deep.equal(migrations.map((m) => m.id));
    const before = await schemaFingerprint();
    const second = await migrate(db.pool, migrations);
    expect(second.applied).to.deep.equal([]);
    expect(second.alreadyApplied).to.deep.equal(migrations.map((m) => m.id));
    expect(await schemaFingerprint()).to.equal(before);
    const { rows } = await db.pool.query('SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.map((r) => r.id)).to.deep.equal(migrations.map((m) => m.id));
  });

  it('runs concurrently without applying anything twice', async function () {
    const migrations = await loadMigrations();
    const results = await Promise.all([migrate(db.pool, migrations), migrate(db.pool, migrations)]);
    expect(results.map((r) => r.applied.length).sort()).to.deep.equal([0, migrations.length]);
  });

  it('refuses a migration whose applied content changed, and rolls back a failing one', async function () {
    const dir = await mkdtemp(join(tmpdir(), 'bellyfed-migrations-'));
    for (const name of await readdir(MIGRATIONS_DIR)) await copyFile(join(MIGRATIONS_DIR, name), join(dir, name));
    await migrate(db.pool, await loadMigrations(dir));

    await writeFile(join(dir, '0001_core_tables.sql'), '-- edited\n');
    const changed = await migrate(db.pool, await loadMigrations(dir)).catch((e: unknown) => e);
    expect(isBellyfedError(changed, 'MIGRATION_FAILED'), String(changed)).to.equal(true);
    expect((changed as Error).message).to.contain('0001_core_tables was applied with different content');

    const fresh = await mkdtemp(join(tmpdir(), 'bellyfed-migrations-'));
    await writeFile(join(fresh, '0001_ok.sql'), 'CREATE TABLE t_ok (id int);');
    await writeFile(join(fresh, '0002_broken.sql'), 'CREATE TABLE t_half (id int); SELECT * FROM no_such_table;');
    const other = await createDatabase();
    try {
      const failed = await migrate(other.pool, await loadMigrations(fresh)).catch((e: unknown) => e);
      expect(isBellyfedError(failed, 'MIGRATION_FAILED')).to.equal(true);
      expect((failed as Error).message).to.contain('0002_broken');
      const { rows } = await other.pool.query(`SELECT to_regclass('t_ok') AS ok, to_regclass('t_half') AS half`);
      expect(rows[0]).to.deep.equal({ ok: 't_ok', half: null });
    } finally {
      await other.drop();
    }
  });

  it('refuses badly named migration files', async function () {
    const dir = await mkdtemp(join(tmpdir(), 'bellyfed-migrations-'));
    await writeFile(join(dir, 'init.sql'), 'SELECT 1;');
    const err = await loadMigrations(dir).catch((e: unknown) => e);
    expect(isBellyfedError(err, 'MIGRATION_FAILED')).to.equal(true);
  });
});
