/**
 * MSK Serverless with IAM authentication (the only client authentication it offers), the topics
 * whose settings matter (change topics sized to the partition count, DLQ, analytics, Connect's
 * internal topics), the bootstrap address (not a CloudFormation attribute: read once at deploy
 * time with kafka:GetBootstrapBrokers), and IAM grants scoped to cluster, topic and group ARNs.
 */
import { Aws, Duration, Fn, aws_ec2 as ec2, aws_iam as iam, aws_msk as msk, custom_resources as cr } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SUBNETS } from './network.js';
import type { StageSettings } from './stage.js';
import { KAFKA_NAMES } from './topics.js';

/** MSK's port for SASL/IAM over TLS. */
export const MSK_IAM_PORT = 9098;
/** MSK Serverless fixes the replication factor at 3. */
const REPLICATION_FACTOR = 3;
const DAY_MS = 24 * 3600 * 1000;

/** kafka-cluster actions by what a client does; never kafka-cluster:*. */
export const KAFKA_ACTIONS = {
  connect: ['kafka-cluster:Connect', 'kafka-cluster:DescribeCluster'],
  read: ['kafka-cluster:DescribeTopic', 'kafka-cluster:ReadData'],
  write: ['kafka-cluster:DescribeTopic', 'kafka-cluster:WriteData'],
  createTopic: ['kafka-cluster:CreateTopic', 'kafka-cluster:DescribeTopic', 'kafka-cluster:DescribeTopicDynamicConfiguration'],
  describeTopic: ['kafka-cluster:DescribeTopic'],
  joinGroup: ['kafka-cluster:AlterGroup', 'kafka-cluster:DescribeGroup'],
  describeGroup: ['kafka-cluster:DescribeGroup'],
  /** Java producers are idempotent by default (Connect's). */
  idempotentWrite: ['kafka-cluster:WriteDataIdempotently'],
} as const;

/** What one client may do: topics to read and write, groups to join or describe. */
export interface KafkaAccess {
  readonly read?: readonly string[];
  readonly write?: readonly string[];
  readonly create?: readonly string[];
  readonly describe?: readonly string[];
  readonly joinGroups?: readonly string[];
  readonly describeGroups?: readonly string[];
  readonly idempotent?: boolean;
}

interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  readonly configs: Readonly<Record<string, string>>;
}

/** Topic settings by role: the change log keeps 7 days (a sink outage of a long weekend replays), the DLQ 14. */
export function topicSpecs(settings: StageSettings): TopicSpec[] {
  const changes = { 'cleanup.policy': 'delete', 'retention.ms': String(7 * DAY_MS) };
  const compacted = { 'cleanup.policy': 'compact' };
  const t = KAFKA_NAMES.connectInternalTopics;
  return [
    ...KAFKA_NAMES.changeTopics.map((name) => ({ name, partitions: settings.partitions, configs: changes })),
    { name: KAFKA_NAMES.heartbeatTopic, partitions: 1, configs: { 'cleanup.policy': 'delete', 'retention.ms': String(DAY_MS) } },
    { name: KAFKA_NAMES.deadLetterTopic, partitions: 1, configs: { 'cleanup.policy': 'delete', 'retention.ms': String(14 * DAY_MS) } },
    { name: KAFKA_NAMES.analyticsTopic, partitions: settings.partitions, configs: { 'cleanup.policy': 'delete', 'retention.ms': String(3 * DAY_MS) } },
    // Connect requires its internal topics compacted; the offsets topic is where source offsets (LSNs) live.
    { name: t.configs, partitions: 1, configs: compacted },
    { name: t.offsets, partitions: 25, configs: compacted },
    { name: t.status, partitions: 5, configs: compacted },
  ];
}

export class KafkaCluster extends Construct {
  readonly cluster: msk.CfnServerlessCluster;
  readonly clusterName: string;
  /** host:port list for SASL/IAM clients. */
  readonly bootstrapBrokers: string;

  constructor(scope: Construct, id: string, props: { settings: StageSettings; vpc: ec2.IVpc; securityGroup: ec2.ISecurityGroup }) {
    super(scope, id);
    this.clusterName = `bellyfed-${props.settings.stage}`;
    this.cluster = new msk.CfnServerlessCluster(this, 'Cluster', {
      clusterName: this.clusterName,
      clientAuthentication: { sasl: { iam: { enabled: true } } },
      vpcConfigs: [
        {
          subnetIds: props.vpc.selectSubnets(SUBNETS.data).subnetIds,
          securityGroups: [props.securityGroup.securityGroupId],
        },
      ],
    });

    for (const spec of topicSpecs(props.settings)) {
      new msk.CfnTopic(this, `Topic-${spec.name.replace(/[^A-Za-z0-9]/g, '-')}`, {
        clusterArn: this.cluster.attrArn,
        topicName: spec.name,
        partitionCount: spec.partitions,
        replicationFactor: REPLICATION_FACTOR,
        configs: Buffer.from(JSON.stringify(spec.configs)).toString('base64'),
      });
    }

    const lookup = new cr.AwsCustomResource(this, 'BootstrapBrokers', {
      onUpdate: {
        service: 'Kafka',
        action: 'getBootstrapBrokers',
        parameters: { ClusterArn: this.cluster.attrArn },
        physicalResourceId: cr.PhysicalResourceId.of(`${this.clusterName}-bootstrap`),
        outputPaths: ['BootstrapBrokerStringSaslIam'],
      },
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['kafka:GetBootstrapBrokers'], resources: [this.cluster.attrArn] }),
      ]),
      installLatestAwsSdk: false,
      timeout: Duration.minutes(2),
    });
    this.bootstrapBrokers = lookup.getResponseField('BootstrapBrokerStringSaslIam');
  }

  get clusterArn(): string {
    return this.cluster.attrArn;
  }

  /** arn:…:cluster/<name>/<uuid> → the <uuid> every topic and group ARN repeats. */
  private get clusterUuid(): string {
    return Fn.select(2, Fn.split('/', this.cluster.attrArn));
  }

  private resourceArn(kind: 'topic' | 'group', name: string): string {
    return `arn:${Aws.PARTITION}:kafka:${Aws.REGION}:${Aws.ACCOUNT_ID}:${kind}/${this.clusterName}/${this.clusterUuid}/${name}`;
  }

  topicArn(name: string): string {
    return this.resourceArn('topic', name);
  }

  groupArn(name: string): string {
    return this.resourceArn('group', name);
  }

  /** Adds to `role` exactly the kafka-cluster actions `access` describes, each on its own ARNs. */
  grant(role: iam.IRole, access: KafkaAccess): void {
    const statements: iam.PolicyStatement[] = [
      new iam.PolicyStatement({
        actions: [...KAFKA_ACTIONS.connect, ...(access.idempotent ? KAFKA_ACTIONS.idempotentWrite : [])],
        resources: [this.clusterArn],
      }),
    ];
    const add = (actions: readonly string[], names: readonly string[] | undefined, arn: (n: string) => string) => {
      if (names && names.length > 0) statements.push(new iam.PolicyStatement({ actions: [...actions], resources: names.map(arn) }));
    };
    const topic = (n: string) => this.topicArn(n);
    const group = (n: string) => this.groupArn(n);
    add(KAFKA_ACTIONS.read, access.read, topic);
    add(KAFKA_ACTIONS.write, access.write, topic);
    add(KAFKA_ACTIONS.createTopic, access.create, topic);
    add(KAFKA_ACTIONS.describeTopic, access.describe, topic);
    add(KAFKA_ACTIONS.joinGroup, access.joinGroups, group);
    add(KAFKA_ACTIONS.describeGroup, access.describeGroups, group);
    for (const statement of statements) role.addToPrincipalPolicy(statement);
  }
}
