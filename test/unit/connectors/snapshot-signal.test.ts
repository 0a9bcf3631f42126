import { expect } from 'chai';
import { buildSnapshotSignal, resolveSnapshotTables, signalTableSql } from '../../../services/connectors/snapshot-signal.js';
import { isBellyfedError } from '../../../services/shared/errors.js';

describe('snapshot signal', () => {
  it('qualifies app tables with public. and drops duplicates', () => {
    expect(resolveSnapshotTables(['users', 'public.reviews', 'users'])).to.deep.equal(['public.users', 'public.reviews']);
  });

  it('refuses an unknown table and lists the choices', () => {
    try {
      resolveSnapshotTables(['users', 'pg_authid']);
      expect.fail('expected CLI_USAGE');
    } catch (err) {
      expect(isBellyfedError(err, 'CLI_USAGE')).to.equal(true);
      expect((err as Error).message).to.contain("'pg_authid'").and.contain('restaurants, categories');
    }
  });

  it('builds an incremental execute-snapshot signal', () => {
    expect(buildSnapshotSignal(['public.users'], 'id-1')).to.deep.equal({
      id: 'id-1',
      type: 'execute-snapshot',
      data: '{"data-collections":["public.users"],"type":"incremental"}',
    });
    expect(buildSnapshotSignal(['public.users']).id).to.match(/^[0-9a-f-]{36}$/);
  });

  it('quotes the signal table and refuses anything but schema.table', () => {
    expect(signalTableSql('public.debezium_signal')).to.equal('"public"."debezium_signal"');
    for (const bad of ['debezium_signal', 'public.x; DROP TABLE users', 'Public.Signal']) {
      expect(() => signalTableSql(bad), bad).to.throw(/signal.data.collection/);
    }
  });
});
