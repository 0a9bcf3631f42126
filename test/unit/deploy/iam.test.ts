import { expect } from 'chai';
import type { Template } from 'aws-cdk-lib/assertions';
import { resourcesOfType, synthesizedTemplate, type CfnResource } from './synthesized.js';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };

const asList = <T>(v: T | T[]): T[] => (Array.isArray(v) ? v : [v]);

function statementsOf(policy: CfnResource): Statement[] {
  return policy.Properties!.PolicyDocument.Statement as Statement[];
}

/** Every statement of every inline policy attached to roles whose logical id starts with `rolePrefix`. */
function roleStatements(template: Template, rolePrefix: string): Statement[] {
  return resourcesOfType(template, 'AWS::IAM::Policy')
    .filter(([, p]) => asList(p.Properties!.Roles).some((r: any) => typeof r.Ref === 'string' && r.Ref.startsWith(rolePrefix)))
    .flatMap(([, p]) => statementsOf(p));
}

const actionsOf = (statements: Statement[]) => statements.flatMap((s) => asList(s.Action));

describe('deploy: IAM least privilege', function () {
  let dev: Template;
  before(function () {
    this.timeout(120_000);
    dev = synthesizedTemplate('dev');
  });

  it('no policy grants a wildcard action, nor a whole service on data', function () {
    const policies = resourcesOfType(dev, 'AWS::IAM::Policy');
    expect(policies.length).to.be.greaterThan(5);
    for (const [id, policy] of policies) {
      for (const action of actionsOf(statementsOf(policy))) {
        expect(action, id).to.not.equal('*');
        expect(action, id).to.not.match(/^(dynamodb|kafka-cluster|kafka|secretsmanager|s3|rds|kms):\*$/);
        expect(action, id).to.not.match(/\*$/);
      }
    }
  });

  it('resource "*" only where AWS offers no resource-level scope', function () {
    const allowedOnStar = new Set(['ecr:GetAuthorizationToken', 'cloudwatch:PutMetricData']);
    for (const [id, policy] of resourcesOfType(dev, 'AWS::IAM::Policy')) {
      for (const s of statementsOf(policy)) {
        if (asList(s.Resource as unknown).includes('*')) {
          for (const action of asList(s.Action)) expect(allowedOnStar.has(action), `${id}: ${action} on *`).to.equal(true);
        }
      }
    }
  });

  it('PutMetricData is limited to the stage namespace', function () {
    for (const [id, policy] of resourcesOfType(dev, 'AWS::IAM::Policy')) {
      for (const s of statementsOf(policy).filter((st) => asList(st.Action).includes('cloudwatch:PutMetricData'))) {
        expect(s.Condition, id).to.deep.equal({ StringEquals: { 'cloudwatch:namespace': 'Bellyfed/dev' } });
      }
    }
  });

  it('the sink writes and reads the table, reads its topics, writes the DLQ, and touches no secret', function () {
    const task = roleStatements(dev, 'SinkTaskTaskRole');
    expect(actionsOf(task)).to.include.members([
      'dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem',
      'dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query',
      'kafka-cluster:Connect', 'kafka-cluster:ReadData', 'kafka-cluster:WriteData', 'kafka-cluster:AlterGroup',
    ]);
    expect(actionsOf(task)).to.not.include.members(['kafka-cluster:CreateTopic']);
    const everything = [...task, ...roleStatements(dev, 'SinkTaskExecutionRole')];
    expect(actionsOf(everything).filter((a) => a.startsWith('secretsmanager:'))).to.deep.equal([]);
    const writeDlq = task.find((s) => asList(s.Action).includes('kafka-cluster:WriteData'))!;
    expect(JSON.stringify(writeDlq.Resource)).to.contain('/bellyfed.sink.dlq').and.not.contain('bellyfed.public');
  });

  it('the query service reads the table, writes only the analytics topic, and cannot write DynamoDB', function () {
    const task = roleStatements(dev, 'QueryTaskTaskRole');
    const actions = actionsOf(task);
    expect(actions).to.include.members(['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query']);
    expect(actions.filter((a) => a.startsWith('dynamodb:') && !['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'].includes(a))).to.deep.equal([]);
    expect(actions).to.not.include('kafka-cluster:ReadData');
    const write = task.find((s) => asList(s.Action).includes('kafka-cluster:WriteData'))!;
    expect(JSON.stringify(write.Resource)).to.contain('/bellyfed.analytics.events').and.not.contain('bellyfed.public');
  });

  it('the monitor describes groups and topics and reads only the watermark partition', function () {
    const task = roleStatements(dev, 'MonitorTaskTaskRole');
    const actions = actionsOf(task);
    expect(actions).to.include.members(['kafka-cluster:DescribeGroup', 'kafka-cluster:DescribeTopic']);
    expect(actions).to.not.include.members(['kafka-cluster:ReadData']);
    expect(actions).to.not.include('kafka-cluster:WriteData');
    const table = task.filter((s) => asList(s.Action).some((a) => a.startsWith('dynamodb:')));
    expect(actionsOf(table).sort()).to.deep.equal(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
    for (const s of table) expect(s.Condition).to.deep.equal({ 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': ['WATERMARK'] } });
  });

  it('Connect has no DynamoDB access and only its own topics and group', function () {
    const task = roleStatements(dev, 'ConnectTaskTaskRole');
    expect(actionsOf(task).filter((a) => !a.startsWith('kafka-cluster:'))).to.deep.equal([]);
    const resources = JSON.stringify(task.map((s) => s.Resource));
    expect(resources).to.contain('group/bellyfed-dev/').and.contain('bellyfed-connect');
    expect(resources).to.not.contain('bellyfed-sink').and.not.contain('bellyfed.sink.dlq').and.not.contain('analytics');
  });

  it('kafka-cluster actions are scoped to ARNs of this cluster', function () {
    for (const [id, policy] of resourcesOfType(dev, 'AWS::IAM::Policy')) {
      for (const s of statementsOf(policy).filter((st) => asList(st.Action).some((a) => a.startsWith('kafka-cluster:')))) {
        for (const resource of asList(s.Resource as unknown)) {
          const text = JSON.stringify(resource);
          expect(text, id).to.match(/KafkaCluster|:(topic|group)\/bellyfed-dev\//);
        }
      }
    }
  });

  it('no password reaches a task definition as plain environment: credentials come as ECS secrets', function () {
    const secretNames: string[] = [];
    for (const [id, task] of resourcesOfType(dev, 'AWS::ECS::TaskDefinition')) {
      type Container = { Environment?: Array<{ Name: string; Value: unknown }>; Secrets?: Array<{ Name: string; ValueFrom: unknown }> };
      for (const container of task.Properties!.ContainerDefinitions as Container[]) {
        for (const variable of container.Environment ?? []) {
          expect(variable.Name, id).to.not.match(/PASSWORD|SECRET|USER/);
          const value = JSON.stringify(variable.Value);
          expect(value, `${id} ${variable.Name}`).to.not.contain('resolve:secretsmanager');
          expect(value, `${id} ${variable.Name}`).to.not.match(/:\/\/[^/@"]+:[^/@"]+@/);
        }
        secretNames.push(...(container.Secrets ?? []).map((secret) => secret.Name));
      }
    }
    expect(secretNames).to.include.members(['DATABASE_PASSWORD', 'CDC_DATABASE_PASSWORD', 'APICURIO_DATASOURCE_PASSWORD', 'PGPASSWORD']);
  });
});
