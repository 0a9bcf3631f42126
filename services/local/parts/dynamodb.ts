import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { dynamodbEndpoint, LOCAL_HOST, type LocalConfig } from '../config.js';
import { probeDynamodb } from '../readiness.js';
import type { Part } from '../types.js';

/** Where dynalite keeps its LevelDB files. */
export function dynaliteDataDir(config: LocalConfig): string {
  return join(config.parts.dynamodb.dir, 'data');
}

/** dynalite (DynamoDB's API on LevelDB) as its own process, persisting to the state dir. */
export function dynamodbPart(config: LocalConfig): Part {
  const paths = config.parts.dynamodb;
  const dataDir = dynaliteDataDir(config);
  const cli = createRequire(join(config.repoRoot, 'package.json')).resolve('dynalite/cli.js');

  return {
    name: 'dynamodb',
    endpoint: dynamodbEndpoint(config),
    external: false,
    logFile: paths.logFile,
    pidFile: paths.pidFile,
    commandMarker: dataDir,
    stopSignal: 'SIGTERM',
    startTimeoutMs: 30_000,
    async prepare() {
      mkdirSync(dataDir, { recursive: true });
    },
    launchCommand: () => ({
      file: process.execPath,
      // table state changes (CREATING -> ACTIVE) quickly, so tests need not wait half a second each time
      args: [cli, '--host', LOCAL_HOST, '--port', String(config.ports.dynamodb), '--path', dataDir, '--createTableMs', '50', '--deleteTableMs', '50', '--updateTableMs', '50'],
      cwd: paths.dir,
    }),
    probe: () => probeDynamodb(dynamodbEndpoint(config), config.dynamodb.region),
  };
}
