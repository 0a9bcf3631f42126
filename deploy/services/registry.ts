/**
 * Apicurio Registry on Fargate with its SQL storage in its own database on the Aurora cluster
 * (schema ids must survive restarts: every message in Kafka names one). Before the registry
 * starts, a short-lived psql container creates or updates the platform's database logins and
 * the registry's database — idempotent, so it simply runs at every registry start.
 */
import { aws_ecs as ecs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { DATABASE_NAME, LOGINS, loginSetupScript, REGISTRY_DATABASE_NAME, type Database, type Login } from '../database.js';
import type { Network } from '../network.js';
import type { StageSettings } from '../stage.js';
import type { ServiceCluster } from './cluster.js';
import type { Images } from './images.js';
import { fargateTask } from './task.js';

export const REGISTRY_PORT = 8080;

export class RegistryService extends Construct {
  readonly service: ecs.FargateService;
  /** Confluent-compatible API, for the services (SCHEMA_REGISTRY_URL). */
  readonly ccompatUrl: string;
  /** Apicurio v2 API, for the Connect converter (APICURIO_REGISTRY_URL). */
  readonly apicurioUrl: string;

  constructor(scope: Construct, id: string, props: { settings: StageSettings; network: Network; cluster: ServiceCluster; images: Images; database: Database }) {
    super(scope, id);
    const { database, settings } = props;
    const { task, container, logGroup } = fargateTask(this, 'registry', {
      settings,
      size: settings.registry,
      image: props.images.registry,
      port: REGISTRY_PORT,
      environment: {
        QUARKUS_HTTP_PORT: String(REGISTRY_PORT),
        APICURIO_STORAGE_KIND: 'sql',
        APICURIO_STORAGE_SQL_KIND: 'postgresql',
        APICURIO_DATASOURCE_URL: `jdbc:postgresql://${database.writerHost}:5432/${REGISTRY_DATABASE_NAME}?sslmode=require`,
        // Same id mode as the local platform: ccompat ids are content ids, as the converter writes (use-id=contentId).
        APICURIO_CCOMPAT_LEGACY_ID_MODE_ENABLED: 'false',
      },
      secrets: {
        APICURIO_DATASOURCE_USERNAME: ecs.Secret.fromSecretsManager(database.loginSecrets.registry, 'username'),
        APICURIO_DATASOURCE_PASSWORD: ecs.Secret.fromSecretsManager(database.loginSecrets.registry, 'password'),
      },
    });

    const loginPasswords = Object.fromEntries(
      (Object.keys(LOGINS) as Login[]).map((login) => [
        `${login.toUpperCase()}_PASSWORD`,
        ecs.Secret.fromSecretsManager(database.loginSecrets[login], 'password'),
      ]),
    );
    const setup = task.addContainer('database-setup', {
      image: props.images.psql,
      essential: false,
      entryPoint: ['sh', '-c'],
      command: [loginSetupScript()],
      environment: { PGHOST: database.writerHost, PGPORT: '5432', PGDATABASE: DATABASE_NAME, PGSSLMODE: 'require' },
      secrets: {
        PGUSER: ecs.Secret.fromSecretsManager(database.adminSecret, 'username'),
        PGPASSWORD: ecs.Secret.fromSecretsManager(database.adminSecret, 'password'),
        ...loginPasswords,
      },
      logging: ecs.LogDrivers.awsLogs({ logGroup, streamPrefix: 'database-setup' }),
    });
    container.addContainerDependencies({ container: setup, condition: ecs.ContainerDependencyCondition.SUCCESS });

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: props.cluster.cluster,
      taskDefinition: task,
      desiredCount: settings.registry.tasks,
      securityGroups: [props.network.groups.registry],
      vpcSubnets: { subnetGroupName: 'tasks' },
      cloudMapOptions: { name: 'registry' },
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
    });
    this.ccompatUrl = props.cluster.url('registry', REGISTRY_PORT, '/apis/ccompat/v7');
    this.apicurioUrl = props.cluster.url('registry', REGISTRY_PORT, '/apis/registry/v2');
  }
}
