/**
 * What a drill prints when its pipeline did not converge: the consumer group (state, members and
 * what each owns), the partitions behind, the connector's state and the sink workers' last log
 * lines. CI keeps only the test output, so the cause has to be in it.
 */
import { AssignerProtocol } from 'kafkajs';
import { readPositions } from '../../../services/sink/source/kafka-admin.js';
import { isCaughtUp } from '../../../services/sink/source/positions.js';
import { sinkTopicsOf } from '../../../services/sink/source/topics.js';
import { connectClient } from '../../helpers/cdc-teardown.js';
import { withAdmin } from '../../helpers/kafka.js';
import type { SinkProcess } from '../../helpers/sink-process.js';

export interface DiagnosedPipeline {
  readonly groupId: string;
  readonly topicPrefix: string;
  readonly connector: string;
  readonly sinks: readonly SinkProcess[];
}

async function describeGroup(groupId: string, topicPrefix: string): Promise<string[]> {
  return withAdmin(async (admin) => {
    const [group] = (await admin.describeGroups([groupId])).groups;
    const lines = [`group ${groupId}: ${group?.state ?? 'unknown'}, ${group?.members.length ?? 0} member(s)`];
    for (const member of group?.members ?? []) {
      const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {};
      const owned = Object.entries(assignment).map(([topic, partitions]) => `${topic.replace(`${topicPrefix}.public.`, '')}[${partitions.join(',')}]`);
      lines.push(`  member ${member.memberId}: ${owned.join(' ')}`);
    }
    const positions = await readPositions(admin, groupId, sinkTopicsOf(await admin.listTopics(), topicPrefix));
    for (const p of positions.filter((position) => !isCaughtUp(position))) {
      lines.push(`  behind: ${p.topic}/${p.partition} committed ${p.committed ?? 'none'} of ${p.end}`);
    }
    return lines;
  });
}

async function describeConnector(connector: string): Promise<string> {
  const status = await connectClient().status(connector);
  return `connector ${connector}: ${status.connector.state}; tasks ${status.tasks.map((t) => `${t.id} ${t.state}`).join(', ') || 'none'}`;
}

/** Never throws: a diagnosis that fails says why instead. */
export async function diagnosePipeline(pipeline: DiagnosedPipeline): Promise<string> {
  const section = async (what: string, read: () => Promise<string[]>): Promise<string[]> =>
    read().catch((err: unknown) => [`${what}: could not read (${(err as Error).message})`]);
  const lines = [
    ...(await section('consumer group', () => describeGroup(pipeline.groupId, pipeline.topicPrefix))),
    ...(await section('connector', async () => [await describeConnector(pipeline.connector)])),
  ];
  pipeline.sinks.forEach((sink, i) => {
    const tail = sink.stderrTail().trim().split('\n').slice(-15);
    lines.push(`sink worker ${i + 1} (pid ${sink.child.pid}), last log lines:`, ...tail.map((line) => `  ${line.slice(0, 400)}`));
  });
  return lines.join('\n');
}
