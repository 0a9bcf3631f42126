/**
 * Topic supervision, beside the change-event path (never on it): waits for the change topics,
 * creates the source over them, and replaces it when the topic list grows, when it crashed, or
 * when it silently stopped fetching partitions it owns (source/stall-watch.ts). It hands the
 * source the pipeline as its handler and learns about the group through the source's listener.
 */
import { sleep } from '../shared/backoff.js';
import { describeError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { StallWatch } from './source/stall-watch.js';
import { sinkTopicsOf } from './source/topics.js';
import type { Assignment, BatchHandler, ChangeEventSource, SourceAdmin, SourceBatch, SourceFactory, SourceListener } from './source/types.js';

/** What else wants to hear about the group and the batches (write leases, metrics, the fatal stop). */
export interface SupervisorHooks {
  assigned(assignment: Assignment): void;
  batchFailed(batch: SourceBatch, error: unknown): void;
  fatal(batch: SourceBatch, error: unknown): void;
}

export interface SupervisorOptions {
  topicPrefix: string;
  groupId: string;
  /** How often the topic list is checked for new change topics (and the source for a stall). */
  topicRefreshMs: number;
}

/**
 * How long an owned partition with a backlog may go without a batch before the source is
 * replaced: well above the longest retry backoff (10 s) and a slow batch, well below an
 * operator's patience.
 */
const STALL_MS = 60_000;

export class TopicSupervisor {
  private source: ChangeEventSource | undefined;
  private topicList: string[] = [];
  private readonly stopping = new AbortController();
  private loop: Promise<void> | undefined;
  private joined = false;
  private crashed = false;
  private readonly stallWatch = new StallWatch(STALL_MS);

  constructor(
    private readonly createSource: SourceFactory,
    private readonly admin: SourceAdmin,
    private readonly handler: BatchHandler,
    private readonly hooks: SupervisorHooks,
    private readonly options: SupervisorOptions,
    private readonly logger: Logger,
  ) {}

  /** In the group, with a source that has not crashed: the sink's readiness. */
  get ready(): boolean {
    return this.joined && !this.crashed && !this.stopping.signal.aborted;
  }

  /** The change topics being consumed. */
  get topics(): readonly string[] {
    return this.topicList;
  }

  /** Starts consuming as soon as change topics exist; returns at once. */
  start(): void {
    this.loop = this.supervise().catch((err: unknown) => {
      this.logger.error({ err: describeError(err) }, 'sink topic supervisor stopped');
    });
  }

  private async supervise(): Promise<void> {
    let waitingLogged = false;
    while (!this.stopping.signal.aborted) {
      try {
        const topics = sinkTopicsOf(await this.admin.listTopics(), this.options.topicPrefix);
        if (topics.length === 0) {
          if (!waitingLogged) {
            this.logger.info({ prefix: this.options.topicPrefix }, 'no change topics yet (Debezium creates them with the first event); waiting');
            waitingLogged = true;
          }
        } else {
          if (this.source && this.joined && !this.crashed) await this.checkForStall();
          if (this.crashed || topics.join('\n') !== this.topicList.join('\n')) await this.subscribe(topics);
        }
      } catch (err) {
        // UNKNOWN_TOPIC_OR_PARTITION (a topic listed but not ready yet), broker down: try again.
        this.logger.warn({ err: describeError(err) }, 'could not subscribe to the change topics yet; retrying');
        this.crashed = true;
      }
      await sleep(this.options.topicRefreshMs, this.stopping.signal);
    }
  }

  private listenerFor(source: () => ChangeEventSource | undefined): SourceListener {
    const current = () => source() !== undefined && this.source === source();
    return {
      assigned: (assignment) => {
        if (!current()) {
          // A replaced source that joined anyway would hold partitions it never processes.
          this.logger.warn('a replaced consumer rejoined the group; stopping it');
          void source()?.stop().catch((err: unknown) => this.logger.warn({ err: describeError(err) }, 'could not stop a replaced consumer'));
          return;
        }
        this.stallWatch.assign(assignment);
        this.hooks.assigned(assignment);
        this.joined = true;
      },
      crashed: (error) => {
        if (!current()) return;
        this.logger.error({ err: describeError(error) }, 'consumer crashed; replacing it with a new one');
        this.crashed = true;
      },
      batchStarted: (batch) => this.stallWatch.batchStarted(batch.topic, batch.partition),
      batchEnded: (batch) => this.stallWatch.batchEnded(batch.topic, batch.partition),
      batchFailed: (batch, error) => this.hooks.batchFailed(batch, error),
      fatal: (batch, error) => this.hooks.fatal(batch, error),
    };
  }

  private async subscribe(topics: string[]): Promise<void> {
    if (this.source) {
      this.logger.info({ added: topics.filter((t) => !this.topicList.includes(t)) }, 'change topics changed; re-subscribing');
      this.joined = false;
      await this.source.stop();
      this.source = undefined;
    }
    let created: ChangeEventSource | undefined;
    created = this.createSource(topics, this.listenerFor(() => created));
    this.crashed = false;
    this.source = created;
    this.topicList = topics;
    try {
      await created.run(this.handler);
    } catch (err) {
      await created.stop().catch(() => undefined);
      this.source = undefined;
      this.topicList = [];
      throw err;
    }
    this.logger.info({ topics: topics.length, group: this.options.groupId }, 'consuming change topics');
  }

  /** A source that silently stopped fetching owned partitions is replaced (source/stall-watch.ts). */
  private async checkForStall(): Promise<void> {
    const stalled = this.stallWatch.stalled(await this.admin.positions(this.options.groupId, this.topicList));
    if (stalled.length === 0) return;
    this.logger.warn({
      partitions: stalled.map((p) => `${p.topic}/${p.partition} at ${p.committed ?? 'none'} of ${p.end}`),
    }, 'the consumer has not fetched partitions it owns and is behind on; re-subscribing');
    this.crashed = true;
  }

  /** Stops fetching, lets the in-flight batches finish and commit, leaves the group. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.joined = false;
    await this.source?.stop();
    await this.loop;
  }
}
