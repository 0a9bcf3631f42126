/**
 * From a stored item's key back to its row: which table, and the primary-key values. Derived
 * from the model's own key builders (a placeholder row through `mapping.key`), so the parser
 * cannot drift from how the sink spells keys. Every primary-key column is a uuid.
 */
import { TABLE_MAPPINGS } from '../model/transform/table-mappings.js';

export interface RowKey {
  table: string;
  /** Primary-key values in the mapping's primaryKey order. */
  values: string[];
}

const UUID = '([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface KeyPattern {
  table: string;
  pk: RegExp;
  sk: RegExp;
  /** For each primary-key column: where its value is captured (pk or sk, group index). */
  captures: Array<{ part: 'pk' | 'sk'; group: number }>;
}

function placeholder(i: number): string {
  return `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
}

function patternOf(table: string): KeyPattern {
  const mapping = TABLE_MAPPINGS[table]!;
  const names = mapping.primaryKey;
  const key = mapping.key(Object.fromEntries(names.map((n, i) => [n, placeholder(i)])));
  const captures: KeyPattern['captures'] = [];
  const compile = (part: 'pk' | 'sk', text: string) => {
    // Split on the placeholders, in the order they appear in this part.
    const found = names.map((_, i) => ({ i, at: text.indexOf(placeholder(i)) })).filter((f) => f.at >= 0).sort((a, b) => a.at - b.at);
    let source = '^';
    let rest = 0;
    found.forEach(({ i, at }, group) => {
      source += escape(text.slice(rest, at)) + UUID;
      rest = at + placeholder(i).length;
      captures[i] = { part, group: group + 1 };
    });
    return new RegExp(`${source}${escape(text.slice(rest))}$`);
  };
  return { table, pk: compile('pk', key.pk), sk: compile('sk', key.sk), captures };
}

const PATTERNS: readonly KeyPattern[] = Object.keys(TABLE_MAPPINGS).map(patternOf);

/** The row an item key stands for; undefined when the key is no row's (an orphan of no entity). */
export function rowKeyOf(pk: string, sk: string): RowKey | undefined {
  for (const pattern of PATTERNS) {
    const p = pattern.pk.exec(pk);
    const s = p && pattern.sk.exec(sk);
    if (!p || !s) continue;
    return { table: pattern.table, values: pattern.captures.map(({ part, group }) => (part === 'pk' ? p : s)[group]!) };
  }
  return undefined;
}

export const SOURCE_TABLES: readonly string[] = Object.keys(TABLE_MAPPINGS);
