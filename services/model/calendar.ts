/**
 * Proleptic Gregorian calendar arithmetic on integers (H. Hinnant's days_from_civil), so dates
 * and timestamps far outside JavaScript's Date range, and before 1970, convert exactly.
 */

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

const floorDiv = (a: number, b: number) => Math.floor(a / b);

export function civilFromDays(days: number): CivilDate {
  if (!Number.isSafeInteger(days)) throw new RangeError(`day count out of range: ${days}`);
  const z = days + 719468;
  const era = floorDiv(z, 146097);
  const doe = z - era * 146097;
  const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
  const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
  const mp = floorDiv(5 * doy + 2, 153);
  const day = doy - floorDiv(153 * mp + 2, 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export function daysFromCivil({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = floorDiv(y, 400);
  const yoe = y - era * 400;
  const doy = floorDiv(153 * (month + (month > 2 ? -3 : 9)) + 2, 5) + day - 1;
  const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
  return era * 146097 + doe - 719468;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * A date as PostgreSQL prints it with DateStyle ISO (what node-postgres hands the read API):
 * 'YYYY-MM-DD', years before 1 AD as '0044-03-15 BC' (astronomical year 0 is 1 BC).
 */
export function formatPostgresDate(date: CivilDate): string {
  const monthDay = `${pad(date.month, 2)}-${pad(date.day, 2)}`;
  if (date.year >= 1) return `${pad(date.year, 4)}-${monthDay}`;
  return `${pad(1 - date.year, 4)}-${monthDay} BC`;
}
