/** Truncate fences drop older intents of the table; the topic list covers every change topic of the prefix and the heartbeat. */
import { expect } from 'chai';
import { sinkTopicsOf } from '../../../../services/sink/source/topics.js';
import { transformChange } from '../../../../services/model/transform/transform.js';
import { FenceCache } from '../../../../services/sink/writer/fence-cache.js';
import { change, rows } from '../helpers.js';

describe('sink writer: truncate fences', () => {
  it('drops row intents of a fenced table older than the fence, keeps newer ones and other tables', () => {
    const fences = new FenceCache(1000);
    const old = transformChange(change('favorites', 'c', { after: rows.favorite() }, { commit: 10, lsn: 11 }));
    const truncate = transformChange(change('favorites', 't', {}, { commit: 20, lsn: 21 }))[0]!;
    const newer = transformChange(change('favorites', 'c', { after: rows.favorite() }, { commit: 30, lsn: 31 }));
    const other = transformChange(change('rankings', 'c', { after: rows.ranking() }, { commit: 10, lsn: 12 }));
    fences.note('favorites', (truncate as { version: string }).version);
    const kept = fences.filter([...old, ...newer, ...other]);
    expect(kept).to.deep.equal([...newer, ...other]);
  });
});

describe('sink source: topics', () => {
  it('takes every <prefix>.public.* topic but the signal table\'s, and the heartbeat topic, nothing else', () => {
    const all = ['bellyfed.public.reviews', 'bellyfed.public.debezium_heartbeat', '__debezium-heartbeat.bellyfed', 'bellyfed2.public.reviews',
      'bellyfed.public.debezium_signal',
      'bellyfed.sink.dlq', 'other.public.users', '__consumer_offsets', 'bellyfedXpublic.users'];
    expect(sinkTopicsOf(all, 'bellyfed')).to.deep.equal(['__debezium-heartbeat.bellyfed', 'bellyfed.public.debezium_heartbeat', 'bellyfed.public.reviews']);
  });
});
