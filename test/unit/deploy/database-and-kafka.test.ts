import { expect } from 'chai';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { resourcesOfType, synthesizedTemplate } from './synthesized.js';

describe('deploy: Aurora and MSK', function () {
  let dev: Template;
  before(function () {
    this.timeout(120_000);
    dev = synthesizedTemplate('dev');
  });

  it('the cluster parameter group turns on logical replication', function () {
    dev.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', {
      Family: Match.stringLikeRegexp('^aurora-postgresql'),
      Parameters: Match.objectLike({ 'rds.logical_replication': '1' }),
    });
    const groupId = resourcesOfType(dev, 'AWS::RDS::DBClusterParameterGroup')[0]![0];
    dev.hasResourceProperties('AWS::RDS::DBCluster', { DBClusterParameterGroupName: { Ref: groupId } });
  });

  it('Aurora is encrypted, has Performance Insights, credentials from Secrets Manager, and sits in isolated subnets', function () {
    dev.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-postgresql',
      StorageEncrypted: true,
      PerformanceInsightsEnabled: true,
      MasterUsername: 'bellyfed_admin',
      MasterUserPassword: Match.anyValue(),
      ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 4 },
    });
    const password = JSON.stringify(resourcesOfType(dev, 'AWS::RDS::DBCluster')[0]![1].Properties!.MasterUserPassword);
    expect(password).to.match(/resolve:secretsmanager:/).and.match(/SecretString:password/);
    dev.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: Match.arrayWith([Match.objectLike({ Ref: Match.stringLikeRegexp('^NetworkVpcdataSubnet') })]),
    });
  });

  it('provisioned instances replace Serverless v2 by context', function () {
    this.timeout(120_000);
    // Checked on the stage settings, not a third synth: the construct switch is one line.
    return import('../../../deploy/stage.js').then(({ stageSettings }) => {
      const ctx: Record<string, unknown> = { stage: 'prod', database: 'provisioned' };
      expect(stageSettings((k) => ctx[k]).database.mode).to.equal('provisioned');
      expect(() => stageSettings((k) => ({ database: 'aurora' } as Record<string, unknown>)[k])).to.throw(/context database/);
    });
  });

  it('MSK Serverless authenticates clients with IAM only', function () {
    dev.hasResourceProperties('AWS::MSK::ServerlessCluster', {
      ClientAuthentication: { Sasl: { Iam: { Enabled: true } } },
    });
  });

  it('the change topics have as many partitions as the sink may have tasks', function () {
    const changeTopics = resourcesOfType(dev, 'AWS::MSK::Topic').filter(([, r]) => /^bellyfed\.public\./.test(r.Properties!.TopicName));
    expect(changeTopics.map(([, r]) => r.Properties!.TopicName)).to.include('bellyfed.public.restaurants');
    const sinkScaling = resourcesOfType(dev, 'AWS::ApplicationAutoScaling::ScalableTarget').filter(([id]) => id.startsWith('Sink'));
    expect(sinkScaling).to.have.length(1);
    const maxTasks = sinkScaling[0]![1].Properties!.MaxCapacity as number;
    expect(changeTopics).to.have.length(8);
    for (const [, topic] of changeTopics) expect(topic.Properties!.PartitionCount).to.equal(maxTasks);
    dev.hasResourceProperties('AWS::MSK::Topic', { TopicName: 'bellyfed.sink.dlq' });
  });

  it('only the components that need them reach the database and the brokers', function () {
    const ingress = resourcesOfType(dev, 'AWS::EC2::SecurityGroupIngress').map(([, r]) => r.Properties!);
    const into = (groupPrefix: string, port: number) =>
      ingress
        .filter((rule) => JSON.stringify(rule.GroupId).includes(groupPrefix) && rule.FromPort === port)
        .map((rule) => JSON.stringify(rule.SourceSecurityGroupId).match(/Network(\w+?)Sg/)?.[1])
        .sort();
    expect(into('NetworkDatabaseSg', 5432)).to.deep.equal(['Connect', 'Monitor', 'Operator', 'Query', 'Registry']);
    expect(into('NetworkKafkaSg', 9098)).to.deep.equal(['Connect', 'Monitor', 'Query', 'Sink']);
    // Data stores accept no CIDR-wide rule.
    for (const rule of ingress) expect(rule.CidrIp, JSON.stringify(rule)).to.equal(undefined);
  });
});
