/**
 * One keyset page of a table's primary keys, after a given key (the missing-item pass): bounded
 * pages in primary-key order, served by the primary-key index.
 */
import { TABLE_MAPPINGS } from '../../model/transform/table-mappings.js';

/** Parameters: $1 the page size, then (when `after`) one value per primary-key column. */
export function keyPageSql(table: string, after: boolean): string {
  const pk = TABLE_MAPPINGS[table]!.primaryKey;
  const columns = pk.map((c) => `${c}::text AS ${c}`).join(', ');
  const where = after ? `WHERE (${pk.join(', ')}) > (${pk.map((_, i) => `$${i + 2}::uuid`).join(', ')})` : '';
  return `SELECT ${columns} FROM public.${table} ${where} ORDER BY ${pk.join(', ')} LIMIT $1`;
}
