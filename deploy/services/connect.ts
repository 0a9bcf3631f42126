/**
 * Kafka Connect workers (distributed mode) running the Debezium PostgreSQL source. The worker
 * authenticates to MSK with its task role (aws-msk-iam-auth in the image); the connector's
 * database login reaches the worker as environment from Secrets Manager and is referenced from
 * the connector config as ${env:CDC_DATABASE_PASSWORD} through Kafka's EnvVarConfigProvider, so
 * the password never passes through the Connect REST API.
 */
import { Aws, aws_ecs as ecs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DATABASE_NAME, type Database } from '../database.js';
import type { KafkaCluster } from '../kafka.js';
import type { Network } from '../network.js';
import type { StageSettings } from '../stage.js';
import { KAFKA_NAMES, TOPIC_PREFIX } from '../topics.js';
import type { ServiceCluster } from './cluster.js';
import type { Images } from './images.js';
import { fargateTask } from './task.js';

export const CONNECT_PORT = 8083;

export class ConnectService extends Construct {
  readonly service: ecs.FargateService;
  readonly restUrl: string;

  constructor(
    scope: Construct,
    id: string,
    props: { settings: StageSettings; network: Network; cluster: ServiceCluster; images: Images; database: Database; kafka: KafkaCluster; registryUrl: string },
  ) {
    super(scope, id);
    const { settings, kafka, database } = props;
    const internal = KAFKA_NAMES.connectInternalTopics;
    const { task } = fargateTask(this, 'connect', {
      settings,
      size: settings.connect,
      image: props.images.connect,
      port: CONNECT_PORT,
      environment: {
        // Read by deploy/docker/connect-entrypoint.sh into connect-distributed.properties.
        CONNECT_BOOTSTRAP_SERVERS: kafka.bootstrapBrokers,
        CONNECT_GROUP_ID: KAFKA_NAMES.connectGroup,
        CONNECT_CONFIG_STORAGE_TOPIC: internal.configs,
        CONNECT_OFFSET_STORAGE_TOPIC: internal.offsets,
        CONNECT_STATUS_STORAGE_TOPIC: internal.status,
        CONNECT_SECURITY: 'aws-iam',
        CONNECT_HEAP: `-Xmx${Math.floor(settings.connect.memoryMiB * 0.6)}m`,
        AWS_REGION: Aws.REGION,
        // The connector file's ${env:…} placeholders, resolved in the worker.
        CDC_DATABASE_HOST: database.writerHost,
        CDC_DATABASE_PORT: '5432',
        CDC_DATABASE_NAME: DATABASE_NAME,
        CDC_DATABASE_SSLMODE: 'require',
        CDC_TOPIC_PREFIX: TOPIC_PREFIX,
        CDC_TOPIC_PARTITIONS: String(settings.partitions),
        CDC_TOPIC_REPLICATION_FACTOR: '3',
        APICURIO_REGISTRY_URL: props.registryUrl,
      },
      secrets: {
        CDC_DATABASE_USER: ecs.Secret.fromSecretsManager(database.loginSecrets.cdc, 'username'),
        CDC_DATABASE_PASSWORD: ecs.Secret.fromSecretsManager(database.loginSecrets.cdc, 'password'),
      },
    });

    kafka.grant(task.taskRole, {
      create: [KAFKA_NAMES.changeTopicPattern, KAFKA_NAMES.heartbeatTopic, ...Object.values(internal)],
      write: [KAFKA_NAMES.changeTopicPattern, KAFKA_NAMES.heartbeatTopic, ...Object.values(internal)],
      read: Object.values(internal),
      joinGroups: [KAFKA_NAMES.connectGroup],
      idempotent: true,
    });

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster.cluster,
      taskDefinition: task,
      desiredCount: settings.connect.tasks,
      securityGroups: [props.network.groups.connect],
      vpcSubnets: { subnetGroupName: 'tasks' },
      cloudMapOptions: { name: 'connect' },
      circuitBreaker: { rollback: true },
      // A rebalance is cheap; two generations of workers fighting over tasks is not.
      minHealthyPercent: 0,
      maxHealthyPercent: 100,
    });
    this.restUrl = props.cluster.url('connect', CONNECT_PORT);
  }
}
