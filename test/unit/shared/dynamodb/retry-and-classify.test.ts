/**
 * The writer's decisions on DynamoDB's answers, with one fault injected at the DynamoPort seam:
 * "already newer" is success, throttling and transient failures are retried with backoff and then
 * handed to the source as DYNAMODB_UNAVAILABLE (retriable), a ValidationException is poison and
 * never retried, a programmer error or a missing table is not retried by the writer.
 */
import { expect } from 'chai';
import { isRetriable, isBellyfedError } from '../../../../services/shared/errors.js';
import { classifyWriteError } from '../../../../services/shared/dynamodb/classify.js';
import { DynamoCalls } from '../../../../services/shared/dynamodb/calls.js';
import { WriteRejectedError } from '../../../../services/shared/dynamodb/errors.js';
import { writeRowIntent } from '../../../../services/sink/writer/row-writes.js';
import { CountingStats } from '../../../../services/shared/dynamodb/stats.js';
import { transformChange } from '../../../../services/model/transform/transform.js';
import type { RowIntent } from '../../../../services/model/transform/intents.js';
import { change, rows } from '../../sink/helpers.js';
import { faults, ScriptedPort, type SentCommand } from '../../sink/writer/fault-seam.js';

function callsOn(answer: (command: SentCommand, index: number) => unknown, maxAttempts = 4) {
  const port = new ScriptedPort(answer);
  const stats = new CountingStats();
  const waits: number[] = [];
  const calls = new DynamoCalls(port, 'projection', {
    policy: { baseMs: 1, maxMs: 2, maxAttempts }, random: () => 0, onWait: async () => void waits.push(1),
  }, stats);
  return { port, stats, calls, waits };
}

const restaurantPut = () => transformChange(change('restaurants', 'c', { after: rows.restaurant() }))[0] as RowIntent;
const reviewPut = () => transformChange(change('reviews', 'c', { after: rows.review() }))[0] as RowIntent;

describe('sink writer: classification of DynamoDB answers', () => {
  it('names each answer', () => {
    expect(classifyWriteError(faults.conditionFailed())).to.equal('already-newer');
    expect(classifyWriteError(faults.throttled())).to.equal('throttled');
    expect(classifyWriteError(faults.validation())).to.equal('rejected');
    expect(classifyWriteError(faults.internal())).to.equal('transient');
    expect(classifyWriteError(faults.refused())).to.equal('transient');
    expect(classifyWriteError(faults.missingTable())).to.equal('fatal');
    expect(classifyWriteError(new TypeError('bug'))).to.equal('fatal');
  });
});

describe('sink writer: guarded writes through the retry policy', () => {
  it('sends a put without copies as a conditional PutItem, and one with copies as an UpdateItem', async () => {
    const { port, calls } = callsOn(() => ({}));
    await writeRowIntent(calls, restaurantPut());
    await writeRowIntent(calls, reviewPut());
    expect(port.sent.map((c) => c.name)).to.deep.equal(['PutItem', 'UpdateItem']);
    expect(port.sent[0]!.input.ConditionExpression).to.equal('attribute_not_exists(#pk) OR #v < :v');
    expect(port.sent[1]!.input.UpdateExpression).to.not.match(/reviewer_display_name/);
  });

  it('counts a failed condition as applied ("already newer"), without a retry', async () => {
    const { port, stats, calls } = callsOn(() => faults.conditionFailed());
    expect(await writeRowIntent(calls, restaurantPut())).to.equal(false);
    expect(port.sent).to.have.length(1);
    expect(stats.newer.get('PutItem')).to.equal(1);
  });

  it('retries throttling with backoff (keeping the group alive) and succeeds', async () => {
    const { port, stats, calls, waits } = callsOn((_c, i) => (i < 2 ? faults.throttled() : {}));
    expect(await writeRowIntent(calls, restaurantPut())).to.equal(true);
    expect(port.sent).to.have.length(3);
    expect(stats.retries.get('throttled')).to.equal(2);
    expect(waits).to.have.length(2);
  });

  it('hands a persistent outage to the source as retriable DYNAMODB_UNAVAILABLE after maxAttempts', async () => {
    const { port, calls } = callsOn(() => faults.refused(), 3);
    const err = await writeRowIntent(calls, restaurantPut()).then(() => undefined, (e: unknown) => e);
    expect(isBellyfedError(err, 'DYNAMODB_UNAVAILABLE')).to.equal(true);
    expect(isRetriable(err)).to.equal(true);
    expect(port.sent).to.have.length(3);
  });

  it('treats a ValidationException as poison: WriteRejectedError at once, no retry', async () => {
    const { port, calls } = callsOn(() => faults.validation());
    const err = await writeRowIntent(calls, restaurantPut()).then(() => undefined, (e: unknown) => e);
    expect(err).to.be.instanceOf(WriteRejectedError);
    expect((err as Error).message).to.match(/maximum allowed size/);
    expect(port.sent).to.have.length(1);
  });

  it('does not retry a missing table in the writer (the source retries the batch and the log says why)', async () => {
    const { port, calls } = callsOn(() => faults.missingTable());
    const err = await writeRowIntent(calls, restaurantPut()).then(() => undefined, (e: unknown) => e);
    expect((err as Error).name).to.equal('ResourceNotFoundException');
    expect(port.sent).to.have.length(1);
  });

  it('re-sends UnprocessedKeys of a BatchGetItem until all are read', async () => {
    const key = { pk: { S: 'USER#1' }, sk: { S: 'USER' } };
    const key2 = { pk: { S: 'USER#2' }, sk: { S: 'USER' } };
    const { port, calls } = callsOn((_c, i) => (i === 0
      ? { Responses: { projection: [key] }, UnprocessedKeys: { projection: { Keys: [key2] } } }
      : { Responses: { projection: [key2] } }));
    const items = await calls.batchGet([key, key2], 'two users');
    expect(items).to.deep.equal([key, key2]);
    expect(port.sent).to.have.length(2);
    expect((port.sent[1]!.input.RequestItems as Record<string, { Keys: unknown[] }>).projection!.Keys).to.deep.equal([key2]);
  });
});
