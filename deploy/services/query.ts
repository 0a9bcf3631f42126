/**
 * The query service behind a public Application Load Balancer, reading PostgreSQL through the
 * Aurora reader endpoint and DynamoDB through the read-router, and producing analytics events.
 * Scales on CPU and on requests per task.
 */
import { Aws, Duration, aws_certificatemanager as acm, aws_ecs as ecs, aws_elasticloadbalancingv2 as elbv2, aws_iam as iam } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DATABASE_NAME, type Database } from '../database.js';
import type { KafkaCluster } from '../kafka.js';
import type { Network } from '../network.js';
import type { StageSettings } from '../stage.js';
import type { ProjectionTable } from '../table.js';
import { KAFKA_NAMES } from '../topics.js';
import { sinkHeapFlags } from '../../services/shared/node-heap.js';
import type { ServiceCluster } from './cluster.js';
import type { Images } from './images.js';
import { TABLE_READ_ACTIONS } from './sink.js';
import { databaseSecrets, fargateTask, mskClientEnvironment } from './task.js';

export const QUERY_PORT = 8080;

export class QueryService extends Construct {
  readonly service: ecs.FargateService;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;

  constructor(
    scope: Construct,
    id: string,
    props: { settings: StageSettings; network: Network; cluster: ServiceCluster; images: Images; kafka: KafkaCluster; table: ProjectionTable; database: Database; registryUrl: string },
  ) {
    super(scope, id);
    const { settings, kafka, table, database, network } = props;
    const { task } = fargateTask(this, 'query', {
      settings,
      size: settings.query,
      image: props.images.services,
      command: ['serve', 'query'],
      port: QUERY_PORT,
      environment: {
        HOST: '0.0.0.0',
        PORT: String(QUERY_PORT),
        // The entrypoint turns these and the secret's username/password into DATABASE_URL and DATABASE_READ_URL.
        DATABASE_HOST: database.writerHost,
        DATABASE_READ_HOST: database.readerHost,
        DATABASE_PORT: '5432',
        DATABASE_NAME,
        DATABASE_SSLMODE: 'require',
        ...mskClientEnvironment(kafka, 'bellyfed-query'),
        SCHEMA_REGISTRY_URL: props.registryUrl,
        ANALYTICS_TOPIC: KAFKA_NAMES.analyticsTopic,
        DYNAMODB_TABLE: table.table.tableName,
        DYNAMODB_REGION: Aws.REGION,
        // V8 would size its heap from the host, not the task (services/shared/node-heap.ts).
        NODE_OPTIONS: sinkHeapFlags(Math.floor(settings.query.memoryMiB * 0.6)),
      },
      secrets: databaseSecrets(database.loginSecrets.api),
    });

    task.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: TABLE_READ_ACTIONS, resources: table.tableAndIndexArns }));
    kafka.grant(task.taskRole, { write: [KAFKA_NAMES.analyticsTopic] });

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster.cluster,
      taskDefinition: task,
      desiredCount: settings.query.minTasks,
      securityGroups: [network.groups.query],
      vpcSubnets: { subnetGroupName: 'tasks' },
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
      healthCheckGracePeriod: Duration.seconds(30),
    });

    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: network.vpc,
      internetFacing: true,
      securityGroup: network.groups.loadBalancer,
      vpcSubnets: { subnetGroupName: 'public' },
      dropInvalidHeaderFields: true,
    });
    const listener = settings.certificateArn
      ? this.loadBalancer.addListener('Https', {
          port: 443,
          certificates: [acm.Certificate.fromCertificateArn(this, 'Certificate', settings.certificateArn)],
          sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
        })
      : this.loadBalancer.addListener('Http', { port: 80 });
    this.targetGroup = listener.addTargets('Query', {
      port: QUERY_PORT,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.service],
      healthCheck: { path: '/readyz', interval: Duration.seconds(15), healthyThresholdCount: 2 },
      deregistrationDelay: Duration.seconds(settings.stage === 'prod' ? 30 : 5),
    });

    const scaling = this.service.autoScaleTaskCount({ minCapacity: settings.query.minTasks, maxCapacity: settings.query.maxTasks });
    scaling.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60 });
    scaling.scaleOnRequestCount('Requests', { requestsPerTarget: 1000, targetGroup: this.targetGroup });
  }
}
