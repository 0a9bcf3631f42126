/**
 * One dashboard and one alarm per pipeline signal — the monitor's signals plus the load
 * balancer's 5xx rate — all notifying one SNS topic. Gauges the monitor publishes alarm on
 * missing data too: a silent monitor must not look like a healthy pipeline.
 */
import { Duration, aws_cloudwatch as cloudwatch, aws_cloudwatch_actions as actions, aws_elasticloadbalancingv2 as elbv2, aws_sns as sns } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { METRICS, metricsNamespace } from './metrics.js';
import type { StageSettings } from './stage.js';

export const SIGNALS = ['ConsumerLag', 'WatermarkAge', 'ReplicationSlotWalRetained', 'DeadLetters', 'RouterFallbacks', 'Http5xxRate'] as const;
export type Signal = (typeof SIGNALS)[number];

export class Observability extends Construct {
  readonly alarmTopic: sns.Topic;
  readonly alarms: Record<Signal, cloudwatch.Alarm>;

  constructor(scope: Construct, id: string, props: { settings: StageSettings; loadBalancer: elbv2.ApplicationLoadBalancer }) {
    super(scope, id);
    const { settings } = props;
    const namespace = metricsNamespace(settings.stage);
    const custom = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({ namespace, metricName, statistic, period: Duration.minutes(1) });
    const lb = props.loadBalancer.metrics;
    const http5xxRate = new cloudwatch.MathExpression({
      label: '5xx % of requests',
      expression: '100 * (target5xx + elb5xx) / IF(requests > 0, requests, 1)',
      usingMetrics: {
        target5xx: lb.httpCodeTarget(elbv2.HttpCodeTarget.TARGET_5XX_COUNT, { statistic: 'Sum' }),
        elb5xx: lb.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { statistic: 'Sum' }),
        requests: lb.requestCount({ statistic: 'Sum' }),
      },
      period: Duration.minutes(1),
    });

    this.alarmTopic = new sns.Topic(this, 'Alarms', { displayName: `Bellyfed ${settings.stage} alarms` });
    const a = settings.alarms;
    const alarm = (signal: Signal, metric: cloudwatch.IMetric, threshold: number, description: string, missing: cloudwatch.TreatMissingData, periods = 5) => {
      const created = new cloudwatch.Alarm(this, signal, {
        alarmName: `bellyfed-${settings.stage}-${signal}`,
        alarmDescription: description,
        metric,
        threshold,
        evaluationPeriods: periods,
        datapointsToAlarm: Math.min(periods, 3),
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: missing,
      });
      created.addAlarmAction(new actions.SnsAction(this.alarmTopic));
      created.addOkAction(new actions.SnsAction(this.alarmTopic));
      return created;
    };
    const BREACH = cloudwatch.TreatMissingData.BREACHING;
    const QUIET = cloudwatch.TreatMissingData.NOT_BREACHING;
    this.alarms = {
      ConsumerLag: alarm('ConsumerLag', custom(METRICS.consumerLag, 'Maximum'), a.consumerLagMessages,
        'The sink is behind the change topics (messages). Check sink tasks, DynamoDB throttling, the DLQ.', BREACH),
      WatermarkAge: alarm('WatermarkAge', custom(METRICS.watermarkAgeSeconds, 'Maximum'), a.watermarkAgeSeconds,
        'DynamoDB is stale: the router falls back to PostgreSQL. Check Connect task state and the sink.', BREACH),
      ReplicationSlotWalRetained: alarm('ReplicationSlotWalRetained', custom(METRICS.replicationSlotWalRetainedBytes, 'Maximum'), a.walRetainedBytes,
        'The Debezium slot holds WAL on Aurora: the connector is down or slow. Aurora storage grows until it is fixed.', BREACH),
      DeadLetters: alarm('DeadLetters', custom(METRICS.deadLetters, 'Sum'), 0,
        'Events went to the dead-letter topic: read their reason headers.', QUIET, 1),
      RouterFallbacks: alarm('RouterFallbacks', custom(METRICS.routerFallbacks, 'Sum'), 100,
        'DynamoDB routes are served from PostgreSQL (DynamoDB errors, timeouts or staleness).', QUIET),
      Http5xxRate: alarm('Http5xxRate', http5xxRate, a.http5xxPercent,
        'The query service answers 5xx: check its logs by request id, and the database.', QUIET),
    };

    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: `bellyfed-${settings.stage}` });
    dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: Object.values(this.alarms), width: 24 }),
    );
    dashboard.addWidgets(
      ...SIGNALS.map((signal) => new cloudwatch.GraphWidget({
        title: signal,
        left: [this.alarms[signal].metric],
        leftAnnotations: [{ value: this.alarms[signal].toAnnotation().value, label: 'alarm' }],
        width: 8,
      })),
    );
  }
}
