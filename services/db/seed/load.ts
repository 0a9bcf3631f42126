/** Streams generated rows into a table with COPY FROM STDIN, in chunks, reporting progress. */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyLine } from './copy-format.js';
import { TABLE_COLUMNS, type Row, type SeedTable } from './generate.js';

const CHUNK_ROWS = 2000;

function* chunks(rows: Iterable<Row>, onRows: (n: number) => void): Generator<string> {
  let buffer: string[] = [];
  for (const row of rows) {
    buffer.push(copyLine(row));
    if (buffer.length === CHUNK_ROWS) {
      yield buffer.join('');
      onRows(buffer.length);
      buffer = [];
    }
  }
  if (buffer.length > 0) {
    yield buffer.join('');
    onRows(buffer.length);
  }
}

export async function copyRows(
  client: pg.PoolClient,
  table: SeedTable,
  rows: Iterable<Row>,
  onRows: (n: number) => void,
): Promise<void> {
  const columns = TABLE_COLUMNS[table].join(', ');
  const target = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
  await pipeline(Readable.from(chunks(rows, onRows)), target);
}
