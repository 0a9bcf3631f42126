/**
 * The SCRAM-SHA-512 user of the local broker's SASL listener: a random password kept in the
 * state dir (0600), never in the repository, registered with Kafka's ConfigCommand once per
 * broker data directory (a marker file in it records that).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { kafkaBrokers, type LocalConfig } from './config.js';
import { platformLayout } from './platform-layout.js';
import { runToCompletion } from './parts/run-once.js';

export const LOCAL_SCRAM_USER = 'bellyfed';

export async function localScramPassword(config: LocalConfig): Promise<string> {
  const file = join(config.stateDir, 'kafka-scram-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(18).toString('base64url');
  await mkdir(config.stateDir, { recursive: true });
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Idempotent: registers the user when this broker's data has not seen it yet. Returns true when it did. */
export async function ensureScramUser(config: LocalConfig): Promise<boolean> {
  const paths = config.parts.kafka;
  const marker = join(paths.dir, 'data', '.bellyfed-scram-user');
  if (existsSync(marker)) return false;
  const password = await localScramPassword(config);
  // ConfigCommand takes SCRAM credentials only as an --add-config argument (its config-file form
  // rejects the mechanism name). The log never shows the password; ps on this machine could, for
  // the second the command runs — acceptable for a local, per-checkout credential.
  await runToCompletion(
    'kafka SCRAM user',
    config.javaBin,
    [
      '-Xmx128m',
      `-Dlog4j2.configurationFile=${join(paths.dir, 'log4j2.properties')}`,
      '-cp',
      join(platformLayout(config).kafkaLibs, '*'),
      'kafka.admin.ConfigCommand',
      '--bootstrap-server',
      kafkaBrokers(config),
      '--alter',
      '--entity-type',
      'users',
      '--entity-name',
      LOCAL_SCRAM_USER,
      '--add-config',
      `SCRAM-SHA-512=[password=${password}]`,
    ],
    paths.logFile,
    paths.dir,
    { secrets: [password] },
  );
  await writeFile(marker, `${new Date().toISOString()}\n`);
  return true;
}
