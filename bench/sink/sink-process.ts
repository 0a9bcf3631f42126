/**
 * Contender (b): the real worker, `bellyfed serve sink`, as a child process with its own table,
 * group and dead-letter topic. The clock runs from the moment it has joined its group (/readyz)
 * until the group has committed every app-topic partition to its end — the sink's own
 * caught-up rule (services/sink/source/positions.ts): committed means DynamoDB acknowledged everything
 * before. Its RSS is sampled from /proc every 100 ms; CPU seconds (its own and the platform's) are read from /proc as well.
 */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../services/shared/paths.js';
import type { Config } from '../../services/shared/config.js';
import { SINK_HEAP_MIB, withHeapCap } from '../../services/shared/node-heap.js';
import { startServer } from '../child-process.js';
import { cpuSnapshot, cpuUsed, type CpuSnapshot } from './platform-cpu.js';
import { allCaughtUp, groupPositions, withAdmin } from './kafka-admin.js';
import { waitUntil } from './wait.js';

export interface SinkProcessRun {
  seconds: number;
  peakRssBytes: number;
  /** CPU seconds of the sink (contender), dynalite, Kafka and Connect while it ran. */
  cpu: CpuSnapshot;
  /** DynamoDB requests the sink sent, by operation (from its /metrics). */
  requests: Record<string, number>;
}

/** `sink_dynamodb_request_seconds_count{operation="X"} n` lines of the sink's /metrics. */
export function requestCounts(metricsText: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of metricsText.matchAll(/^sink_dynamodb_request_seconds_count\{operation="([^"]+)"\} (\d+)/gm)) out[m[1]!] = Number(m[2]);
  return out;
}

export async function runSinkProcess(
  config: Config,
  options: { env: NodeJS.ProcessEnv; prefix: string; groupId: string; timeoutMs: number },
): Promise<SinkProcessRun> {
  const bellyfed = join(PROJECT_ROOT, 'bin', 'bellyfed.js');
  // With the heap cap `bellyfed local up` gives the sink: its RSS is the deployed worker's.
  const env = withHeapCap(options.env, SINK_HEAP_MIB);
  const sink = await startServer(process.execPath, [bellyfed, 'serve', 'sink'], env, { portVariable: 'SINK_PORT' });
  try {
    await waitUntil(async () => (await fetch(`${sink.url}/readyz`)).ok, 'the sink to join its group', 60_000, 20);
    const started = performance.now();
    const cpuAtStart = cpuSnapshot(sink.child.pid);
    await withAdmin(config, async (admin) => {
      // The app topics do not grow during this phase: their ends are read once, then only the group's commits.
      const ends = await groupPositions(admin, options.prefix, options.groupId);
      const topics = [...new Set(ends.map((p) => p.topic))];
      await waitUntil(async () => {
        if (sink.child.exitCode !== null) throw new Error(`the sink exited with ${sink.child.exitCode}`);
        const commits = await admin.fetchOffsets({ groupId: options.groupId, topics });
        const committed = (topic: string, partition: number) => {
          const offset = commits.find((c) => c.topic === topic)?.partitions.find((p) => p.partition === partition)?.offset;
          return offset === undefined || Number(offset) < 0 ? null : Number(offset);
        };
        return allCaughtUp(ends.map((p) => ({ ...p, committed: committed(p.topic, p.partition) })));
      }, 'the sink to commit every event', options.timeoutMs, 100);
    });
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuUsed(cpuAtStart, cpuSnapshot(sink.child.pid));
    const requests = requestCounts(await (await fetch(`${sink.url}/metrics`)).text());
    return { seconds, peakRssBytes: sink.peakRssBytes(), cpu, requests };
  } finally {
    await sink.stop();
  }
}
