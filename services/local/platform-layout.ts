import { join } from 'node:path';

import type { LocalConfig } from './config.js';

/** Where platform/pom.xml puts each fetched part inside the platform dir (must match the pom). */
export interface PlatformLayout {
  /** Broker and Connect worker classpath. */
  readonly kafkaLibs: string;
  /** Connect plugin.path: one folder per plugin below it. */
  readonly connectPlugins: string;
  readonly registryRunnerJar: string;
  /** A file per part whose presence means "fetched": mvn runs when any is missing. */
  readonly witnesses: readonly string[];
}

export function platformLayout(config: LocalConfig): PlatformLayout {
  const { platformDir, versions: v } = config;
  const kafkaLibs = join(platformDir, `kafka-${v.kafka}`, 'libs');
  const connectPlugins = join(platformDir, 'connect-plugins');
  const registryDir = join(platformDir, `apicurio-registry-${v.apicurio}`);
  const registryRunnerJar = join(registryDir, `apicurio-registry-app-${v.apicurio}-runner.jar`);
  return Object.freeze({
    kafkaLibs,
    connectPlugins,
    registryRunnerJar,
    witnesses: Object.freeze([
      join(kafkaLibs, `kafka_2.13-${v.kafka}.jar`),
      join(kafkaLibs, `connect-runtime-${v.kafka}.jar`),
      join(kafkaLibs, `log4j-slf4j-impl-${v.log4j}.jar`),
      join(connectPlugins, `debezium-${v.debezium}`, 'debezium-connector-postgres', `debezium-connector-postgres-${v.debezium}.jar`),
      join(connectPlugins, `apicurio-converter-${v.apicurioConverter}`, `apicurio-registry-utils-converter-${v.apicurioConverter}.jar`),
      registryRunnerJar,
      join(registryDir, 'lib'),
    ]),
  });
}
