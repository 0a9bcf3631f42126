/** PostgreSQL COPY text format (tab-separated, backslash escapes) for generated rows. Pure. */
import type { CopyValue, Row } from './generate.js';

function escapeCopyText(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** A text[] literal: every element double-quoted, quotes and backslashes escaped. */
export function arrayLiteral(items: readonly string[]): string {
  return `{${items.map((item) => `"${item.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

export function copyValue(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return escapeCopyText(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return escapeCopyText(arrayLiteral(value as readonly string[]));
  return escapeCopyText(JSON.stringify(value));
}

export function copyLine(row: Row): string {
  return `${row.map(copyValue).join('\t')}\n`;
}
