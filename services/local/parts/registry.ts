import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { JAVA_HEAP, LOCAL_HOST, registryUrl, schemaRegistryUrl, type LocalConfig } from '../config.js';
import { platformLayout } from '../platform-layout.js';
import { probeRegistry } from '../readiness.js';
import type { Part } from '../types.js';
import { javaMarker, jvmArgs } from './java.js';

/**
 * Apicurio Registry with its SQL storage on an H2 file in the state dir: schema ids survive a
 * restart (an in-memory registry would make every message already in Kafka undecodable), and the
 * registry needs no database of the user's (DATABASE_URL may point at a server we must not touch).
 */
export function registryPart(config: LocalConfig): Part {
  const paths = config.parts.registry;
  const h2File = join(paths.dir, 'data', 'registry');

  return {
    name: 'registry',
    endpoint: registryUrl(config),
    external: false,
    logFile: paths.logFile,
    pidFile: paths.pidFile,
    commandMarker: javaMarker(config, 'registry'),
    stopSignal: 'SIGTERM',
    startTimeoutMs: 90_000,
    async prepare() {
      mkdirSync(join(paths.dir, 'data'), { recursive: true });
    },
    launchCommand: () => ({
      file: config.javaBin,
      args: [...jvmArgs(config, 'registry', JAVA_HEAP.registry), '-jar', platformLayout(config).registryRunnerJar],
      env: {
        QUARKUS_HTTP_HOST: LOCAL_HOST,
        QUARKUS_HTTP_PORT: String(config.ports.registry),
        APICURIO_STORAGE_KIND: 'sql',
        APICURIO_STORAGE_SQL_KIND: 'h2',
        APICURIO_DATASOURCE_URL: `jdbc:h2:file:${h2File}`,
        // H2's embedded default account; the file is only reachable by this process
        APICURIO_DATASOURCE_USERNAME: 'sa',
        APICURIO_DATASOURCE_PASSWORD: '',
        // ccompat ids are content ids, the same ids the Connect converter writes (use-id=contentId)
        APICURIO_CCOMPAT_LEGACY_ID_MODE_ENABLED: 'false',
        // local development and tests clean up after themselves
        APICURIO_REST_DELETION_ARTIFACT_ENABLED: 'true',
        APICURIO_REST_DELETION_ARTIFACT_VERSION_ENABLED: 'true',
        APICURIO_REST_DELETION_GROUP_ENABLED: 'true',
      },
      cwd: paths.dir,
    }),
    probe: () => probeRegistry(schemaRegistryUrl(config)),
  };
}
