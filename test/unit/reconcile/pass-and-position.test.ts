/** Counting in the pass (Tally), the pipeline-position decision, and the repair requests with their guard. */
import { expect } from 'chai';
import { formatVersion, STREAM_CLASS, VERSION_ZERO } from '../../../services/model/version.js';
import { Tally } from '../../../services/reconcile/full-pass.js';
import { pipelinePosition } from '../../../services/reconcile/pipeline-position.js';
import { repairRequest } from '../../../services/reconcile/repair.js';
import { expectedItem } from '../../../services/model/checker/expected-items.js';
import { ids, rows } from '../sink/helpers.js';
import type { Difference } from '../../../services/reconcile/types.js';

const old = formatVersion(STREAM_CLASS, 0x3000n, 0x3100n);
const newer = formatVersion(STREAM_CLASS, 0x5000n, 0x5100n);
const point = { lsn: 0x5000n, atMs: 1_000 };

function difference(over: Partial<Difference> = {}): Difference {
  return {
    kind: 'different', table: 'reviews', pk: `REVIEW#${ids.review}`, sk: 'REVIEW', attributes: [{ attribute: 'rating', expected: 5, actual: 1 }],
    stored: { version: old, copyVersions: { _cv_reviewer: old }, sourceTsMs: 7, tombstone: false }, ...over,
  };
}

describe('reconcile: tally of the pass', () => {
  it('counts kinds per table, keeps up to the limit, and counts what is in flight apart', () => {
    const tally = new Tally(1);
    tally.record(difference(), point.lsn);
    tally.record(difference({ kind: 'missing', attributes: [], stored: undefined }), point.lsn);
    tally.record(difference({ stored: { version: newer, copyVersions: {}, sourceTsMs: 1, tombstone: false } }), point.lsn);
    expect(tally.of('reviews')).to.include({ different: 1, missing: 1, inFlight: 1 });
    expect(tally.differences).to.have.length(1);
    expect(tally.untracked).to.equal(1);
  });
});

describe('reconcile: has the pipeline passed the snapshot?', () => {
  const wm = (sk: string, ts: number) => ({ pk: { S: 'WATERMARK' }, sk: { S: sk }, _ts: { N: String(ts) } });
  const tables = new Set(['reviews', 'users']);

  it('says no pipeline when the sink never wrote a watermark', () => {
    expect(pipelinePosition([], [], [], tables, point)).to.equal('no-pipeline');
  });

  it('needs every watermark of the tables concerned (and the heartbeat) past the snapshot time', () => {
    expect(pipelinePosition([wm('reviews#0', 1001), wm('users#0', 1001), wm('~heartbeat', 1002)], [], [], tables, point)).to.equal('passed');
    expect(pipelinePosition([wm('reviews#0', 1001), wm('reviews#1', 1000)], [], [], tables, point)).to.equal('behind');
    expect(pipelinePosition([wm('reviews#0', 1001), wm('menu_items#0', 10)], [], [], tables, point)).to.equal('passed');
  });

  it('waits for copy jobs older than the snapshot and for pending truncate sweeps', () => {
    const marks = [wm('reviews#0', 2000)];
    expect(pipelinePosition(marks, [{ version: { S: old } }], [], tables, point)).to.equal('behind');
    expect(pipelinePosition(marks, [{ version: { S: newer } }], [], tables, point)).to.equal('passed');
    expect(pipelinePosition(marks, [], [{ pending: { BOOL: true } }], tables, point)).to.equal('behind');
  });
});

describe('reconcile: repair requests', () => {
  const expected = expectedItem('reviews', rows.review(), () => rows.user()).item;

  it('puts the expected item with the stored versions kept, guarded on them being unchanged', () => {
    const request = repairRequest(difference(), expected, point.atMs);
    expect(request.action).to.equal('put');
    if (request.action !== 'put') return;
    expect(request.input.Item?._v).to.deep.equal({ S: old });
    expect(request.input.Item?._cv_reviewer).to.deep.equal({ S: old });
    expect(request.input.Item?._ts).to.deep.equal({ N: '7' });
    expect(request.input.Item?.rating).to.deep.equal({ N: '5' });
    expect(request.input.ConditionExpression).to.equal('#v = :v AND #cv0 = :cv0');
    expect(request.input.ExpressionAttributeValues).to.deep.equal({ ':v': { S: old }, ':cv0': { S: old } });
  });

  it('creates a missing item only where nothing is stored, at the lowest version', () => {
    const request = repairRequest(difference({ kind: 'missing', attributes: [], stored: undefined }), expected, point.atMs);
    if (request.action !== 'put') throw new Error('expected a put');
    expect(request.input.ConditionExpression).to.equal('attribute_not_exists(#pk)');
    expect(request.input.ExpressionAttributeValues).to.equal(undefined);
    expect(request.input.Item?._v).to.deep.equal({ S: VERSION_ZERO });
  });

  it('tombstones an orphan with a row key (same version), deletes one with no row key', () => {
    const orphan = repairRequest(difference({ kind: 'extra', attributes: [] }), undefined, point.atMs);
    expect(orphan.action).to.equal('tombstone');
    if (orphan.action === 'tombstone') {
      expect(orphan.input.Item?._deleted).to.deep.equal({ BOOL: true });
      expect(orphan.input.Item?._v).to.deep.equal({ S: old });
    }
    const garbage = repairRequest(difference({ kind: 'extra', table: 'unknown', pk: 'GARBAGE', sk: 'X', attributes: [], stored: { version: undefined, copyVersions: {}, sourceTsMs: undefined, tombstone: false } }), undefined, point.atMs);
    expect(garbage.action).to.equal('delete');
    expect(garbage.input.ConditionExpression).to.equal('attribute_exists(#pk) AND attribute_not_exists(#v)');
  });
});
