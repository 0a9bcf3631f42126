/**
 * The sink worker: one consumer group over the change topics, writing the projection table.
 * It scales on the consumer lag the monitor publishes, never beyond the partition count (a
 * task more than there are partitions would sit idle in the group).
 */
import { Aws, Duration, aws_applicationautoscaling as appscaling, aws_cloudwatch as cloudwatch, aws_ecs as ecs, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { KafkaCluster } from '../kafka.js';
import { METRICS, metricsNamespace } from '../metrics.js';
import type { Network } from '../network.js';
import type { StageSettings } from '../stage.js';
import type { ProjectionTable } from '../table.js';
import { KAFKA_NAMES, TOPIC_PREFIX } from '../topics.js';
import type { ServiceCluster } from './cluster.js';
import type { Images } from './images.js';
import { fargateTask, mskClientEnvironment } from './task.js';
import { sinkHeapFlags } from '../../services/shared/node-heap.js';

/** The sink's DynamoDB actions: writes on the table, reads on the table and its indexes. */
export const SINK_TABLE_WRITE_ACTIONS = ['dynamodb:BatchWriteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];
export const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];

export class SinkService extends Construct {
  readonly service: ecs.FargateService;
  readonly scaling: ecs.ScalableTaskCount;

  constructor(
    scope: Construct,
    id: string,
    props: { settings: StageSettings; network: Network; cluster: ServiceCluster; images: Images; kafka: KafkaCluster; table: ProjectionTable; registryUrl: string },
  ) {
    super(scope, id);
    const { settings, kafka, table } = props;
    const { task } = fargateTask(this, 'sink', {
      settings,
      size: settings.sink,
      image: props.images.services,
      command: ['serve', 'sink'],
      environment: {
        ...mskClientEnvironment(kafka, 'bellyfed-sink'),
        SCHEMA_REGISTRY_URL: props.registryUrl,
        DYNAMODB_TABLE: table.table.tableName,
        DYNAMODB_REGION: Aws.REGION,
        SINK_GROUP_ID: KAFKA_NAMES.sinkGroup,
        SINK_DLQ_TOPIC: KAFKA_NAMES.deadLetterTopic,
        CDC_TOPIC_PREFIX: TOPIC_PREFIX,
        // V8 would size its heap from the host, not the task (services/shared/node-heap.ts).
        NODE_OPTIONS: sinkHeapFlags(Math.floor(settings.sink.memoryMiB * 0.6)),
      },
    });

    task.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: SINK_TABLE_WRITE_ACTIONS, resources: [table.table.tableArn] }));
    task.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: TABLE_READ_ACTIONS, resources: table.tableAndIndexArns }));
    // A truncated PostgreSQL table is swept from DynamoDB with a paged Scan of the base table
    // (services/sink/writer/truncate.ts): the only Scan in the platform, never on a read path.
    task.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:Scan'], resources: [table.table.tableArn] }));
    kafka.grant(task.taskRole, {
      read: [KAFKA_NAMES.changeTopicPattern, KAFKA_NAMES.heartbeatTopic],
      write: [KAFKA_NAMES.deadLetterTopic],
      joinGroups: [KAFKA_NAMES.sinkGroup],
    });

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster.cluster,
      taskDefinition: task,
      desiredCount: settings.sink.minTasks,
      securityGroups: [props.network.groups.sink],
      vpcSubnets: { subnetGroupName: 'tasks' },
      circuitBreaker: { rollback: true },
      minHealthyPercent: 50,
    });

    this.scaling = this.service.autoScaleTaskCount({ minCapacity: settings.sink.minTasks, maxCapacity: settings.partitions });
    const lag = new cloudwatch.Metric({
      namespace: metricsNamespace(settings.stage),
      metricName: METRICS.consumerLag,
      statistic: 'Maximum',
      period: Duration.minutes(1),
    });
    const threshold = settings.alarms.consumerLagMessages;
    this.scaling.scaleOnMetric('ScaleOnConsumerLag', {
      metric: lag,
      // Steps relative to the lag alarm: scale out well before it fires, in once the backlog is gone.
      scalingSteps: [
        { upper: threshold / 100, change: -1 },
        { lower: threshold / 10, change: +1 },
        { lower: threshold / 2, change: +3 },
      ],
      adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
      cooldown: Duration.minutes(3),
      evaluationPeriods: 3,
    });
  }
}
