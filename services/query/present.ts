/** PostgreSQL's text forms to the API's JSON forms. Pure, shared by every store's reader. */

/**
 * '2025-03-01 10:00:00.12+00' (timestamptz text in a UTC session) → '2025-03-01T10:00:00.120000Z'.
 * Always six fractional digits: one canonical form whichever store served it.
 */
export function formatTimestamp(raw: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,6}))?(?:\+00(?::?00)?|Z)$/.exec(raw);
  if (!match) throw new RangeError(`unexpected timestamp form '${raw}' (is the session time zone UTC?)`);
  return `${match[1]}T${match[2]}.${(match[3] ?? '').padEnd(6, '0')}Z`;
}
