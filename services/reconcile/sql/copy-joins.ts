/**
 * The copy sources a table's items hold, as LEFT JOINs: each row comes back with its sources'
 * columns under `<copy>.<column>`, so the expected item is computed from one row at a time and
 * nothing is looked up in memory (MODEL.md, Copies). Names come from the model, never from input.
 */
import { COPIES, type CopyName } from '../../model/copies.js';
import { TABLE_MAPPINGS } from '../../model/transform/table-mappings.js';

export interface CopyJoin {
  copy: CopyName;
  alias: string;
  sourceTable: string;
  /** The source's id column (in the source table). */
  sourceIdColumn: string;
  /** The column of this table naming the source. */
  targetColumn: string;
  columns: readonly string[];
}

export function copyJoins(table: string): CopyJoin[] {
  const mapping = TABLE_MAPPINGS[table]!;
  return mapping.copiesIn.map(({ copy, sourceIdColumn: targetColumn }, i) => {
    const source = Object.values(TABLE_MAPPINGS).find((m) => m.copiesOut.some((o) => o.copy === copy))!;
    const sourceIdColumn = source.copiesOut.find((o) => o.copy === copy)!.sourceIdColumn;
    const columns = [...new Set([sourceIdColumn, ...COPIES[copy].sourceColumns])];
    return { copy, alias: `s${i}`, sourceTable: source.table, sourceIdColumn, targetColumn, columns };
  });
}

/** `SELECT t.*, <sources' columns> FROM public.<table> t LEFT JOIN …` (callers add WHERE / ORDER BY). */
export function selectWithCopies(table: string): string {
  const joins = copyJoins(table);
  const columns = joins.flatMap((j) => j.columns.map((c) => `${j.alias}.${c} AS "${j.copy}.${c}"`));
  const from = joins.map((j) => `LEFT JOIN public.${j.sourceTable} ${j.alias} ON ${j.alias}.${j.sourceIdColumn} = t.${j.targetColumn}`);
  return [`SELECT t.*${columns.map((c) => `, ${c}`).join('')}`, `FROM public.${table} t`, ...from].join('\n');
}
