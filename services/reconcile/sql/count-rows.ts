/** How many rows a table holds in the snapshot: with the items matched by the scan it tells whether any item is missing. */
export function countRowsSql(table: string): string {
  return `SELECT count(*)::text AS n FROM public.${table}`;
}
