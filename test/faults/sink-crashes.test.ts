/**
 * Drills 1 and 2: sink workers die. SIGKILL gives the worker no chance to drain or commit, so
 * everything after its last committed offset is redelivered to whoever runs next; the version
 * guard must make the replay harmless and nothing may be skipped.
 */
import { expect } from 'chai';
import { waitFor } from '../helpers/wait.js';
import { moreChanges, runDrill } from './helpers/drill.js';
import { useDrillPipeline } from './helpers/pipeline.js';
import { prng } from '../helpers/prng.js';

describe('fault drills: sink workers killed', function () {
  const drills = useDrillPipeline();

  it('1. the sink worker SIGKILLed several times at random moments', async function () {
    const { pipeline } = drills;
    const random = prng(Date.now() >>> 0);
    await runDrill(pipeline, {
      drill: '1. sink SIGKILL ×3',
      slug: 'sink-sigkill',
      broke: 'the only sink worker, SIGKILLed 3 times mid-stream and restarted',
      async breakAndHeal(workload) {
        let faults = 0;
        for (let round = 0; round < 3; round++) {
          const sink = pipeline.sinks.at(-1)!;
          // A random moment: after 20–120 further changes, once it has applied something of them.
          await moreChanges(workload, 20 + Math.floor(random() * 100));
          const applied = await sink.metric('sink_events_applied_total');
          // A restarted worker joins only once the killed member's session (30 s) has expired.
          await waitFor(async () => (await sink.metric('sink_events_applied_total')) > applied || undefined, 'the sink to be applying',
            { timeoutMs: 120_000, intervalMs: 100 });
          expect(await sink.stop('SIGKILL')).to.equal(null);
          pipeline.sinks.pop();
          faults += 1;
          await moreChanges(workload, 30, 'changes while no sink runs');
          await pipeline.startSink();
        }
        return faults;
      },
    });
  });

  it('2. two sink workers in one group, one SIGKILLed (the other takes over its partitions)', async function () {
    const { pipeline } = drills;
    await runDrill(pipeline, {
      drill: '2. rebalance',
      slug: 'sink-rebalance',
      broke: 'one of two sink workers in one consumer group, SIGKILLed; the survivor takes over after the session timeout',
      async breakAndHeal(workload) {
        const second = await pipeline.startSink();
        const [first] = pipeline.sinks;
        // Both in the group with partitions of their own: each has applied changes of the workload.
        const base = [await first!.metric('sink_events_applied_total'), await second.metric('sink_events_applied_total')];
        await waitFor(async () => (await first!.metric('sink_events_applied_total')) > base[0]! && (await second.metric('sink_events_applied_total')) > base[1]!,
          'both workers to apply changes', { timeoutMs: 120_000, intervalMs: 200 });
        await moreChanges(workload, 30);
        expect(await second.stop('SIGKILL')).to.equal(null);
        pipeline.sinks.splice(pipeline.sinks.indexOf(second), 1);
        // The survivor is told of the rebalance once the dead member's session expires.
        await moreChanges(workload, 60, 'changes while the group rebalances');
        return 1;
      },
    });
  });
});
