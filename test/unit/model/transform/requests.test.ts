import { expect } from 'chai';
import { COPIES } from '../../../../services/model/copies.js';
import { UNAVAILABLE } from '../../../../services/model/change-event.js';
import { batchPutItem, guardedPutRequest, guardedUpdateRequest } from '../../../../services/model/transform/requests.js';
import { transformChange } from '../../../../services/model/transform/transform.js';
import type { DeleteRowIntent, PatchRowIntent, PutRowIntent } from '../../../../services/model/transform/intents.js';
import { change, ids, rows } from '../../sink/helpers.js';

describe('sink transform: requests with the guard built in', () => {
  it('a put is a PutItem guarded by the version, with exact values', () => {
    const put = transformChange(change('menu_items', 'c', { after: rows.menuItem() }))[0] as PutRowIntent;
    const request = guardedPutRequest(put, 'bellyfed');
    expect(request.ConditionExpression).to.equal('attribute_not_exists(#pk) OR #v < :v');
    expect(request.ExpressionAttributeValues).to.deep.equal({ ':v': { S: put.version } });
    expect(request.Item?.price).to.deep.equal({ S: '12.50' });
    expect(request.Item?.position).to.deep.equal({ N: '3' });
    expect(batchPutItem(put)).to.deep.equal(request.Item);
  });

  it('a delete is a guarded PutItem of the tombstone', () => {
    const del = transformChange(change('menu_items', 'd', { before: rows.menuItem() }))[0] as DeleteRowIntent;
    const request = guardedPutRequest(del, 'bellyfed');
    expect(request.Item?._deleted).to.deep.equal({ BOOL: true });
    expect(request.ConditionExpression).to.equal('attribute_not_exists(#pk) OR #v < :v');
  });

  it('a put of an item with copies becomes an UpdateItem that keeps them, revives an older tombstone, resets changed sources', () => {
    const put = transformChange(change('reviews', 'u', { before: rows.review(), after: rows.review({ user_id: ids.user2 }) }))[0] as PutRowIntent;
    expect(() => batchPutItem(put)).to.throw(RangeError);
    const request = guardedUpdateRequest(put, 'bellyfed');
    expect(request.Key).to.deep.equal({ pk: { S: `REVIEW#${ids.review}` }, sk: { S: 'REVIEW' } });
    expect(request.ConditionExpression).to.equal('attribute_not_exists(#pk) OR #v < :v');
    const removed = request.UpdateExpression?.split(' REMOVE ')[1]?.split(', ').map((p) => request.ExpressionAttributeNames?.[p]);
    expect(removed).to.deep.equal(['_deleted', '_ttl', ...COPIES.reviewer.copiedAttributes]);
    const updated = Object.entries(request.ExpressionAttributeNames ?? {}).filter(([placeholder]) => placeholder.startsWith('#u')).map(([, name]) => name);
    expect(updated).to.not.include.members(['pk', 'sk']);
    expect(updated).to.include.members(['user_id', 'gsi1sk', '_v']);
  });

  it('a patch is an UpdateItem that only applies to a live, older item', () => {
    const patch = transformChange(change('users', 'u', { before: null, after: rows.user({ preferences: UNAVAILABLE }) }))[0] as PatchRowIntent;
    const request = guardedUpdateRequest(patch, 'bellyfed');
    expect(request.ConditionExpression).to.equal('attribute_exists(#pk) AND attribute_not_exists(#deleted) AND #v < :v');
    expect(Object.values(request.ExpressionAttributeNames ?? {})).to.not.include('preferences');
  });
});

describe('sink model: copy writes', () => {
  it('a restaurant summary on a membership sets the columns and its listing sort keys', () => {
    const write = COPIES.restaurant_summary.write(Object.fromEntries(Object.entries(rows.restaurant()).filter(([, v]) => v !== UNAVAILABLE)) as never);
    expect(write.set).to.deep.include({ name: 'Café Zürich', city: 'Berlin', gsi2sk: `Café Zürich\u0001${ids.restaurant}`, gsi3sk: `Berlin\u0001Café Zürich\u0001${ids.restaurant}` });
    expect(write.set).to.not.have.property('description');
    expect(write.remove).to.deep.equal([]);
  });

  it('a category on a membership sets its detail key and, for cuisines, the cuisine partitions', () => {
    expect(COPIES.category.write({ category_id: ids.category, kind: 'cuisine', slug: 'thai', name: 'Thai' })).to.deep.equal({
      set: { category_kind: 'cuisine', category_slug: 'thai', category_name: 'Thai', gsi1sk: `3CATEGORY#cuisine#thai#${ids.category}`, gsi2pk: 'CUISINE#thai', gsi3pk: 'CUISINE#thai' },
      remove: [],
    });
    expect(COPIES.category.write({ category_id: ids.category, kind: 'feature', slug: 'terrace', name: 'Terrace' }).remove).to.deep.equal(['gsi2pk', 'gsi3pk']);
  });

  it('targets: reviews by user and memberships by category through gsi4, memberships by restaurant in its own partition', () => {
    expect(COPIES.reviewer.targets(ids.user)).to.deep.include({ indexName: 'gsi4', partition: `USER#${ids.user}`, skPrefix: 'REVIEW#' });
    expect(COPIES.category.targets(ids.category)).to.deep.include({ indexName: 'gsi4', partition: `CATEGORY#${ids.category}` });
    expect(COPIES.restaurant_summary.targets(ids.restaurant)).to.deep.include({ indexName: undefined, partition: `RESTAURANT#${ids.restaurant}`, skPrefix: 'CATEGORY#' });
  });
});
