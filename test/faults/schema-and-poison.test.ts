/**
 * Drills 7 and 8: the data changes shape under the pipeline. A column is added to a captured
 * table mid-stream (Debezium registers a new schema version; the sink decodes both); and poison
 * lands in the change topics — garbage bytes, an unknown schema id, a well-formed event of a table
 * the model does not know. Poison goes to the dead-letter topic with its origin; nothing else stops.
 */
import { expect } from 'chai';
import { collectMessages, testKafka } from '../helpers/kafka.js';
import { debeziumRegistry, decodeChange } from '../helpers/cdc.js';
import { runBellyfed } from '../helpers/bellyfed-cli.js';
import { waitFor } from '../helpers/wait.js';
import { moreChanges, runDrill } from './helpers/drill.js';
import { useDrillPipeline } from './helpers/pipeline.js';

describe('fault drills: schema change and poison', function () {
  const drills = useDrillPipeline();

  it('7. a column added to a captured table mid-stream', async function () {
    const { pipeline } = drills;
    await runDrill(pipeline, {
      drill: '7. column added',
      slug: 'column-added',
      broke: 'the restaurants table, given a new column with a default while changes flow, written to, then re-snapshotted as the runbook says',
      async breakAndHeal(workload) {
        await moreChanges(workload, 40);
        const pool = pipeline.source.db.pool;
        // PostgreSQL fills the default into existing rows without writing them: no change events.
        await pool.query("ALTER TABLE restaurants ADD COLUMN drill_note text NOT NULL DEFAULT 'none'");
        await moreChanges(workload, 40, 'changes after the column was added');
        await pool.query("UPDATE restaurants SET drill_note = 'touched ✓' WHERE restaurant_id IN (SELECT restaurant_id FROM restaurants ORDER BY random() LIMIT 10)");
        // The runbook's step for a column with a default (docs/CONNECTORS.md): an incremental
        // snapshot of the table, while the workload goes on.
        await runBellyfed(['connectors', 'snapshot', 'restaurants', '--connector', pipeline.source.connector], { ...pipeline.env, DATABASE_URL: pipeline.source.db.url });
        return 1;
      },
    });
  });

  it('8. poison in the change topics reaches the dead-letter topic and nothing else stops', async function () {
    const { pipeline } = drills;
    const sink = pipeline.sinks[0]!;
    const restaurantsTopic = pipeline.source.topic('restaurants');
    const unknownTableTopic = pipeline.source.topic('drill_unknown_table');
    await runDrill(pipeline, {
      drill: '8. poison',
      slug: 'poison',
      broke: 'the change topics, fed garbage bytes, an unknown schema id and a valid event of an unknown table',
      async breakAndHeal(workload) {
        await moreChanges(workload, 40);
        // A real event, re-encoded with the same schema but naming a table the model does not know.
        const collector = await collectMessages([restaurantsTopic]);
        const [sample] = await collector.until((messages) => messages.length > 0, 'one restaurants event');
        await collector.stop();
        const registry = debeziumRegistry(process.env.SCHEMA_REGISTRY_URL!);
        const decoded = await decodeChange(registry, sample!);
        const foreign = await registry.encode(decoded.valueSchemaId!, { ...decoded.value!, source: { ...decoded.value!.source, table: 'drill_unknown_table' } });

        const deadBefore = await sink.metric('sink_dead_letters_total');
        const producer = testKafka('drill-poison').producer({ allowAutoTopicCreation: true });
        await producer.connect();
        try {
          const unknownSchemaId = Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 1, 2, 3]);
          await producer.send({ topic: restaurantsTopic, acks: -1, messages: [
            { key: sample!.key, value: Buffer.from('garbage, not Avro \u0000\u00ff') },
            { key: sample!.key, value: unknownSchemaId },
          ] });
          await producer.send({ topic: unknownTableTopic, acks: -1, messages: [{ key: sample!.key, value: foreign }] });
        } finally {
          await producer.disconnect();
        }
        // The unknown table's topic is new: the sink finds it at its next topic refresh.
        await waitFor(async () => (await sink.metric('sink_dead_letters_total')) >= deadBefore + 3 || undefined,
          'three dead letters', { timeoutMs: 120_000, intervalMs: 250 });
        await moreChanges(workload, 40, 'changes after the poison');
        return 3;
      },
    });
    // The operator's view of them: where each came from and why.
    const { stdout } = await runBellyfed(['dlq', 'list', '--json'], pipeline.env);
    const letters = stdout.trim().split('\n').map((line) => JSON.parse(line) as { topic: string; partition: number; offset: string; code: string });
    expect(letters.map((l) => l.topic).sort(), JSON.stringify(letters)).to.deep.equal([restaurantsTopic, restaurantsTopic, unknownTableTopic].sort());
    expect(await sink.metric('sink_dead_letters_total'), 'each poison message dead-lettered once').to.equal(3);
  });
});
