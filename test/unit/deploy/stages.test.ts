import { expect } from 'chai';
import type { Template } from 'aws-cdk-lib/assertions';
import { stageSettings } from '../../../deploy/stage.js';
import { resourcesOfType, synthesizedTemplate } from './synthesized.js';

// Resource kinds whose count follows a parameter (availability zones, NAT gateways, readers).
const SCALES_WITH_PARAMETERS = /^AWS::EC2::(Subnet|RouteTable|Route|SubnetRouteTableAssociation|NatGateway|EIP)$|^AWS::RDS::DBInstance$/;

/** Type and construct path of each resource, without the stack name (ids embed hashes of it). */
function stableIds(template: Template): string[] {
  const resources = (template.toJSON() as { Resources: Record<string, { Type: string; Metadata?: Record<string, string> }> }).Resources;
  return Object.values(resources)
    .filter((r) => !SCALES_WITH_PARAMETERS.test(r.Type))
    .map((r) => {
      const path = (r.Metadata?.['aws:cdk:path'] ?? '?').replace(/^bellyfed-(dev|prod)\//, '');
      // Ingress rules are named after their peer's path (which holds the stack name): keep the port.
      return `${r.Type} ${path.replace(/\/from [^:]*:/, '/from ')}`;
    })
    .sort();
}

describe('deploy: stages', function () {
  let dev: Template;
  let prod: Template;
  before(function () {
    this.timeout(240_000);
    dev = synthesizedTemplate('dev');
    prod = synthesizedTemplate('prod');
  });

  it('prod and dev have the same resources, apart from counts that are parameters', function () {
    expect(stableIds(prod)).to.deep.equal(stableIds(dev));
  });

  it('they differ in sizes and protection', function () {
    const cluster = (t: Template) => resourcesOfType(t, 'AWS::RDS::DBCluster')[0]![1];
    expect(cluster(dev).Properties!.DeletionProtection).to.equal(false);
    expect(cluster(prod).Properties!.DeletionProtection).to.equal(true);
    expect(cluster(prod).DeletionPolicy).to.equal('Snapshot');
    const table = (t: Template) => resourcesOfType(t, 'AWS::DynamoDB::Table')[0]![1];
    expect(table(dev).Properties!.DeletionProtectionEnabled).to.equal(false);
    expect(table(prod).Properties!.DeletionProtectionEnabled).to.equal(true);
    expect(table(prod).DeletionPolicy).to.equal('Retain');
    expect(resourcesOfType(prod, 'AWS::RDS::DBInstance')).to.have.length(2);
    expect(resourcesOfType(dev, 'AWS::RDS::DBInstance')).to.have.length(1);
  });

  it('names carry the stage, so both can live in one account', function () {
    const names = (t: Template) => resourcesOfType(t, 'AWS::MSK::ServerlessCluster').map(([, r]) => r.Properties!.ClusterName);
    expect(names(dev)).to.deep.equal(['bellyfed-dev']);
    expect(names(prod)).to.deep.equal(['bellyfed-prod']);
  });

  it("caps the sink's Node heap below its task memory in each stage", function () {
    for (const [template, stage] of [[dev, 'dev'], [prod, 'prod']] as const) {
      const memory = stageSettings((key) => (key === 'stage' ? stage : undefined)).sink.memoryMiB;
      type Container = { Command?: string[]; Environment?: Array<{ Name: string; Value: unknown }> };
      const sinks = resourcesOfType(template, 'AWS::ECS::TaskDefinition')
        .flatMap(([, task]) => task.Properties!.ContainerDefinitions as Container[])
        .filter((c) => c.Command?.join(' ') === 'serve sink');
      expect(sinks, stage).to.have.length(1);
      const options = sinks[0]!.Environment?.find((v) => v.Name === 'NODE_OPTIONS')?.Value;
      const heap = Number(/--max-old-space-size=(\d+)/.exec(String(options))?.[1]);
      expect(heap, `${stage} NODE_OPTIONS ${String(options)}`).to.be.greaterThan(0).and.lessThan(memory);
    }
  });

  describe('stageSettings', function () {
    const settings = (context: Record<string, unknown>) => stageSettings((key) => context[key]);

    it('defaults to dev and reads overrides from context', function () {
      expect(settings({}).stage).to.equal('dev');
      expect(settings({ stage: 'prod', partitions: '24' }).partitions).to.equal(24);
    });

    it('refuses an unknown stage or a bad value, naming the context key', function () {
      expect(() => settings({ stage: 'staging' })).to.throw(/context stage must be one of dev, prod/);
      expect(() => settings({ partitions: '0' })).to.throw(/context partitions/);
      expect(() => settings({ certificateArn: 'my-cert' })).to.throw(/context certificateArn/);
    });

    it('never starts more sink tasks than partitions', function () {
      expect(settings({ stage: 'prod', partitions: '1' }).sink.minTasks).to.equal(1);
    });
  });
});
