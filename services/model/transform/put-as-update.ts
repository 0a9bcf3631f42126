/**
 * A put of an item that holds copies, as SET/REMOVE for UpdateItem: the row's own attributes are
 * replaced, its copies stay (unless their source changed), and a tombstone older than the put
 * becomes a live item again. The condition is the same as the put's (rowStateCondition).
 */
import type { SinkValue } from '../change-event.js';
import { KEY, META } from '../attributes.js';
import { COPIES } from '../copies.js';
import type { PatchRowIntent, PutRowIntent } from './intents.js';

export function putAsUpdate(put: PutRowIntent): { set: Record<string, SinkValue>; remove: string[] } {
  const set: Record<string, SinkValue> = {};
  for (const [name, value] of Object.entries(put.item)) if (name !== KEY.pk && name !== KEY.sk) set[name] = value;
  const remove = [META.deleted, META.expiresAt, ...resetAttributes(put)];
  return { set, remove: remove.filter((name) => !(name in set)) };
}

/** The copy attributes an intent drops because the copy's source changed. */
export function resetAttributes(intent: PutRowIntent | PatchRowIntent): string[] {
  return intent.resetCopies.flatMap((copy) => COPIES[copy].copiedAttributes);
}
