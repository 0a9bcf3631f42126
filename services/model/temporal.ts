/**
 * Debezium's time types to one canonical text per kind, the same forms the read API prints
 * (services/query/present.ts): timestamps always carry six fractional digits, so equal instants
 * are equal strings and sort chronologically as strings.
 *
 *   timestamptz  io.debezium.time.ZonedTimestamp (ISO string, 0–9 fraction digits, offset)
 *                → 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (UTC)
 *   timestamp    io.debezium.time.MicroTimestamp / Timestamp / NanoTimestamp (epoch long)
 *                → 'YYYY-MM-DDTHH:MM:SS.ffffff' (no zone: it has none)
 *   date         io.debezium.time.Date (days since epoch) → 'YYYY-MM-DD' (PostgreSQL's form)
 *   time         io.debezium.time.MicroTime / Time → 'HH:MM:SS.ffffff'
 */
import { civilFromDays, daysFromCivil, formatPostgresDate, type CivilDate } from './calendar.js';

const MICROS_PER_DAY = 86_400_000_000n;
const pad = (n: number | bigint, width: number) => String(n).padStart(width, '0');

function formatYear(year: number): string {
  if (year >= 0 && year <= 9999) return pad(year, 4);
  return year < 0 ? `-${pad(-year, 4)}` : `+${year}`;
}

function formatDateTime(date: CivilDate, microsOfDay: bigint): string {
  const seconds = microsOfDay / 1_000_000n;
  const fraction = microsOfDay % 1_000_000n;
  const hh = seconds / 3600n;
  const mm = (seconds % 3600n) / 60n;
  const ss = seconds % 60n;
  return `${formatYear(date.year)}-${pad(date.month, 2)}-${pad(date.day, 2)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}.${pad(fraction, 6)}`;
}

function floorDivMod(a: bigint, b: bigint): [bigint, bigint] {
  const q = a / b;
  const r = a % b;
  return r < 0n ? [q - 1n, r + b] : [q, r];
}

/** Microseconds since the epoch (negative before 1970) → ISO date-time with 6 fraction digits. */
export function formatEpochMicros(micros: bigint | number): string {
  const [days, microsOfDay] = floorDivMod(BigInt(micros), MICROS_PER_DAY);
  return formatDateTime(civilFromDays(Number(days)), microsOfDay);
}

/** Fraction digits of a timestamp, exactly six; digits beyond micros must be zero (PostgreSQL has none). */
function sixDigitFraction(fraction: string | undefined, raw: string): string {
  const digits = fraction ?? '';
  if (digits.length > 6 && !/^0+$/.test(digits.slice(6))) {
    throw new RangeError(`timestamp has sub-microsecond digits: '${raw}'`);
  }
  return digits.slice(0, 6).padEnd(6, '0');
}

const ZONED = /^([+-]?\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?)$/;

/** io.debezium.time.ZonedTimestamp → UTC with six fraction digits and 'Z'. */
export function normalizeZonedTimestamp(raw: string): string {
  const m = ZONED.exec(raw);
  if (!m) throw new RangeError(`not an ISO timestamp with offset: '${raw.slice(0, 64)}'`);
  const [, y, mo, d, h, mi, s, frac, zone] = m as unknown as [string, string, string, string, string, string, string, string | undefined, string];
  const fraction = sixDigitFraction(frac, raw);
  if (zone === 'Z' || /^[+-]00(:?00(:?00)?)?$/.test(zone)) {
    return `${formatYear(Number(y))}-${mo}-${d}T${h}:${mi}:${s}.${fraction}Z`;
  }
  // A non-UTC offset (Debezium sends UTC, but the format allows any): shift exactly.
  const sign = zone.startsWith('-') ? -1n : 1n;
  const parts = zone.slice(1).replace(/:/g, '');
  const offsetSeconds = BigInt(Number(parts.slice(0, 2)) * 3600 + Number(parts.slice(2, 4) || 0) * 60 + Number(parts.slice(4, 6) || 0));
  const days = BigInt(daysFromCivil({ year: Number(y), month: Number(mo), day: Number(d) }));
  const micros = days * MICROS_PER_DAY
    + (BigInt(Number(h) * 3600 + Number(mi) * 60 + Number(s)) - sign * offsetSeconds) * 1_000_000n
    + BigInt(fraction);
  return `${formatEpochMicros(micros)}Z`;
}

/** io.debezium.time.Date / Connect Date: days since 1970-01-01 (negative before). */
export function formatEpochDays(days: number | bigint): string {
  return formatPostgresDate(civilFromDays(Number(days)));
}

/** Time of day in microseconds → 'HH:MM:SS.ffffff'. */
export function formatMicrosOfDay(micros: bigint | number): string {
  return formatEpochMicros(BigInt(micros)).slice(11);
}

/** Scales a whole number of `unit`s to microseconds; nanoseconds must be whole microseconds. */
export function toMicros(value: bigint | number, unit: 'ms' | 'us' | 'ns'): bigint {
  const v = BigInt(value);
  if (unit === 'ms') return v * 1000n;
  if (unit === 'us') return v;
  if (v % 1000n !== 0n) throw new RangeError(`nanosecond timestamp is not a whole microsecond: ${v}`);
  return v / 1000n;
}
