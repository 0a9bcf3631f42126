import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { connectUrl, JAVA_HEAP, kafkaBrokers, LOCAL_HOST, registryUrl, type LocalConfig } from '../config.js';
import { platformLayout } from '../platform-layout.js';
import { APICURIO_AVRO_CONVERTER, probeConnect } from '../readiness.js';
import type { Part } from '../types.js';
import { javaMarker, jvmArgs, writeLog4j2Config, writeProperties } from './java.js';

/**
 * Converter settings that make records Avro in the Confluent wire format: magic byte 0, then the
 * 4-byte id that the registry's /apis/ccompat/v7/schemas/ids/{id} resolves (Apicurio content id).
 * The Apicurio 2.6 converter speaks the registry's v2 API, which Apicurio 3 still serves.
 */
export function avroConverterSettings(config: LocalConfig): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const side of ['key', 'value']) {
    settings[`${side}.converter`] = APICURIO_AVRO_CONVERTER;
    settings[`${side}.converter.apicurio.registry.url`] = `${registryUrl(config)}/apis/registry/v2`;
    settings[`${side}.converter.apicurio.registry.auto-register`] = 'true';
    settings[`${side}.converter.apicurio.registry.find-latest`] = 'true';
    settings[`${side}.converter.apicurio.registry.as-confluent`] = 'true';
    settings[`${side}.converter.apicurio.registry.use-id`] = 'contentId';
    settings[`${side}.converter.apicurio.registry.headers.enabled`] = 'false';
  }
  return settings;
}

/** A Kafka Connect worker in distributed mode (REST API for the connectors CLI), one member. */
export function connectPart(config: LocalConfig): Part {
  const paths = config.parts.connect;
  const workerProperties = join(paths.dir, 'connect-distributed.properties');
  const log4j2 = join(paths.dir, 'log4j2.properties');
  const layout = platformLayout(config);

  return {
    name: 'connect',
    endpoint: connectUrl(config),
    external: false,
    logFile: paths.logFile,
    pidFile: paths.pidFile,
    commandMarker: javaMarker(config, 'connect'),
    stopSignal: 'SIGTERM',
    startTimeoutMs: 120_000,
    async prepare() {
      mkdirSync(paths.dir, { recursive: true });
      writeLog4j2Config(paths.dir, { 'org.reflections': 'ERROR', 'org.apache.kafka.clients': 'WARN' });
      writeProperties(workerProperties, {
        'bootstrap.servers': kafkaBrokers(config),
        'group.id': 'bellyfed-connect',
        listeners: connectUrl(config),
        'rest.advertised.host.name': LOCAL_HOST,
        'rest.advertised.port': config.ports.connect,
        'config.storage.topic': '_bellyfed-connect-configs',
        'offset.storage.topic': '_bellyfed-connect-offsets',
        'status.storage.topic': '_bellyfed-connect-status',
        'config.storage.replication.factor': 1,
        'offset.storage.replication.factor': 1,
        'status.storage.replication.factor': 1,
        // short flush: a restarted worker replays little, and tests see committed offsets soon
        'offset.flush.interval.ms': 1000,
        'plugin.path': layout.connectPlugins,
        // `${env:NAME}` placeholders in connector configs (connectors/*.json) resolve from the worker's environment
        'config.providers': 'env',
        'config.providers.env.class': 'org.apache.kafka.common.config.provider.EnvVarConfigProvider',
        ...avroConverterSettings(config),
      });
    },
    launchCommand: () => ({
      file: config.javaBin,
      args: [
        ...jvmArgs(config, 'connect', JAVA_HEAP.connect),
        `-Dlog4j2.configurationFile=${log4j2}`,
        '-cp',
        join(layout.kafkaLibs, '*'),
        'org.apache.kafka.connect.cli.ConnectDistributed',
        workerProperties,
      ],
      cwd: paths.dir,
    }),
    probe: () => probeConnect(connectUrl(config)),
  };
}
