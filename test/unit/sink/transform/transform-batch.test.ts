/**
 * The transform stage sets poison aside as dead letters and lets a bug go up: a programmer error
 * must stop the worker, never be dead-lettered as if the event were bad.
 */
import { expect } from 'chai';
import type { ChangeEvent } from '../../../../services/model/change-event.js';
import { formatVersion, STREAM_CLASS } from '../../../../services/model/version.js';
import type { DecodedChange } from '../../../../services/sink/decode/decode-lane.js';
import { transformBatch } from '../../../../services/sink/transform/transform-batch.js';

const message = { topic: 'bellyfed.public.categories', partition: 0, offset: '7', key: null, value: null, timestamp: 0, headers: {} };

function change(table: string, after: Record<string, unknown> | null): DecodedChange {
  const event = {
    kind: 'change', table, op: 'c', before: null, after, sourceTsMs: 1, position: { topic: message.topic, partition: 0, offset: '7' },
    version: formatVersion(STREAM_CLASS, 100n, 100n),
  } as unknown as ChangeEvent;
  return { message, event };
}

const category = { category_id: '7c9e6679-7425-40de-944b-e07fc1f90ae7', kind: 'cuisine', slug: 'thai', name: 'Thai' };

describe('sink: the transform stage', () => {
  it('maps good changes and sets unmappable ones aside as dead letters', async () => {
    const out = await transformBatch([change('categories', category), change('no_such_table', { id: 1 }), change('categories', null)]);
    expect(out.changes).to.have.length(1);
    expect(out.changes[0]?.intents.some((i) => i.kind === 'put')).to.equal(true);
    expect(out.deadLetters.map((d) => d.code)).to.deep.equal(['UNMAPPABLE_EVENT', 'UNMAPPABLE_EVENT']);
  });

  it('a bug (TypeError) goes up instead of becoming a dead letter', async () => {
    // A row image that is not an object makes the mapping code itself fail: not a data problem.
    const broken = change('categories', category);
    Object.defineProperty(broken.event, 'after', { get: () => { throw new TypeError('simulated bug'); } });
    const failure = await transformBatch([change('categories', category), broken]).then(() => undefined, (err: unknown) => err);
    expect(failure).to.be.instanceOf(TypeError);
  });
});
