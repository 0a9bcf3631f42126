/**
 * One decoded change event → the write intents that make DynamoDB hold what PostgreSQL now
 * holds for that row. Pure: an event it cannot map throws PoisonEventError (the sink dead-letters
 * it); any other error is a bug and goes up unchanged (the sink stops rather than skip data).
 */
import { UNAVAILABLE, type ChangeEvent, type Row, type SinkValue } from '../change-event.js';
import { ALL_GSI_KEY_ATTRIBUTES, isReservedAttribute, KEY, META } from '../attributes.js';
import { COPIES, type CopyName } from '../copies.js';
import { isPoisonEventError, PoisonEventError } from '../errors.js';
import type { ItemKey } from '../keys.js';
import { tombstoneItem } from '../tombstone.js';
import { availableValues, resolveUnavailable, sameValue, unavailableColumns } from './row-image.js';
import { TABLE_MAPPINGS, type TableMapping } from './table-mappings.js';
import type { DeleteRowIntent, PullCopyIntent, PushCopyIntent, WriteIntent } from './intents.js';

export function mappingFor(table: string): TableMapping {
  const mapping = TABLE_MAPPINGS[table];
  if (!mapping) throw new PoisonEventError('UNMAPPABLE_EVENT', `no DynamoDB mapping for table '${table}'`, { details: { table } });
  return mapping;
}

export function transformChange(event: ChangeEvent): WriteIntent[] {
  const mapping = mappingFor(event.table);
  try {
    switch (event.op) {
      case 't':
        return [{ kind: 'truncate', table: event.table, entity: mapping.entity, version: event.version, sourceTsMs: event.sourceTsMs }];
      case 'd':
        return [deleteIntent(mapping, event, required(event.before, 'before'))];
      case 'c':
      case 'r':
        return upsert(mapping, event, required(event.after, 'after'), null);
      case 'u': {
        const after = required(event.after, 'after');
        // Debezium sends a primary-key change as delete + create; this guards a direct one too.
        if (event.before && !sameKey(mapping.key(event.before), mapping.key(after))) {
          return [deleteIntent(mapping, event, event.before), ...upsert(mapping, { ...event, op: 'c' }, after, null)];
        }
        return upsert(mapping, event, after, event.before);
      }
    }
  } catch (err) {
    // The model's key and value builders say "this value does not fit" with a RangeError
    // (sort-key.ts, …): the event is poison. Anything else is a bug and goes up as it is.
    if (isPoisonEventError(err) || !(err instanceof RangeError)) throw err;
    throw new PoisonEventError('UNMAPPABLE_EVENT', `${event.table} ${event.op}: ${err.message}`, {
      cause: err, details: { ...event.position, table: event.table, op: event.op },
    });
  }
}

function required(row: Row | null, which: string): Row {
  if (row === null) throw new PoisonEventError('UNMAPPABLE_EVENT', `the event has no '${which}' image`);
  return row;
}

function sameKey(a: ItemKey, b: ItemKey): boolean {
  return a.pk === b.pk && a.sk === b.sk;
}

function deleteIntent(mapping: TableMapping, event: ChangeEvent, before: Row): DeleteRowIntent {
  const key = mapping.key(before);
  return {
    kind: 'delete', table: mapping.table, entity: mapping.entity, key, version: event.version, sourceTsMs: event.sourceTsMs,
    tombstone: tombstoneItem(key, mapping.entity, event.version, event.sourceTsMs),
  };
}

function checkColumns(mapping: TableMapping, row: Row): void {
  for (const column of Object.keys(row)) {
    if (isReservedAttribute(column)) {
      throw new PoisonEventError('UNMAPPABLE_EVENT', `column '${mapping.table}.${column}' collides with an attribute the model reserves`);
    }
  }
  for (const column of mapping.decimalColumns) {
    const value = row[column];
    if (value !== undefined && value !== null && value !== UNAVAILABLE && typeof value !== 'string') {
      throw new PoisonEventError('UNCONVERTIBLE_VALUE',
        `numeric column '${mapping.table}.${column}' arrived as ${typeof value}; set decimal.handling.mode to string or precise`);
    }
  }
}

function upsert(mapping: TableMapping, event: ChangeEvent, after: Row, before: Row | null): WriteIntent[] {
  const row = event.op === 'u' ? resolveUnavailable(after, before) : after;
  checkColumns(mapping, row);
  const key = mapping.key(row);
  const missing = new Set(unavailableColumns(row));
  const meta = { [META.type]: mapping.entity, [META.version]: event.version, [META.sourceTs]: event.sourceTsMs };
  const resetCopies = copiesWithNewSource(mapping, event, row, before);
  const intents: WriteIntent[] = [];
  const base = { table: mapping.table, entity: mapping.entity, key, version: event.version, sourceTsMs: event.sourceTsMs };

  if (missing.size === 0) {
    const item: Record<string, SinkValue> = { [KEY.pk]: key.pk, [KEY.sk]: key.sk };
    for (const [name, value] of Object.entries(mapping.indexKeys(row))) if (typeof value === 'string') item[name] = value;
    Object.assign(item, availableValues(row), meta);
    intents.push({ ...base, kind: 'put', item, copies: mapping.copiesIn.map((c) => c.copy), resetCopies });
  } else {
    // Never write a placeholder: set what is known; index keys only when all their inputs are.
    const set: Record<string, SinkValue> = { ...availableValues(row), ...meta };
    const remove: string[] = [];
    if (mapping.indexColumns.every((c) => !missing.has(c))) {
      for (const [name, value] of Object.entries(mapping.indexKeys(row))) {
        if (typeof value === 'string') set[name] = value;
        else if (value === null && ALL_GSI_KEY_ATTRIBUTES.includes(name)) remove.push(name);
      }
    }
    for (const column of mapping.primaryKey) delete set[column];
    intents.push({ ...base, kind: 'patch', set, remove, resetCopies });
  }

  intents.push(...pulls(mapping, event, row, before, key));
  intents.push(...pushes(mapping, event, row, before));
  return intents;
}

/** Copies into this item whose source row is named anew (new row, or the naming column changed). */
function copiesWithNewSource(mapping: TableMapping, event: ChangeEvent, row: Row, before: Row | null): CopyName[] {
  if (event.op !== 'u' || before === null) return [];
  return mapping.copiesIn
    .filter(({ sourceIdColumn }) => before[sourceIdColumn] !== UNAVAILABLE && !sameValue(before[sourceIdColumn], row[sourceIdColumn]))
    .map(({ copy }) => copy);
}

function pulls(mapping: TableMapping, event: ChangeEvent, row: Row, before: Row | null, key: ItemKey): PullCopyIntent[] {
  const out: PullCopyIntent[] = [];
  for (const { copy, sourceIdColumn } of mapping.copiesIn) {
    const sourceId = row[sourceIdColumn];
    if (typeof sourceId !== 'string') continue;
    const isNew = event.op === 'c' || event.op === 'r' || before === null;
    if (isNew || !sameValue(before[sourceIdColumn], sourceId)) out.push({ kind: 'pull-copy', copy, target: key, sourceId });
  }
  return out;
}

function pushes(mapping: TableMapping, event: ChangeEvent, row: Row, before: Row | null): PushCopyIntent[] {
  const out: PushCopyIntent[] = [];
  for (const { copy, sourceIdColumn } of mapping.copiesOut) {
    const sourceId = row[sourceIdColumn];
    if (typeof sourceId !== 'string') continue;
    const columns = COPIES[copy].sourceColumns;
    const changeUnknown = event.op === 'u' && before === null;
    // An unchanged TOASTed column is, by definition, unchanged.
    const changed = event.op !== 'u' || changeUnknown
      || columns.some((c) => row[c] !== UNAVAILABLE && !sameValue(before?.[c], row[c]));
    if (!changed) continue;
    const complete = columns.every((c) => row[c] !== UNAVAILABLE && row[c] !== undefined);
    const values = complete ? Object.fromEntries(columns.map((c) => [c, row[c] as SinkValue])) : undefined;
    out.push({ kind: 'push-copy', copy, sourceId, version: event.version, values, changeUnknown });
  }
  return out;
}
