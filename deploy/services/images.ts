/**
 * Container images. The services image and the Connect image are built from Dockerfiles in
 * deploy/docker with the repository as context (only the files they need are sent); the Connect
 * image takes Kafka, Debezium and the Apicurio converter from platform/pom.xml, so production
 * runs the very versions the local platform and the integration tests run. The registry runs
 * Apicurio's published image at the version pinned in that same POM.
 */
import { join } from 'node:path';
import { aws_ecr_assets as assets, aws_ecs as ecs, IgnoreMode } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { readPlatformVersions } from '../../services/local/platform-versions.js';
import { PROJECT_ROOT } from '../../services/shared/paths.js';

/** Docker-ignore patterns: everything but what the two builds read. */
const BUILD_CONTEXT_EXCLUDE = [
  '*',
  '!package.json',
  '!package-lock.json',
  '!tsconfig.json',
  '!tsconfig.build.json',
  '!bin',
  '!services',
  '!schemas',
  '!connectors',
  '!platform',
  '!deploy',
  'deploy/cdk.out',
  '**/node_modules',
  '**/*.log',
];

/** Postgres client image for the database-setup container (pinned; public ECR avoids Docker Hub limits). */
export const PSQL_IMAGE = 'public.ecr.aws/docker/library/postgres:16.8-alpine';

export class Images extends Construct {
  readonly services: ecs.ContainerImage;
  readonly connect: ecs.ContainerImage;
  readonly registry: ecs.ContainerImage;
  readonly psql: ecs.ContainerImage;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const build = (name: string, file: string) =>
      ecs.ContainerImage.fromDockerImageAsset(
        new assets.DockerImageAsset(this, name, {
          directory: PROJECT_ROOT,
          file: join('deploy', 'docker', file),
          exclude: BUILD_CONTEXT_EXCLUDE,
          ignoreMode: IgnoreMode.DOCKER,
          platform: assets.Platform.LINUX_AMD64,
        }),
      );
    this.services = build('Services', 'services.Dockerfile');
    this.connect = build('Connect', 'connect.Dockerfile');
    const versions = readPlatformVersions(PROJECT_ROOT);
    this.registry = ecs.ContainerImage.fromRegistry(`quay.io/apicurio/apicurio-registry:${versions.apicurio}`);
    this.psql = ecs.ContainerImage.fromRegistry(PSQL_IMAGE);
  }
}
