/** The JSON document's shape, the text summary, and argument validation (usage errors name the flag). */
import { expect } from 'chai';
import { isBellyfedError } from '../../../services/shared/errors.js';
import { parseOptions, DEFAULTS, SOURCE_TABLES, reportJson, reportText, type ReconcileResult } from '../../../services/reconcile/index.js';
import { formatLsn } from '../../../services/reconcile/report.js';
import { emptyCounts } from '../../../services/reconcile/types.js';
import { IntegerText } from '../../../services/model/change-event.js';

function result(over: Partial<ReconcileResult> = {}): ReconcileResult {
  return {
    table: undefined, dynamodbTable: 't', snapshot: { lsn: 0x1_0000_00abn, atMs: 0 },
    passCounts: new Map([['reviews', { ...emptyCounts(), rows: 3, items: 3, different: 2, inFlight: 1 }]]),
    remaining: [{
      kind: 'different', table: 'reviews', pk: 'REVIEW#1', sk: 'REVIEW', stored: { version: '1.a.b', copyVersions: {}, sourceTsMs: 1, tombstone: false },
      attributes: [{ attribute: 'views', expected: new IntegerText('9007199254740993'), actual: undefined }],
    }],
    untracked: 0, settledAway: 1, settle: { rounds: 1, settled: true, seconds: 0.5 }, repair: undefined,
    rows: 3, items: 3, passSeconds: 1.5, elapsedSeconds: 2, ...over,
  };
}

describe('reconcile: report', () => {
  it('prints one stable JSON document: counts of what still stands, differences with attribute names and JSON-safe values', () => {
    const doc = reportJson(result(), 20);
    expect(Object.keys(doc)).to.deep.equal([
      'version', 'equal', 'table', 'dynamodbTable', 'snapshot', 'totals', 'tables', 'differences', 'differencesOmitted', 'settle', 'repair',
      'elapsedSeconds', 'passSeconds', 'rowsPerSecond', 'rows', 'items',
    ]);
    expect(doc.equal).to.equal(false);
    expect(doc.snapshot.lsn).to.equal('1/AB');
    expect(doc.tables.reviews).to.deep.equal({ rows: 3, items: 3, missing: 0, extra: 0, different: 1, inFlight: 1 });
    expect(doc.differences).to.deep.equal([{
      kind: 'different', table: 'reviews', pk: 'REVIEW#1', sk: 'REVIEW', storedVersion: '1.a.b',
      attributes: [{ name: 'views', expected: '9007199254740993', actual: null }],
    }]);
    expect(doc.rowsPerSecond).to.equal(2);
    expect(JSON.parse(JSON.stringify(doc))).to.deep.equal(doc);
  });

  it('limits the listed differences and says how many more there are', () => {
    const doc = reportJson(result({ untracked: 4 }), 0);
    expect(doc.differences).to.deep.equal([]);
    expect(doc.differencesOmitted).to.equal(5);
    expect(doc.equal).to.equal(false);
  });

  it('summarizes as text: a table of counts, the differences, the rate', () => {
    const text = reportText(result(), 20);
    expect(text).to.match(/^reviews\s+3\s+3\s+0\s+0\s+1\s+1$/m);
    expect(text).to.include('different reviews REVIEW#1 / REVIEW  views: expected "9007199254740993", stored null');
    expect(text).to.match(/DIFFERENT: read 3 rows and 3 items in 1\.5 s \(2 rows\/s\)/);
    expect(reportText(result({ remaining: [], passCounts: new Map() }), 20)).to.match(/^equal:/m);
  });

  it('formats LSNs like PostgreSQL', () => {
    expect(formatLsn(0x16_B374_8n)).to.equal('0/16B3748');
  });
});

describe('reconcile: options', () => {
  it('fills defaults', () => {
    expect(parseOptions({})).to.deep.equal({ table: undefined, repair: false, json: false, ...DEFAULTS });
  });

  it('takes every source table and refuses others, naming the flag and the valid names', () => {
    for (const table of SOURCE_TABLES) expect(parseOptions({ table }).table).to.equal(table);
    try {
      parseOptions({ table: 'orders' });
      expect.fail('no error');
    } catch (err) {
      expect(isBellyfedError(err, 'CLI_USAGE')).to.equal(true);
      expect((err as Error).message).to.equal(`--table must be one of ${SOURCE_TABLES.join(', ')} (got 'orders')`);
    }
  });

  it('refuses numbers out of range', () => {
    for (const [flag, raw] of [['--settle-seconds', { settleSeconds: '-1' }], ['--segments', { segments: '0' }], ['--limit', { limit: 'x' }]] as const) {
      expect(() => parseOptions(raw)).to.throw(flag);
    }
    expect(parseOptions({ settleSeconds: '0', segments: '8', limit: '5' })).to.include({ settleSeconds: 0, segments: 8, limit: 5 });
  });
});
