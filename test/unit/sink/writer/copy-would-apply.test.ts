/** A copy job skips the targets on which the guarded copy write would only fail (copy-apply.ts). */
import { expect } from 'chai';
import { copyWouldApply } from '../../../../services/sink/writer/copy-apply.js';
import type { Item } from '../../../../services/shared/dynamodb/calls.js';

const review = (over: Item = {}): Item => ({
  pk: { S: 'REVIEW#r1' }, sk: { S: 'REVIEW' }, user_id: { S: 'u1' }, _cv_reviewer: { S: '2.000000000000000100.000000000000000100' }, ...over,
});

describe('sink writer: which copy targets a job refreshes', () => {
  it('refreshes a live target of this source that shows an older version, or none', () => {
    expect(copyWouldApply('reviewer', review(), 'u1', '2.000000000000000200.000000000000000200')).to.equal(true);
    const { _cv_reviewer: _unused, ...withoutCopy } = review();
    expect(copyWouldApply('reviewer', withoutCopy, 'u1', '2.000000000000000200.000000000000000200')).to.equal(true);
  });

  it('skips a target that already shows this version or a newer one', () => {
    expect(copyWouldApply('reviewer', review(), 'u1', '2.000000000000000100.000000000000000100')).to.equal(false);
    expect(copyWouldApply('reviewer', review(), 'u1', '2.000000000000000050.000000000000000050')).to.equal(false);
  });

  it('skips a deleted, missing or re-assigned target (the copy condition would fail)', () => {
    expect(copyWouldApply('reviewer', review({ _deleted: { BOOL: true } }), 'u1', '3')).to.equal(false);
    expect(copyWouldApply('reviewer', undefined, 'u1', '3')).to.equal(false);
    expect(copyWouldApply('reviewer', review({ user_id: { S: 'u2' } }), 'u1', '3')).to.equal(false);
  });
});
