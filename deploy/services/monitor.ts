/**
 * The monitor: reads the sink group's offsets and the topics' end offsets, the Debezium slot's
 * retained WAL, and the watermark items, and publishes them as the metrics the alarms and the
 * sink's autoscaling use. Its table access is limited to the WATERMARK partition.
 */
import { BOOKKEEPING_PARTITION } from '../../services/model/bookkeeping-keys.js';
import { Aws, aws_ecs as ecs, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DATABASE_NAME, type Database } from '../database.js';
import type { KafkaCluster } from '../kafka.js';
import { metricsNamespace } from '../metrics.js';
import type { Network } from '../network.js';
import type { StageSettings } from '../stage.js';
import type { ProjectionTable } from '../table.js';
import { KAFKA_NAMES } from '../topics.js';
import type { ServiceCluster } from './cluster.js';
import type { Images } from './images.js';
import { databaseSecrets, fargateTask, grantPutMetrics, mskClientEnvironment } from './task.js';

/** The partition key of the sink's watermark items (services/model/bookkeeping-keys.ts). */
export const WATERMARK_PARTITION = BOOKKEEPING_PARTITION.watermark;

export class MonitorService extends Construct {
  readonly service: ecs.FargateService;

  constructor(
    scope: Construct,
    id: string,
    props: { settings: StageSettings; network: Network; cluster: ServiceCluster; images: Images; kafka: KafkaCluster; table: ProjectionTable; database: Database; connectUrl: string },
  ) {
    super(scope, id);
    const { settings, kafka, table, database } = props;
    const { task } = fargateTask(this, 'monitor', {
      settings,
      size: settings.monitor,
      image: props.images.services,
      command: ['serve', 'monitor'],
      environment: {
        ...mskClientEnvironment(kafka, 'bellyfed-monitor'),
        DATABASE_HOST: database.writerHost,
        DATABASE_PORT: '5432',
        DATABASE_NAME,
        DATABASE_SSLMODE: 'require',
        CONNECT_URL: props.connectUrl,
        DYNAMODB_TABLE: table.table.tableName,
        DYNAMODB_REGION: Aws.REGION,
        SINK_GROUP_ID: KAFKA_NAMES.sinkGroup,
        METRICS_NAMESPACE: metricsNamespace(settings.stage),
      },
      secrets: databaseSecrets(database.loginSecrets.monitor),
    });

    kafka.grant(task.taskRole, {
      describe: [KAFKA_NAMES.changeTopicPattern, KAFKA_NAMES.heartbeatTopic, KAFKA_NAMES.deadLetterTopic],
      describeGroups: [KAFKA_NAMES.sinkGroup],
    });
    task.taskRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
        resources: [table.table.tableArn],
        conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [WATERMARK_PARTITION] } },
      }),
    );
    grantPutMetrics(task.taskRole, settings.stage);

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster.cluster,
      taskDefinition: task,
      desiredCount: 1,
      securityGroups: [props.network.groups.monitor],
      vpcSubnets: { subnetGroupName: 'tasks' },
      circuitBreaker: { rollback: true },
      minHealthyPercent: 0,
    });
  }
}
