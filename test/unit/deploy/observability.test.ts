import { expect } from 'chai';
import type { Template } from 'aws-cdk-lib/assertions';
import { METRICS } from '../../../deploy/metrics.js';
import { SIGNALS } from '../../../deploy/observability.js';
import { resourcesOfType, synthesizedTemplate } from './synthesized.js';

describe('deploy: alarms and dashboard', function () {
  let dev: Template;
  before(function () {
    this.timeout(120_000);
    dev = synthesizedTemplate('dev');
  });

  const alarms = () => new Map(resourcesOfType(dev, 'AWS::CloudWatch::Alarm').map(([, a]) => [a.Properties!.AlarmName as string, a.Properties!]));

  it('has one alarm per signal, each notifying the alarm topic', function () {
    const byName = alarms();
    for (const signal of SIGNALS) {
      const alarm = byName.get(`bellyfed-dev-${signal}`);
      expect(alarm, signal).to.not.equal(undefined);
      expect(JSON.stringify(alarm!.AlarmActions), signal).to.contain('ObservabilityAlarms');
    }
  });

  it('watches the metrics the services publish, and the load balancer\'s 5xx rate', function () {
    const byName = alarms();
    const metricOf = (signal: string) => byName.get(`bellyfed-dev-${signal}`)!.MetricName;
    expect(metricOf('ConsumerLag')).to.equal(METRICS.consumerLag);
    expect(metricOf('WatermarkAge')).to.equal(METRICS.watermarkAgeSeconds);
    expect(metricOf('ReplicationSlotWalRetained')).to.equal(METRICS.replicationSlotWalRetainedBytes);
    expect(metricOf('DeadLetters')).to.equal(METRICS.deadLetters);
    expect(metricOf('RouterFallbacks')).to.equal(METRICS.routerFallbacks);
    const http = JSON.stringify(byName.get('bellyfed-dev-Http5xxRate')!.Metrics);
    expect(http).to.contain('HTTPCode_Target_5XX_Count').and.contain('RequestCount');
  });

  it('a silent monitor alarms: its gauges treat missing data as breaching', function () {
    const byName = alarms();
    for (const signal of ['ConsumerLag', 'WatermarkAge', 'ReplicationSlotWalRetained']) {
      expect(byName.get(`bellyfed-dev-${signal}`)!.TreatMissingData, signal).to.equal('breaching');
    }
  });

  it('the sink scales on consumer lag', function () {
    const policies = resourcesOfType(dev, 'AWS::ApplicationAutoScaling::ScalingPolicy').filter(([id]) => id.startsWith('Sink'));
    expect(policies.length).to.be.greaterThan(0);
    const lagAlarms = resourcesOfType(dev, 'AWS::CloudWatch::Alarm').filter(([id]) => id.startsWith('SinkServiceTaskCountTargetScaleOnConsumerLag'));
    expect(lagAlarms.map(([, a]) => a.Properties!.MetricName)).to.include(METRICS.consumerLag);
  });

  it('has a dashboard', function () {
    expect(resourcesOfType(dev, 'AWS::CloudWatch::Dashboard')).to.have.length(1);
  });
});
