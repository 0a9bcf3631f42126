/** One keyset page of a table's rows with their copy sources (loading a projection from a snapshot). */
import { TABLE_MAPPINGS } from '../../model/transform/table-mappings.js';
import { selectWithCopies } from './copy-joins.js';

/** Parameters: $1 the page size, then (when `after`) one value per primary-key column. */
export function rowPageSql(table: string, after: boolean): string {
  const pk = TABLE_MAPPINGS[table]!.primaryKey;
  const where = after ? `WHERE (${pk.map((c) => `t.${c}`).join(', ')}) > (${pk.map((_, i) => `$${i + 2}::uuid`).join(', ')})` : '';
  return `${selectWithCopies(table)}\n${where}\nORDER BY ${pk.map((c) => `t.${c}`).join(', ')}\nLIMIT $1`;
}
