/**
 * Which requests a batch becomes (services/sink/writer/batch-writer.ts), at the DynamoPort seam:
 * with a blind-write permit, puts and tombstones go as BatchWriteItem and a review carries its
 * reviewer's name read just before (and re-checked after, written again only if the user moved
 * on); without one, everything is guarded and a new review pulls its copy.
 */
import { expect } from 'chai';
import { toItem } from '../../../../services/model/marshall.js';
import { coalesce } from '../../../../services/sink/transform/coalesce.js';
import { transformChange } from '../../../../services/model/transform/transform.js';
import type { PutRowIntent, WriteIntent } from '../../../../services/model/transform/intents.js';
import { BatchWriter } from '../../../../services/sink/writer/batch-writer.js';
import { DynamoCalls, type Item } from '../../../../services/shared/dynamodb/calls.js';
import { FenceCache } from '../../../../services/sink/writer/fence-cache.js';
import type { BlindWritePermit } from '../../../../services/sink/writer/lease/write-leases.js';
import { CountingStats } from '../../../../services/shared/dynamodb/stats.js';
import { change, ids, rows } from '../helpers.js';
import { ScriptedPort, type SentCommand } from './fault-seam.js';

const userItem = (displayName: string, lsn: number): Item =>
  toItem((transformChange(change('users', 'u', { after: rows.user({ display_name: displayName }) }, { lsn }))[0] as PutRowIntent).item);

function batch(): WriteIntent[] {
  return coalesce([
    ...transformChange(change('reviews', 'c', { after: rows.review() }, { lsn: 300 })),
    ...transformChange(change('restaurants', 'u', { before: rows.restaurant(), after: rows.restaurant({ name: 'Neu' }) }, { lsn: 301 })),
    ...transformChange(change('menu_items', 'd', { before: rows.menuItem() }, { lsn: 302 })),
  ]);
}

/** Answers with the user as stored: `reads` gives the user item for each successive BatchGetItem. */
function portWith(reads: Item[]): ScriptedPort {
  let read = 0;
  return new ScriptedPort((command: SentCommand) => {
    if (command.name === 'Scan') return { Items: [] }; // no truncate fences
    if (command.name === 'BatchGetItem') return { Responses: { projection: [reads[Math.min(read++, reads.length - 1)]] } };
    return {};
  });
}

const permit: BlindWritePermit = { beforeRequest: async () => undefined, requestTimeoutMs: 1000, marginMs: 10 };

function writerOn(port: ScriptedPort) {
  const calls = new DynamoCalls(port, 'projection', { policy: { baseMs: 1, maxMs: 2, maxAttempts: 2 } }, new CountingStats());
  return { calls, writer: new BatchWriter(new FenceCache(60_000), { inFlight: 4, blindInFlight: 2 }) };
}

const written = (port: ScriptedPort) => port.sent.filter((c) => c.name !== 'Scan' && c.name !== 'Query').map((c) => c.name);
type Put = { PutRequest: { Item: Item } };
const batchItems = (port: ScriptedPort) => port.sent.filter((c) => c.name === 'BatchWriteItem')
  .flatMap((c) => (c.input.RequestItems as Record<string, Put[]>).projection!.map((r) => r.PutRequest.Item));

describe('sink writer: batch path and guarded path', () => {
  it('with a permit: the rows as BatchWriteItem, the review complete with its reviewer, no second write', async () => {
    const port = portWith([userItem('Ada', 200)]);
    const { calls, writer } = writerOn(port);
    await writer.apply(calls, batch(), permit);
    // Rows without copies go at once, the review after its reviewer is read, the re-check after
    // both; the PutItem is the durable job that refreshes the restaurant's copies (its name changed).
    const sent = written(port);
    expect([...sent].sort()).to.deep.equal(['BatchGetItem', 'BatchGetItem', 'BatchWriteItem', 'BatchWriteItem', 'PutItem']);
    expect(sent.lastIndexOf('BatchWriteItem')).to.be.above(sent.indexOf('BatchGetItem'));
    expect(sent.lastIndexOf('BatchGetItem')).to.be.above(sent.lastIndexOf('BatchWriteItem'));
    expect(sent.at(-1)).to.equal('PutItem');
    const review = batchItems(port).find((item) => item.pk?.S === `REVIEW#${ids.review}`);
    expect(review?.reviewer_display_name).to.deep.equal({ S: 'Ada' });
    expect(review?._cv_reviewer).to.deep.equal(userItem('Ada', 200)._v);
    expect(batchItems(port).some((item) => item._deleted?.BOOL === true), 'the menu item\'s tombstone').to.equal(true);
  });

  it('with a permit: a reviewer renamed between the pre-read and the re-check is put again with the new name, and checked again', async () => {
    const port = portWith([userItem('Ada', 200), userItem('Ada L.', 400)]);
    const { calls, writer } = writerOn(port);
    await writer.apply(calls, batch(), permit);
    // pre-read, re-check (renamed), re-put, re-check (current): done.
    expect(written(port).filter((n) => n !== 'BatchWriteItem')).to.deep.equal(['BatchGetItem', 'BatchGetItem', 'BatchGetItem', 'PutItem']);
    const reviews = batchItems(port).filter((item) => item.pk?.S === `REVIEW#${ids.review}`);
    expect(reviews.map((r) => r.reviewer_display_name?.S)).to.deep.equal(['Ada', 'Ada L.']);
  });

  it('with a permit: a reviewer that keeps changing gets the guarded copy write after three re-puts', async () => {
    const port = portWith([200, 300, 400, 500, 600].map((lsn) => userItem(`Ada ${lsn}`, lsn)));
    const { calls, writer } = writerOn(port);
    await writer.apply(calls, batch(), permit);
    const update = port.sent.find((c) => c.name === 'UpdateItem')!.input;
    expect(update.ConditionExpression).to.contain('#cv < :cv');
    expect(JSON.stringify(update.ExpressionAttributeValues)).to.contain('Ada 600');
    expect(batchItems(port).filter((item) => item.pk?.S === `REVIEW#${ids.review}`)).to.have.length(4);
  });

  it('with a permit and the reviewer read by an earlier batch: no read before the put; a stale one is repaired by the re-check', async () => {
    const { calls, writer } = writerOn(portWith([userItem('Ada', 200)]));
    await writer.apply(calls, batch(), permit);

    const renamedMeanwhile = portWith([userItem('Ada L.', 400)]);
    const later = new DynamoCalls(renamedMeanwhile, 'projection', { policy: { baseMs: 1, maxMs: 2, maxAttempts: 2 } }, new CountingStats());
    await writer.apply(later, batch(), permit);
    const sent = written(renamedMeanwhile);
    expect(sent[0], 'no read before the puts').to.equal('BatchWriteItem');
    const reviews = batchItems(renamedMeanwhile).filter((item) => item.pk?.S === `REVIEW#${ids.review}`);
    expect(reviews.map((r) => r.reviewer_display_name?.S), 'put with the cached name, then repaired').to.deep.equal(['Ada', 'Ada L.']);
  });

  it('without a permit: guarded single-item writes, and the new review pulls its copy', async () => {
    const port = portWith([userItem('Ada', 200)]);
    const { calls, writer } = writerOn(port);
    await writer.apply(calls, batch());
    // restaurant and tombstone PutItem, review UpdateItem (keeps copies), pulled copy UpdateItem, copy job PutItem.
    expect(written(port).filter((n) => n !== 'BatchGetItem').sort()).to.deep.equal(['PutItem', 'PutItem', 'PutItem', 'UpdateItem', 'UpdateItem']);
    expect(port.sent.some((c) => c.name === 'BatchWriteItem')).to.equal(false);
    for (const c of port.sent.filter((s) => s.name === 'PutItem' || s.name === 'UpdateItem')) expect(c.input.ConditionExpression).to.be.a('string');
  });
});
