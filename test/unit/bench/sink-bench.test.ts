/** The pure parts of `bench sink`: request chunking for the ceiling, percentiles, the sink's request counts. */
import { expect } from 'chai';
import { percentiles } from '../../../services/bench/sink/latency.js';
import { chunkRequests } from '../../../services/bench/sink/raw-loader.js';
import { requestCounts } from '../../../services/bench/sink/sink-process.js';

const item = (pk: string) => ({ pk: { S: pk }, sk: { S: 'X' } });

describe('bench sink: pure parts', () => {
  it('chunks items into BatchWriteItem requests of at most 25, never repeating a key inside one', () => {
    const items = [...Array.from({ length: 30 }, (_, i) => item(`A#${i}`)), item('A#29'), item('B')];
    const chunks = chunkRequests(items);
    expect(chunks.map((c) => c.length)).to.deep.equal([25, 5, 2]);
    for (const chunk of chunks) {
      const keys = chunk.map((r) => r.PutRequest?.Item?.pk?.S);
      expect(new Set(keys).size).to.equal(keys.length);
    }
    expect(chunks.flat()).to.have.length(items.length);
  });

  it('takes percentiles by rank (nearest rank, no interpolation)', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(values)).to.deep.equal({ p50: 50, p99: 99, max: 100 });
    expect(percentiles([7])).to.deep.equal({ p50: 7, p99: 7, max: 7 });
  });

  it("reads the sink's DynamoDB request counts per operation from its /metrics text", () => {
    const text = [
      '# HELP sink_dynamodb_request_seconds DynamoDB request latency by operation, retries included.',
      'sink_dynamodb_request_seconds_bucket{le="0.001",operation="PutItem"} 0',
      'sink_dynamodb_request_seconds_sum{operation="PutItem"} 1.5',
      'sink_dynamodb_request_seconds_count{operation="PutItem"} 811',
      'sink_dynamodb_request_seconds_count{operation="UpdateItem"} 2719',
    ].join('\n');
    expect(requestCounts(text)).to.deep.equal({ PutItem: 811, UpdateItem: 2719 });
  });
});
