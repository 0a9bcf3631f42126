import { expect } from 'chai';
import { newClusterId } from '../../../services/local/parts/kafka-cluster-id.js';

describe('newClusterId', function () {
  it('is 16 bytes in base64url', function () {
    const id = newClusterId();
    expect(id).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(id, 'base64url')).to.have.length(16);
  });

  it('never starts with "-", which the storage tool would parse as a flag', function () {
    // 0xF8 encodes to a leading '-' in base64url; the second draw does not.
    const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x01)];
    const id = newClusterId(() => draws.shift() as Buffer);
    expect(Buffer.from(id, 'base64url')).to.deep.equal(Buffer.alloc(16, 0x01));
    expect(draws).to.have.length(0);
  });
});
