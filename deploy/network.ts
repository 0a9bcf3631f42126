/**
 * The VPC and one security group per component. Data stores (Aurora, MSK) live in isolated
 * subnets with no route to the internet; tasks run in private subnets with NAT egress (ECR
 * pulls, AWS APIs); only the load balancer is public. Ingress rules are added by the
 * constructs that own each port, naming the exact peer group — nothing opens to a CIDR
 * except the load balancer's listener.
 */
import { aws_ec2 as ec2 } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { StageSettings } from './stage.js';

export const SUBNETS = {
  public: { subnetType: ec2.SubnetType.PUBLIC },
  tasks: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
  data: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
} as const;

export type Component = 'loadBalancer' | 'query' | 'sink' | 'monitor' | 'connect' | 'registry' | 'database' | 'kafka' | 'operator';

export class Network extends Construct {
  readonly vpc: ec2.Vpc;
  readonly groups: Record<Component, ec2.SecurityGroup>;

  constructor(scope: Construct, id: string, settings: StageSettings) {
    super(scope, id);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: settings.maxAzs,
      natGateways: settings.natGateways,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'tasks', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    // DynamoDB traffic stays on the AWS network and off the NAT bill.
    this.vpc.addGatewayEndpoint('DynamoDb', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB, subnets: [SUBNETS.tasks] });

    const group = (name: Component, description: string, allowAllOutbound = true) =>
      new ec2.SecurityGroup(this, `${name[0]!.toUpperCase()}${name.slice(1)}Sg`, { vpc: this.vpc, description, allowAllOutbound });
    this.groups = {
      loadBalancer: group('loadBalancer', 'query service load balancer'),
      query: group('query', 'query service tasks'),
      sink: group('sink', 'sink worker tasks'),
      monitor: group('monitor', 'monitor task'),
      connect: group('connect', 'Kafka Connect workers'),
      registry: group('registry', 'schema registry tasks'),
      // Data stores answer; they never start connections.
      database: group('database', 'Aurora PostgreSQL', false),
      kafka: group('kafka', 'MSK Serverless', false),
      // Attach to a bastion, CloudShell VPC environment or one-off task to reach Connect, the registry and the database.
      operator: group('operator', 'operators: connectors CLI, migrations'),
    };
  }

  /** Lets `from` reach `to` on one TCP port; the rule lands on `to`'s group. */
  allow(from: Component, to: Component, port: number, why: string): void {
    this.groups[to].addIngressRule(this.groups[from], ec2.Port.tcp(port), `${from}: ${why}`);
  }
}
