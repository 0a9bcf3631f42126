/**
 * Aurora PostgreSQL, the system of record and the CDC source: logical replication on (the
 * cluster parameter group), Performance Insights on, encrypted, in the isolated subnets.
 * Each component logs in as its own role with its own generated secret (the admin secret is
 * only for migrations and the login setup), and passwords avoid URL punctuation so they fit a
 * postgres:// URL as they are.
 */
import { Duration, RemovalPolicy, aws_ec2 as ec2, aws_rds as rds, aws_secretsmanager as secretsmanager } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SUBNETS } from './network.js';
import type { StageSettings } from './stage.js';

export const DATABASE_NAME = 'bellyfed';
export const REGISTRY_DATABASE_NAME = 'apicurio';
const URL_UNSAFE = ' !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** The roles the platform logs in as; their privileges are granted by the setup script below. */
export const LOGINS = {
  /** Query service: reads the app tables. */
  api: 'bellyfed_api',
  /** Monitor: replication slots and statistics (pg_monitor). */
  monitor: 'bellyfed_monitor',
  /** Debezium: the role connectors/sql/003_cdc_role.sql grants replication to. */
  cdc: 'bellyfed_cdc',
  /** Schema registry: owns its own database, nothing in the app's. */
  registry: 'apicurio',
} as const;
export type Login = keyof typeof LOGINS;

export class Database extends Construct {
  readonly cluster: rds.DatabaseCluster;
  readonly parameterGroup: rds.ParameterGroup;
  readonly adminSecret: secretsmanager.ISecret;
  readonly loginSecrets: Record<Login, secretsmanager.Secret>;

  constructor(scope: Construct, id: string, props: { settings: StageSettings; vpc: ec2.IVpc; securityGroup: ec2.ISecurityGroup }) {
    super(scope, id);
    const { settings } = props;
    const engine = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_8 });

    this.parameterGroup = new rds.ParameterGroup(this, 'ClusterParameters', {
      engine,
      description: 'Bellyfed: logical replication for Debezium (pgoutput)',
      parameters: {
        'rds.logical_replication': '1',
        // Debezium's slot plus headroom for a second connector during a migration.
        max_replication_slots: '10',
        max_wal_senders: '10',
        // A stuck or dropped connector must not fill the volume: the slot is invalidated instead (alarmed before).
        max_slot_wal_keep_size: String(Math.floor((settings.alarms.walRetainedBytes * 2) / 1024 ** 2)),
      },
    });

    const db = settings.database;
    const instance = (name: string) =>
      db.mode === 'serverless'
        ? rds.ClusterInstance.serverlessV2(name, { scaleWithWriter: true, enablePerformanceInsights: true })
        : rds.ClusterInstance.provisioned(name, { instanceType: new ec2.InstanceType(db.instanceClass), enablePerformanceInsights: true });
    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine,
      parameterGroup: this.parameterGroup,
      defaultDatabaseName: DATABASE_NAME,
      credentials: rds.Credentials.fromGeneratedSecret('bellyfed_admin', {
        secretName: `bellyfed/${settings.stage}/database/admin`,
        excludeCharacters: URL_UNSAFE,
      }),
      writer: instance('writer'),
      readers: Array.from({ length: db.readers }, (_, i) => instance(`reader${i + 1}`)),
      ...(db.mode === 'serverless' ? { serverlessV2MinCapacity: db.minAcu, serverlessV2MaxCapacity: db.maxAcu } : {}),
      vpc: props.vpc,
      vpcSubnets: SUBNETS.data,
      securityGroups: [props.securityGroup],
      storageEncrypted: true,
      enablePerformanceInsights: true,
      performanceInsightRetention: rds.PerformanceInsightRetention.DEFAULT,
      cloudwatchLogsExports: ['postgresql'],
      backup: { retention: Duration.days(db.backupRetentionDays) },
      deletionProtection: settings.protectData,
      removalPolicy: settings.protectData ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY,
    });
    this.adminSecret = this.cluster.secret!;

    const loginSecret = (login: Login) =>
      new secretsmanager.Secret(this, `${login[0]!.toUpperCase()}${login.slice(1)}Login`, {
        secretName: `bellyfed/${settings.stage}/database/${login}`,
        description: `PostgreSQL login ${LOGINS[login]} (set by the registry task's database-setup container)`,
        generateSecretString: {
          secretStringTemplate: JSON.stringify({ username: LOGINS[login] }),
          generateStringKey: 'password',
          excludeCharacters: URL_UNSAFE,
          passwordLength: 40,
        },
        removalPolicy: settings.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
    this.loginSecrets = { api: loginSecret('api'), monitor: loginSecret('monitor'), cdc: loginSecret('cdc'), registry: loginSecret('registry') };
  }

  get writerHost(): string {
    return this.cluster.clusterEndpoint.hostname;
  }

  /** The cluster's reader endpoint (the writer when there are no readers). */
  get readerHost(): string {
    return this.cluster.clusterReadEndpoint.hostname;
  }
}

/**
 * Idempotent psql script creating the logins with the passwords of their secrets (passed as
 * psql variables from the environment, so they never appear in the task definition) and the
 * registry's own database. App-table privileges of bellyfed_api follow future migrations
 * through pg_read_all_data; bellyfed_cdc's replication grant stays in connectors/sql.
 */
export function loginSetupScript(): string {
  const roleSql = (login: Login) => {
    const role = LOGINS[login];
    return [
      `SELECT format('CREATE ROLE ${role} LOGIN') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') \\gexec`,
      `SELECT format('ALTER ROLE ${role} WITH LOGIN PASSWORD %L', :'${login}_password') \\gexec`,
    ];
  };
  const sql = [
    ...roleSql('api'),
    `GRANT pg_read_all_data TO ${LOGINS.api};`,
    ...roleSql('monitor'),
    `GRANT pg_monitor TO ${LOGINS.monitor};`,
    ...roleSql('cdc'),
    ...roleSql('registry'),
    `SELECT 'CREATE DATABASE ${REGISTRY_DATABASE_NAME} OWNER ${LOGINS.registry}' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${REGISTRY_DATABASE_NAME}') \\gexec`,
  ].join('\n');
  const vars = (Object.keys(LOGINS) as Login[]).map((l) => `-v ${l}_password="$${l.toUpperCase()}_PASSWORD"`).join(' ');
  return `set -eu\npsql -v ON_ERROR_STOP=1 ${vars} <<'SQL'\n${sql}\nSQL\n`;
}
