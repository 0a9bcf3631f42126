/**
 * Opaque keyset cursors. A cursor is a position in the listing order (name, id), not an
 * offset: pages neither skip nor repeat rows when rows are added between requests, and the
 * same cursor is valid on either store because both order alike.
 */
import { BellyfedError } from '../shared/errors.js';
import type { ListPosition } from './types.js';

const CURSOR_VERSION = 1;
export const MAX_CURSOR_LENGTH = 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CONTROL_CHARACTERS = /[\u0000-\u001f]/;

export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify({ v: CURSOR_VERSION, n: position.name, i: position.id }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): ListPosition {
  const invalid = (why: string) => new BellyfedError('INVALID_CURSOR', `cursor is not valid: ${why}; restart from the first page`);
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw invalid('not a cursor this API issued');
  }
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid('not a cursor this API issued');
  }
  const c = decoded as { v?: unknown; n?: unknown; i?: unknown };
  if (typeof decoded !== 'object' || decoded === null || c.v !== CURSOR_VERSION) throw invalid('unknown cursor version');
  if (typeof c.n !== 'string' || c.n.length === 0 || typeof c.i !== 'string' || !UUID.test(c.i)) {
    throw invalid('malformed position');
  }
  // No stored name holds U+0000–U+001F (a CHECK, and DynamoDB's sort keys use U+0001 as the
  // separator), so no issued cursor does: refusing them here keeps a cursor valid on both stores.
  if (CONTROL_CHARACTERS.test(c.n)) throw invalid('malformed position');
  return { name: c.n, id: c.i };
}
