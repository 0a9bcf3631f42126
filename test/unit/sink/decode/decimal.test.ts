import { expect } from 'chai';
import { decimalFromBytes, decimalFromText, formatScaled, unscaledFromBytes } from '../../../../services/sink/decode/decimal.js';

/** Two's-complement big-endian bytes of an integer, as Connect's Decimal writes them (minimal length). */
function bytesOf(value: bigint): Uint8Array {
  let hex = (value < 0n ? (1n << 256n) + value : value).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (value < 0n) {
    while (bytes.length > 1 && bytes[0] === 0xff && (bytes[1] ?? 0) >= 0x80) bytes = bytes.subarray(1);
  } else if ((bytes[0] ?? 0) >= 0x80) {
    bytes = Buffer.concat([Buffer.from([0]), bytes]);
  }
  return bytes;
}

describe('sink decode: decimals (exact, never through a float)', () => {
  it('keeps string-mode decimals exactly as sent, beyond float precision', () => {
    expect(decimalFromText('12345678901234567890.12')).to.equal('12345678901234567890.12');
    expect(decimalFromText('12.50')).to.equal('12.50');
    expect(decimalFromText('-0.01')).to.equal('-0.01');
    expect(decimalFromText('NaN')).to.equal('NaN');
  });

  it('refuses text that is not a plain decimal (an exponent means the converter changed)', () => {
    expect(() => decimalFromText('1.2E+3')).to.throw(RangeError);
    expect(() => decimalFromText('12.5 ')).to.throw(RangeError);
  });

  it('decodes precise-mode bytes with the schema scale, keeping trailing zeros', () => {
    expect(decimalFromBytes(Uint8Array.from([0x04, 0xe2]), 2)).to.equal('12.50'); // 1250
    expect(decimalFromBytes(bytesOf(1234567890123456789012n), 2)).to.equal('12345678901234567890.12');
    expect(decimalFromBytes(Uint8Array.from([0x00]), 2)).to.equal('0.00');
    expect(decimalFromBytes(Uint8Array.from([0x05]), 3)).to.equal('0.005');
  });

  it('decodes negative unscaled values (two\'s complement)', () => {
    expect(unscaledFromBytes(Uint8Array.from([0xff]))).to.equal(-1n);
    expect(unscaledFromBytes(Uint8Array.from([0x80]))).to.equal(-128n);
    expect(unscaledFromBytes(Uint8Array.from([0x00, 0x80]))).to.equal(128n);
    expect(decimalFromBytes(bytesOf(-1250n), 2)).to.equal('-12.50');
    expect(decimalFromBytes(bytesOf(-5n), 3)).to.equal('-0.005');
    expect(decimalFromBytes(bytesOf(-1234567890123456789012n), 2)).to.equal('-12345678901234567890.12');
  });

  it('handles a negative scale (numeric(p, -s) rounds to tens, hundreds…)', () => {
    expect(formatScaled(123n, -2)).to.equal('12300');
    expect(formatScaled(-123n, -2)).to.equal('-12300');
    expect(formatScaled(0n, -2)).to.equal('0');
    expect(formatScaled(7n, 0)).to.equal('7');
  });

  it('round-trips many random values through bytes', () => {
    for (let i = 0; i < 500; i++) {
      const digits = Array.from({ length: 1 + (i % 30) }, (_, j) => String((i * 7 + j * 3) % 10)).join('');
      const unscaled = BigInt(digits) * (i % 2 ? -1n : 1n);
      const scale = i % 6;
      const expected = formatScaled(unscaled, scale);
      expect(decimalFromBytes(bytesOf(unscaled), scale)).to.equal(expected);
      expect(expected.replace('-', '').replace('.', '').replace(/^0+/, '') || '0').to.equal((unscaled < 0n ? -unscaled : unscaled).toString());
    }
  });

  it('rejects empty bytes and fractional scales', () => {
    expect(() => unscaledFromBytes(new Uint8Array())).to.throw(RangeError);
    expect(() => formatScaled(1n, 1.5)).to.throw(RangeError);
  });
});
