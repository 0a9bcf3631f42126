import { expect } from 'chai';
import { formatBytes, formatCount, formatDuration } from '../../../services/monitor/format.js';

describe('monitor formatting', function () {
  it('formats WAL bytes in binary units', function () {
    expect(formatBytes(0)).to.equal('0 B');
    expect(formatBytes(1023)).to.equal('1023 B');
    expect(formatBytes(1024)).to.equal('1.00 KiB');
    expect(formatBytes(1536)).to.equal('1.50 KiB');
    expect(formatBytes(15 * 1024 * 1024)).to.equal('15.0 MiB');
    expect(formatBytes(5 * 1024 ** 3)).to.equal('5.00 GiB');
    expect(formatBytes(300 * 1024 ** 3)).to.equal('300 GiB');
    expect(formatBytes(3 * 1024 ** 4)).to.equal('3.00 TiB');
    expect(formatBytes(-2048)).to.equal('-2.00 KiB');
    expect(formatBytes(Number.NaN)).to.equal('?');
  });

  it('formats durations with their two leading units', function () {
    expect(formatDuration(0)).to.equal('0s');
    expect(formatDuration(0.25)).to.equal('250ms');
    expect(formatDuration(42.9)).to.equal('42s');
    expect(formatDuration(185)).to.equal('3m 05s');
    expect(formatDuration(2 * 3600 + 7 * 60 + 59)).to.equal('2h 07m');
    expect(formatDuration(3 * 86_400 + 4 * 3600)).to.equal('3d 04h');
  });

  it('groups thousands the same on every machine', function () {
    expect(formatCount(0)).to.equal('0');
    expect(formatCount(999)).to.equal('999');
    expect(formatCount(12_345)).to.equal('12,345');
    expect(formatCount(1_234_567)).to.equal('1,234,567');
  });
});
