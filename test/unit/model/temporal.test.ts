import { expect } from 'chai';
import { civilFromDays, daysFromCivil } from '../../../services/model/calendar.js';
import {
  formatEpochDays, formatEpochMicros, formatMicrosOfDay, normalizeZonedTimestamp, toMicros,
} from '../../../services/model/temporal.js';
import { formatTimestamp } from '../../../services/query/present.js';

describe('sink decode: time types', () => {
  it('normalizes ZonedTimestamp with 0, 3, 6 and 9 fraction digits to six digits and Z', () => {
    expect(normalizeZonedTimestamp('2025-03-01T10:00:00Z')).to.equal('2025-03-01T10:00:00.000000Z');
    expect(normalizeZonedTimestamp('2025-03-01T10:00:00.12Z')).to.equal('2025-03-01T10:00:00.120000Z');
    expect(normalizeZonedTimestamp('2025-03-01T10:00:00.123Z')).to.equal('2025-03-01T10:00:00.123000Z');
    expect(normalizeZonedTimestamp('2025-03-01T10:00:00.123456Z')).to.equal('2025-03-01T10:00:00.123456Z');
    expect(normalizeZonedTimestamp('2025-03-01T10:00:00.123456000Z')).to.equal('2025-03-01T10:00:00.123456Z');
  });

  it('gives the same text the read API prints from PostgreSQL', () => {
    const pairs: [string, string][] = [
      ['2025-03-01 10:00:00.12+00', '2025-03-01T10:00:00.12Z'],
      ['2025-03-01 10:00:00+00', '2025-03-01T10:00:00Z'],
      ['1969-12-31 23:59:59.999999+00', '1969-12-31T23:59:59.999999Z'],
    ];
    for (const [postgres, debezium] of pairs) expect(normalizeZonedTimestamp(debezium)).to.equal(formatTimestamp(postgres));
  });

  it('converts a non-UTC offset exactly, across midnight and year ends', () => {
    expect(normalizeZonedTimestamp('2025-01-01T01:30:00.5+02:00')).to.equal('2024-12-31T23:30:00.500000Z');
    expect(normalizeZonedTimestamp('2024-12-31T23:00:00-05:30')).to.equal('2025-01-01T04:30:00.000000Z');
    expect(normalizeZonedTimestamp('2025-01-01T00:00:00+00:00')).to.equal('2025-01-01T00:00:00.000000Z');
  });

  it('refuses sub-microsecond digits and unknown forms', () => {
    expect(() => normalizeZonedTimestamp('2025-03-01T10:00:00.1234567Z')).to.throw(RangeError);
    expect(() => normalizeZonedTimestamp('2025-03-01 10:00:00')).to.throw(RangeError);
  });

  it('formats epoch micros before and after 1970, and far outside Date\'s range', () => {
    expect(formatEpochMicros(0n)).to.equal('1970-01-01T00:00:00.000000');
    expect(formatEpochMicros(-1n)).to.equal('1969-12-31T23:59:59.999999');
    expect(formatEpochMicros(1_740_823_200_120_000n)).to.equal('2025-03-01T10:00:00.120000');
    expect(formatEpochMicros(toMicros(-86_400_000, 'ms'))).to.equal('1969-12-31T00:00:00.000000');
    expect(formatEpochMicros(toMicros(1_740_823_200_120_000_000n, 'ns'))).to.equal('2025-03-01T10:00:00.120000');
    expect(() => toMicros(1n, 'ns')).to.throw(RangeError);
  });

  it('formats Debezium dates (days since epoch) like PostgreSQL, including before 1970 and BC', () => {
    expect(formatEpochDays(0)).to.equal('1970-01-01');
    expect(formatEpochDays(-1)).to.equal('1969-12-31');
    expect(formatEpochDays(20_148)).to.equal('2025-03-01');
    expect(formatEpochDays(daysFromCivil({ year: 1900, month: 2, day: 28 }))).to.equal('1900-02-28');
    expect(formatEpochDays(daysFromCivil({ year: 999, month: 12, day: 31 }))).to.equal('0999-12-31');
    expect(formatEpochDays(daysFromCivil({ year: 0, month: 3, day: 15 }))).to.equal('0001-03-15 BC');
    expect(formatEpochDays(daysFromCivil({ year: -43, month: 3, day: 15 }))).to.equal('0044-03-15 BC');
  });

  it('agrees with Date.UTC over a wide range of days', () => {
    for (let days = -800_000; days <= 800_000; days += 997) {
      const expected = new Date(days * 86_400_000).toISOString().slice(0, 10);
      const c = civilFromDays(days);
      if (c.year >= 1 && c.year <= 9999) expect(formatEpochDays(days)).to.equal(expected);
      expect(daysFromCivil(c)).to.equal(days);
    }
  });

  it('formats times of day', () => {
    expect(formatMicrosOfDay(0)).to.equal('00:00:00.000000');
    expect(formatMicrosOfDay(45_296_789_012n)).to.equal('12:34:56.789012');
  });
});
