/** Rows of one table by primary key, with their copy sources: one statement per page of keys. */
import { TABLE_MAPPINGS } from '../../model/transform/table-mappings.js';
import { selectWithCopies } from './copy-joins.js';

/** Parameters: one uuid[] per primary-key column, in the mapping's primaryKey order. */
export function rowsByKeySql(table: string): string {
  const pk = TABLE_MAPPINGS[table]!.primaryKey;
  const arrays = pk.map((_, i) => `$${i + 1}::uuid[]`).join(', ');
  const on = pk.map((c, i) => `t.${c} = k.c${i}`).join(' AND ');
  return `${selectWithCopies(table)}\nJOIN unnest(${arrays}) AS k(${pk.map((_, i) => `c${i}`).join(', ')}) ON ${on}`;
}
