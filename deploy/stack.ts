/**
 * One stack per stage: the constructs of each concern, and the network paths between them —
 * every ingress rule of the platform is in allowTraffic() below, named by who needs it.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { TableDefinition } from '../services/model/table-definition.js';
import { Database } from './database.js';
import { KafkaCluster, MSK_IAM_PORT } from './kafka.js';
import { Network } from './network.js';
import { Observability } from './observability.js';
import { ServiceCluster } from './services/cluster.js';
import { CONNECT_PORT, ConnectService } from './services/connect.js';
import { Images } from './services/images.js';
import { MonitorService } from './services/monitor.js';
import { QueryService } from './services/query.js';
import { REGISTRY_PORT, RegistryService } from './services/registry.js';
import { SinkService } from './services/sink.js';
import type { StageSettings } from './stage.js';
import { ProjectionTable } from './table.js';

export interface BellyfedStackProps extends StackProps {
  settings: StageSettings;
  tableDefinition: TableDefinition;
}

export class BellyfedStack extends Stack {
  constructor(scope: Construct, id: string, props: BellyfedStackProps) {
    super(scope, id, props);
    const { settings } = props;

    const network = new Network(this, 'Network', settings);
    allowTraffic(network);
    const database = new Database(this, 'Database', { settings, vpc: network.vpc, securityGroup: network.groups.database });
    const kafka = new KafkaCluster(this, 'Kafka', { settings, vpc: network.vpc, securityGroup: network.groups.kafka });
    const table = new ProjectionTable(this, 'Table', { settings, definition: props.tableDefinition });

    const cluster = new ServiceCluster(this, 'Services', { settings, vpc: network.vpc });
    const images = new Images(this, 'Images');
    const common = { settings, network, cluster, images };
    const registry = new RegistryService(this, 'Registry', { ...common, database });
    const connect = new ConnectService(this, 'Connect', { ...common, database, kafka, registryUrl: registry.apicurioUrl });
    const sink = new SinkService(this, 'Sink', { ...common, kafka, table, registryUrl: registry.ccompatUrl });
    const query = new QueryService(this, 'Query', { ...common, kafka, table, database, registryUrl: registry.ccompatUrl });
    new MonitorService(this, 'Monitor', { ...common, kafka, table, database, connectUrl: connect.restUrl });
    // Connect registers its schemas on first start; the sink decodes nothing before.
    connect.service.node.addDependency(registry.service);
    sink.service.node.addDependency(registry.service);

    const observability = new Observability(this, 'Observability', { settings, loadBalancer: query.loadBalancer });

    new CfnOutput(this, 'ApiUrl', { value: `${settings.certificateArn ? 'https' : 'http'}://${query.loadBalancer.loadBalancerDnsName}` });
    new CfnOutput(this, 'ConnectUrl', { value: connect.restUrl, description: 'from a task or host in the operator security group' });
    new CfnOutput(this, 'RegistryUrl', { value: registry.ccompatUrl });
    new CfnOutput(this, 'KafkaBootstrapBrokers', { value: kafka.bootstrapBrokers });
    new CfnOutput(this, 'TableName', { value: table.table.tableName });
    new CfnOutput(this, 'AlarmTopicArn', { value: observability.alarmTopic.topicArn });
    new CfnOutput(this, 'OperatorSecurityGroupId', { value: network.groups.operator.securityGroupId });
  }
}

function allowTraffic(network: Network): void {
  const PG = 5432;
  network.allow('query', 'database', PG, 'reads (reader endpoint)');
  network.allow('monitor', 'database', PG, 'replication slot lag');
  network.allow('connect', 'database', PG, 'Debezium logical replication');
  network.allow('registry', 'database', PG, 'registry storage and login setup');
  network.allow('operator', 'database', PG, 'migrations, CDC setup');
  for (const client of ['query', 'sink', 'monitor', 'connect'] as const) network.allow(client, 'kafka', MSK_IAM_PORT, 'SASL/IAM');
  for (const client of ['query', 'sink', 'connect', 'operator'] as const) network.allow(client, 'registry', REGISTRY_PORT, 'schemas');
  network.allow('connect', 'connect', CONNECT_PORT, 'REST forwarding between workers');
  network.allow('monitor', 'connect', CONNECT_PORT, 'connector and task state');
  network.allow('operator', 'connect', CONNECT_PORT, 'connectors CLI');
  // The load balancer → query rule is added by the listener (it knows the target port).
}
