/**
 * Freshness tracking, beside the change-event path: what a batch applied moves the watermarks
 * (after DynamoDB acknowledged it), and a heartbeat moves the quiet tables.
 *
 * A table nobody changes gets no events, so its watermark would age while the pipeline is
 * perfectly current, and the read-router would fall back for nothing. When a Debezium heartbeat
 * with source time T has arrived, every change committed in PostgreSQL before T was already
 * produced to Kafka (Debezium emits the WAL in order). If then — end offsets read after the
 * heartbeat, committed offsets read after those — the group has committed every app-table
 * partition up to its end, every such change is applied: each of those partitions is fresh as of T.
 */
import type { HeartbeatEvent } from '../../model/change-event.js';
import { describeError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { DecodedChange } from '../decode/decode-lane.js';
import { isCaughtUp } from '../source/positions.js';
import { appTableOf } from '../source/topics.js';
import type { SourceAdmin } from '../source/types.js';
import type { Watermarks } from './watermarks.js';

export class FreshnessTracker {
  private caughtUpCheck: Promise<void> | undefined;

  constructor(
    private readonly watermarks: Watermarks,
    private readonly admin: SourceAdmin,
    private readonly topics: () => readonly string[],
    private readonly options: { topicPrefix: string; groupId: string },
    private readonly logger: Logger,
  ) {}

  /** A batch's changes and heartbeats, once DynamoDB acknowledged everything before them. */
  applied(changes: readonly DecodedChange[], heartbeats: readonly HeartbeatEvent[]): void {
    for (const { event } of changes) this.watermarks.note(event.table, event.position.partition, event.sourceTsMs);
    for (const heartbeat of heartbeats) this.watermarks.noteHeartbeat(heartbeat.sourceTsMs);
    if (heartbeats.length > 0) this.advanceQuietTables(Math.max(...heartbeats.map((h) => h.sourceTsMs)));
  }

  /** One check at a time; a failed check only leaves the watermarks where they were. */
  private advanceQuietTables(heartbeatTsMs: number): void {
    if (this.caughtUpCheck !== undefined) return;
    const { topicPrefix, groupId } = this.options;
    this.caughtUpCheck = (async () => {
      const appTopics = this.topics().filter((t) => appTableOf(t, topicPrefix) !== undefined);
      const positions = await this.admin.positions(groupId, appTopics);
      if (positions.length === 0 || !positions.every(isCaughtUp)) return;
      for (const p of positions) this.watermarks.note(appTableOf(p.topic, topicPrefix) as string, p.partition, heartbeatTsMs);
    })()
      .catch((err: unknown) => this.logger.warn({ err: describeError(err) }, 'could not check whether the group is caught up'))
      .finally(() => {
        this.caughtUpCheck = undefined;
      });
  }

  /** Lets a running check end (shutdown). */
  async settled(): Promise<void> {
    await this.caughtUpCheck;
  }
}
