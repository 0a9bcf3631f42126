/**
 * The sampling loop: a sample every interval (never two at once: a slow sample delays the next
 * instead of piling up), the verdict on it, and a bounded history for the charts.
 */
import type { MonitorConfig } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { evaluate } from './evaluate.js';
import { RingBuffer, toHistoryPoint, type HistoryPoint } from './history.js';
import { takeSample, type PipelineSources } from './sampler.js';
import type { PipelineSample, PipelineStatus } from './types.js';

export interface PipelineMonitor {
  /** The latest verdict; undefined until the first sample completes. */
  latest(): PipelineStatus | undefined;
  history(): HistoryPoint[];
  /** Resolves with the first status (so /status never answers "no data" once the service is up). */
  ready(): Promise<PipelineStatus>;
  stop(): Promise<void>;
}

/** Called with each sample and the one before it (e.g. to publish to CloudWatch); its failures are logged, never fatal. */
export type SampleListener = (sample: PipelineSample, previous: PipelineSample | undefined) => Promise<void>;

export function startMonitor(
  sources: PipelineSources,
  config: MonitorConfig,
  logger: Logger,
  now: () => Date = () => new Date(),
  onSample?: SampleListener,
): PipelineMonitor {
  const history = new RingBuffer<HistoryPoint>(config.historySamples);
  let latest: PipelineStatus | undefined;
  let previousSample: PipelineSample | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  let resolveReady: (status: PipelineStatus) => void = () => undefined;
  const ready = new Promise<PipelineStatus>((resolve) => (resolveReady = resolve));

  const sampleOnce = async () => {
    const started = Date.now();
    const sample = await takeSample(sources, { timeoutMs: config.sourceTimeoutMs, now, previous: previousSample });
    const verdict = evaluate(sample, config.thresholds, previousSample);
    const status: PipelineStatus = { ...verdict, ...sample };
    if (latest?.state !== status.state) {
      logger.info({ state: status.state, reasons: status.reasons.map((r) => r.message) }, 'pipeline state changed');
    }
    if (onSample) {
      const before = previousSample;
      void onSample(sample, before).catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'a sample listener failed (CloudWatch publishing or connector auto-restart)'));
    }
    previousSample = sample;
    latest = status;
    history.push(toHistoryPoint(status));
    resolveReady(status);
    return Date.now() - started;
  };

  const loop = () => {
    if (stopped) return;
    current = sampleOnce().then(
      (tookMs) => schedule(Math.max(0, config.intervalMs - tookMs)),
      (err: unknown) => {
        // takeSample catches every source's error; anything here is a bug, but the loop must go on.
        logger.error({ err }, 'monitor sample failed');
        schedule(config.intervalMs);
      },
    );
  };
  const schedule = (delayMs: number) => {
    if (!stopped) timer = setTimeout(loop, delayMs);
  };
  loop();

  return {
    latest: () => latest,
    history: () => history.toArray(),
    ready: () => ready,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
