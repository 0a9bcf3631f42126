import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { JAVA_HEAP, kafkaBrokers, kafkaScramBrokers, LOCAL_HOST, type LocalConfig } from '../config.js';
import { platformLayout } from '../platform-layout.js';
import { probeKafka } from '../readiness.js';
import type { Part } from '../types.js';
import { javaMarker, jvmArgs, writeLog4j2Config, writeProperties } from './java.js';
import { newClusterId } from './kafka-cluster-id.js';
import { runToCompletion } from './run-once.js';

/** Apache Kafka in KRaft mode, one process that is both broker and controller. */
export function kafkaPart(config: LocalConfig): Part {
  const paths = config.parts.kafka;
  const dataDir = join(paths.dir, 'data');
  const serverProperties = join(paths.dir, 'server.properties');
  const log4j2 = join(paths.dir, 'log4j2.properties');
  const classpath = join(platformLayout(config).kafkaLibs, '*');
  const java = (mainClass: string, args: string[]) => [
    ...jvmArgs(config, 'kafka', JAVA_HEAP.kafka),
    `-Dlog4j2.configurationFile=${log4j2}`,
    '-cp',
    classpath,
    mainClass,
    ...args,
  ];

  return {
    name: 'kafka',
    endpoint: kafkaBrokers(config),
    external: false,
    logFile: paths.logFile,
    pidFile: paths.pidFile,
    commandMarker: javaMarker(config, 'kafka'),
    stopSignal: 'SIGTERM',
    startTimeoutMs: 90_000,
    async prepare() {
      mkdirSync(dataDir, { recursive: true });
      writeLog4j2Config(paths.dir, { 'state.change.logger': 'WARN', 'kafka.request.logger': 'WARN' });
      const controller = `${LOCAL_HOST}:${config.ports.kafkaController}`;
      writeProperties(serverProperties, {
        'process.roles': 'broker,controller',
        'node.id': 1,
        'controller.quorum.bootstrap.servers': controller,
        // PLAINTEXT for the platform's own parts; SASL_PLAINTEXT with SCRAM-SHA-512 so clients can
        // be tested against the authentication production requires (no TLS locally).
        listeners: `PLAINTEXT://${kafkaBrokers(config)},CONTROLLER://${controller},SASL_PLAINTEXT://${kafkaScramBrokers(config)}`,
        'advertised.listeners': `PLAINTEXT://${kafkaBrokers(config)},SASL_PLAINTEXT://${kafkaScramBrokers(config)}`,
        'controller.listener.names': 'CONTROLLER',
        'inter.broker.listener.name': 'PLAINTEXT',
        'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT',
        'sasl.enabled.mechanisms': 'SCRAM-SHA-512',
        'listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config': 'org.apache.kafka.common.security.scram.ScramLoginModule required;',
        'log.dirs': dataDir,
        'num.partitions': 1,
        // single node: every internal topic has one replica
        'offsets.topic.replication.factor': 1,
        'transaction.state.log.replication.factor': 1,
        'transaction.state.log.min.isr': 1,
        'share.coordinator.state.topic.replication.factor': 1,
        'share.coordinator.state.topic.min.isr': 1,
        'group.initial.rebalance.delay.ms': 0,
      });
      if (!existsSync(join(dataDir, 'meta.properties'))) {
        // A fresh cluster id per state dir; --standalone makes this node the only controller voter.
        const clusterId = newClusterId();
        await runToCompletion(
          'kafka storage format',
          config.javaBin,
          java('kafka.tools.StorageTool', ['format', '--standalone', '--cluster-id', clusterId, '--config', serverProperties]),
          paths.logFile,
          paths.dir,
        );
      }
    },
    launchCommand: () => ({ file: config.javaBin, args: java('kafka.Kafka', [serverProperties]), cwd: paths.dir }),
    probe: () => probeKafka(kafkaBrokers(config)),
  };
}
