import { expect } from 'chai';
import type { PartitionPosition } from '../../../../services/sink/source/positions.js';
import { StallWatch } from '../../../../services/sink/source/stall-watch.js';

describe('sink: stall watch', () => {
  let clock = 0;
  const watch = () => new StallWatch(60_000, () => clock);
  const at = (topic: string, partition: number, committed: number | null, end: number): PartitionPosition => ({ topic, partition, low: 0, end, committed });

  beforeEach(() => {
    clock = 1_000_000;
  });

  it('flags an assigned partition with a backlog and no batch for longer than the bound', () => {
    const w = watch();
    w.assign({ t: [0, 1] });
    clock += 61_000;
    expect(w.stalled([at('t', 0, 18, 242), at('t', 1, 341, 341)]).map((p) => p.partition)).to.deep.equal([0]);
  });

  it('does not flag a partition owned by another worker, one caught up, or one within the bound', () => {
    const w = watch();
    w.assign({ t: [0] });
    clock += 30_000;
    expect(w.stalled([at('t', 0, 1, 9)])).to.deep.equal([]);
    clock += 40_000;
    expect(w.stalled([at('t', 1, 1, 9), at('t', 0, 9, 9), at('t', 0, null, 0)])).to.deep.equal([]);
  });

  it('does not flag a partition whose batch is in the handler (a DynamoDB outage being retried), and counts from its last attempt', () => {
    const w = watch();
    w.assign({ t: [0] });
    w.batchStarted('t', 0);
    clock += 120_000;
    expect(w.stalled([at('t', 0, 1, 9)])).to.deep.equal([]);
    w.batchEnded('t', 0);
    clock += 59_000;
    expect(w.stalled([at('t', 0, 1, 9)])).to.deep.equal([]);
    clock += 2_000;
    expect(w.stalled([at('t', 0, 1, 9)])).to.have.length(1);
  });

  it('does not flag anything while the handler works on another partition (slow, not stalled)', () => {
    const w = watch();
    w.assign({ t: [0, 1] });
    w.batchStarted('t', 1);
    clock += 120_000;
    expect(w.stalled([at('t', 0, 1, 9)])).to.deep.equal([]);
    w.batchEnded('t', 1);
    expect(w.stalled([at('t', 0, 1, 9)])).to.have.length(1);
  });

  it('starts over with a new assignment', () => {
    const w = watch();
    w.assign({ t: [0] });
    clock += 61_000;
    w.assign({ t: [0] });
    expect(w.stalled([at('t', 0, 1, 9)])).to.deep.equal([]);
  });
});
