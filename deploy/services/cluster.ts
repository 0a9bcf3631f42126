/** The ECS cluster, and the private DNS names (Cloud Map) tasks find the registry and Connect by. */
import { aws_ec2 as ec2, aws_ecs as ecs, aws_servicediscovery as sd } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import type { StageSettings } from '../stage.js';

export class ServiceCluster extends Construct {
  readonly cluster: ecs.Cluster;
  readonly namespace: string;

  constructor(scope: Construct, id: string, props: { settings: StageSettings; vpc: ec2.IVpc }) {
    super(scope, id);
    this.namespace = `bellyfed-${props.settings.stage}.internal`;
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc,
      containerInsightsV2: ecs.ContainerInsights.ENABLED,
      defaultCloudMapNamespace: { name: this.namespace, type: sd.NamespaceType.DNS_PRIVATE, useForServiceConnect: false },
    });
  }

  /** http://<name>.<namespace>:<port> */
  url(name: string, port: number, path = ''): string {
    return `http://${name}.${this.namespace}:${port}${path}`;
  }
}
