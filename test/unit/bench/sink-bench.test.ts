/** The pure parts of `bench sink`: request chunking for the ceiling, percentiles, the sink's request counts. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { directoryBytes, largeDynaliteWarning } from '../../../bench/sink/dynalite-size.js';
import { percentiles } from '../../../bench/sink/latency.js';
import { chunkRequests } from '../../../bench/sink/raw-loader.js';
import { medianTrial, sinkReport } from '../../../bench/sink/report.js';
import type { SinkBenchResult } from '../../../bench/sink/types.js';
import { requestCounts } from '../../../bench/sink/sink-process.js';

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

  const contender = (name: string, seconds: number, requests: number) => ({
    name, events: 1000, seconds, peakRssBytes: 200 * 2 ** 20, inBench: false, cpu: { contender: 1, dynamodb: 2 }, requests,
  });
  const facts = { started: new Date(0), seedRestaurants: 20, concurrency: 4, latencySeconds: 15, machine: { cpu: 'x' } };

  it('reports the ratios of one run, and writes its Markdown section without indented lines', () => {
    const result: SinkBenchResult = {
      events: 1000, snapshotEvents: 100, captureRate: 2000, latency: [], connectorOverrides: {}, pgVersion: '15',
      trials: [{ ceiling: contender('raw', 1, 40), sink: contender('sink', 4, 1200) }], naive: contender('naive', 2, 1000),
    };
    const report = sinkReport(result);
    expect(report.terminal).to.contain('sink / ceiling = 0.25 (goal ≥ 0.8); sink / naive = 0.50; sink peak RSS 200 MB');
    expect(report.terminal).to.match(/^\| sink \| 1000 \| 4\.0 \| 250 \| 0\.25 \| 1\.20 \| 200 \| 1\.0 \/ 2\.0 \/ — \/ — \|$/m);
    const markdown = report.markdown(facts);
    expect(markdown.split('\n').filter((line) => /^\s+\S/.test(line))).to.deep.equal([]);
    expect(markdown).to.contain('concurrency 4').and.to.contain('Machine: cpu x.').and.to.contain('1 trial pair,');
    expect(markdown).to.not.contain('Latency at steady rates');
  });

  it('reports the median trial pair, each sink against its own ceiling, and every trial\'s ratio', () => {
    const pair = (ceilingSeconds: number, sinkSeconds: number) => ({ ceiling: contender('raw', ceilingSeconds, 40), sink: contender('sink', sinkSeconds, 1200) });
    const result: SinkBenchResult = {
      events: 1000, snapshotEvents: 100, captureRate: 2000, latency: [], connectorOverrides: {}, pgVersion: '15',
      // ratios 0.90, 0.50, 0.75: the median is the third pair, whose sink ran 4 s
      trials: [pair(0.9, 1), pair(1, 2), pair(3, 4)], naive: contender('naive', 8, 1000),
    };
    expect(medianTrial(result.trials)).to.equal(result.trials[2]);
    const report = sinkReport(result);
    expect(report.terminal).to.contain('sink / ceiling = 0.75, the median of 3 trials (0.90, 0.50, 0.75) (goal ≥ 0.8); sink / naive = 2.00');
    expect(report.terminal).to.match(/^\| sink, trial 2 \| 1000 \| 2\.0 \| 500 \| 0\.50 \|/m);
    // the naive sink against the median pair's ceiling (333 events/s)
    expect(report.terminal).to.match(/^\| naive \| 1000 \| 8\.0 \| 125 \| 0\.38 \|/m);
    expect(report.markdown(facts)).to.contain('3 trial pairs,');
  });

  it('takes the lower middle pair when the number of trials is even', () => {
    const pair = (sinkSeconds: number) => ({ ceiling: contender('raw', 1, 40), sink: contender('sink', sinkSeconds, 1200) });
    const trials = [pair(1), pair(2), pair(4), pair(5)];
    expect(medianTrial(trials)).to.equal(trials[2]);
    expect(() => medianTrial([])).to.throw(RangeError);
  });

  it("sizes dynalite's data directory, nested files included, and warns only past the limit", () => {
    const dir = mkdtempSync(join(tmpdir(), 'dynalite-size-'));
    try {
      mkdirSync(join(dir, 'nested'));
      writeFileSync(join(dir, 'a.ldb'), Buffer.alloc(1000));
      writeFileSync(join(dir, 'nested', 'b.log'), Buffer.alloc(24));
      expect(directoryBytes(dir)).to.equal(1024);
      expect(directoryBytes(join(dir, 'absent'))).to.equal(0);
      expect(largeDynaliteWarning(dir, 1024, 2048)).to.equal(undefined);
      expect(largeDynaliteWarning(dir, 3 * 2 ** 30)).to.contain(`${dir} holds 3.0 GB`).and.to.contain('bellyfed local stop dynamodb');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
