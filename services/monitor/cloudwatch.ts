/**
 * The monitor publishes the pipeline's signals to CloudWatch (when METRICS_NAMESPACE is set), so
 * the alarms and the sink's autoscaling in deploy/ see what the dashboard shows. Building the
 * data is pure; a source that could not be read publishes nothing (the alarms treat missing
 * data as breaching), rather than a misleading zero.
 */
import { CloudWatchClient, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import { CLOUDWATCH_METRICS } from '../shared/cloudwatch-metrics.js';
import type { PipelineSample } from './types.js';

const increase = (now: number | null | undefined, before: number | null | undefined) =>
  now === null || now === undefined ? undefined : Math.max(0, now - (before ?? now));

export function cloudWatchData(sample: PipelineSample, previous: PipelineSample | undefined): MetricDatum[] {
  const at = new Date(sample.sampledAt);
  const data: MetricDatum[] = [];
  const put = (name: string, value: number | undefined, unit: MetricDatum['Unit']) => {
    if (value !== undefined && Number.isFinite(value)) data.push({ MetricName: name, Value: value, Unit: unit, Timestamp: at });
  };
  if (sample.consumers.status === 'ok') {
    put(CLOUDWATCH_METRICS.consumerLag, sample.consumers.data.reduce((n, g) => n + g.partitions.reduce((m, p) => m + p.lagMessages, 0), 0), 'Count');
  }
  if (sample.watermarks.status === 'ok') {
    const ages = sample.watermarks.data.map((w) => w.ageSeconds).filter((a): a is number => a !== null);
    if (ages.length > 0) put(CLOUDWATCH_METRICS.watermarkAgeSeconds, Math.max(...ages), 'Seconds');
  }
  if (sample.slot.status === 'ok' && sample.slot.data.restartWalBytes !== null) {
    put(CLOUDWATCH_METRICS.replicationSlotWalRetainedBytes, sample.slot.data.restartWalBytes, 'Bytes');
  }
  if (sample.deadLetters.status === 'ok') {
    const before = previous?.deadLetters.status === 'ok' ? previous.deadLetters.data.messages : undefined;
    put(CLOUDWATCH_METRICS.deadLetters, increase(sample.deadLetters.data.messages, before), 'Count');
  }
  if (sample.router.status === 'ok') {
    const before = previous?.router.status === 'ok' ? previous.router.data.fallbacks : undefined;
    put(CLOUDWATCH_METRICS.routerFallbacks, increase(sample.router.data.fallbacks, before), 'Count');
  }
  return data;
}

export class CloudWatchPublisher {
  private readonly client: CloudWatchClient;

  constructor(private readonly namespace: string, region: string) {
    this.client = new CloudWatchClient({ region, maxAttempts: 2 });
  }

  async publish(sample: PipelineSample, previous: PipelineSample | undefined): Promise<void> {
    const data = cloudWatchData(sample, previous);
    if (data.length > 0) await this.client.send(new PutMetricDataCommand({ Namespace: this.namespace, MetricData: data }));
  }

  close(): void {
    this.client.destroy();
  }
}
