/**
 * The pieces every Fargate task here shares: a log group with the stage's retention, the
 * environment of an MSK IAM client, and database credentials as ECS secrets (resolved by the
 * agent from Secrets Manager at start, never written into the task definition).
 */
import { Aws, RemovalPolicy, aws_ecs as ecs, aws_iam as iam, aws_logs as logs, aws_secretsmanager as secretsmanager } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { KafkaCluster } from '../kafka.js';
import { metricsNamespace } from '../metrics.js';
import type { StageSettings, TaskSize } from '../stage.js';

export interface TaskProps {
  settings: StageSettings;
  size: TaskSize;
  image: ecs.ContainerImage;
  command?: string[];
  environment?: Record<string, string>;
  secrets?: Record<string, ecs.Secret>;
  port?: number;
}

export interface FargateTask {
  task: ecs.FargateTaskDefinition;
  container: ecs.ContainerDefinition;
  logGroup: logs.ILogGroup;
}

export function fargateTask(scope: Construct, name: string, props: TaskProps): FargateTask {
  const task = new ecs.FargateTaskDefinition(scope, 'Task', {
    cpu: props.size.cpu,
    memoryLimitMiB: props.size.memoryMiB,
    runtimePlatform: { cpuArchitecture: ecs.CpuArchitecture.X86_64, operatingSystemFamily: ecs.OperatingSystemFamily.LINUX },
  });
  const logGroup = new logs.LogGroup(scope, 'Logs', {
    logGroupName: `/bellyfed/${props.settings.stage}/${name}`,
    retention: props.settings.logRetentionDays as logs.RetentionDays,
    removalPolicy: props.settings.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  const container = task.addContainer(name, {
    image: props.image,
    command: props.command,
    environment: { BELLYFED_STAGE: props.settings.stage, LOG_LEVEL: 'info', ...props.environment },
    secrets: props.secrets,
    logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: name }),
    portMappings: props.port === undefined ? [] : [{ containerPort: props.port }],
  });
  return { task, container, logGroup };
}

/** KAFKA_* for a services container talking to MSK Serverless with its task role. */
export function mskClientEnvironment(kafka: KafkaCluster, clientId: string): Record<string, string> {
  return { KAFKA_BROKERS: kafka.bootstrapBrokers, KAFKA_CLIENT_ID: clientId, KAFKA_SECURITY: 'aws-iam', AWS_REGION: Aws.REGION };
}

/** DATABASE_USERNAME/DATABASE_PASSWORD from a login secret; the configuration loader builds the URLs. */
export function databaseSecrets(secret: secretsmanager.ISecret): Record<string, ecs.Secret> {
  return {
    DATABASE_USERNAME: ecs.Secret.fromSecretsManager(secret, 'username'),
    DATABASE_PASSWORD: ecs.Secret.fromSecretsManager(secret, 'password'),
  };
}

/** PutMetricData has no resource-level permissions; the namespace condition is the scope. */
export function grantPutMetrics(role: iam.IRole, stage: string): void {
  role.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': metricsNamespace(stage) } },
    }),
  );
}
