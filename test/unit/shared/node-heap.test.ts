import { expect } from 'chai';
import { withHeapCap } from '../../../services/shared/node-heap.js';

describe('withHeapCap', () => {
  it('adds the cap to an environment without NODE_OPTIONS', () => {
    expect(withHeapCap({ A: '1' }, 192)).to.deep.equal({ A: '1', NODE_OPTIONS: '--max-old-space-size=192 --max-semi-space-size=16' });
  });

  it('keeps the NODE_OPTIONS already set and appends the cap', () => {
    expect(withHeapCap({ NODE_OPTIONS: '--enable-source-maps' }, 192).NODE_OPTIONS).to.equal('--enable-source-maps --max-old-space-size=192 --max-semi-space-size=16');
  });

  it('leaves a cap the caller chose alone, and does not change the given object', () => {
    const env = { NODE_OPTIONS: '--max-old-space-size=512' };
    expect(withHeapCap(env, 192)).to.equal(env);
    expect(env.NODE_OPTIONS).to.equal('--max-old-space-size=512');
  });
});
