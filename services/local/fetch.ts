import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { LocalConfig } from './config.js';
import { LocalPlatformError } from './errors.js';
import { platformLayout } from './platform-layout.js';
import type { Reporter } from './types.js';

const POM_FILES = ['pom.xml', 'kafka/pom.xml', 'apicurio-converter/pom.xml', 'archives/pom.xml'];

/** A digest of the Maven descriptors: a changed pin re-runs the fetch even if old files are present. */
function descriptorDigest(config: LocalConfig): string {
  const hash = createHash('sha256');
  for (const file of POM_FILES) hash.update(readFileSync(join(config.repoRoot, 'platform', file)));
  return hash.digest('hex').slice(0, 16);
}

function stampFile(config: LocalConfig): string {
  return join(config.platformDir, `.fetched-${descriptorDigest(config)}`);
}

export function missingParts(config: LocalConfig): string[] {
  const missing = platformLayout(config).witnesses.filter((file) => !existsSync(file));
  if (!existsSync(stampFile(config))) missing.push(stampFile(config));
  return missing;
}

/** Runs Maven on platform/pom.xml when the cache lacks a part; a no-op on a warm cache. */
export async function ensurePlatformFetched(config: LocalConfig, report: Reporter): Promise<void> {
  const missing = missingParts(config);
  if (missing.length === 0) return;
  mkdirSync(config.platformDir, { recursive: true });
  const logFile = join(config.platformDir, 'fetch.log');
  report(`fetching Java parts into ${config.platformDir} (mvn, log: ${logFile})`);
  const args = ['-B', '-q', '-f', join(config.repoRoot, 'platform', 'pom.xml'), 'package', `-Dbellyfed.platform.dir=${config.platformDir}`];
  const { code, output } = await run(config.mvnBin, args);
  writeFileSync(logFile, output);
  if (code !== 0) {
    throw new LocalPlatformError('LOCAL_FETCH_FAILED', `${config.mvnBin} ${args.join(' ')} exited with ${code}; see ${logFile}\n${output.slice(-2000)}`);
  }
  const stillMissing = platformLayout(config).witnesses.filter((file) => !existsSync(file));
  if (stillMissing.length > 0) {
    throw new LocalPlatformError('LOCAL_FETCH_FAILED', `mvn succeeded but these are missing (platform/pom.xml and platform-layout.ts disagree?): ${stillMissing.join(', ')}`);
  }
  writeFileSync(stampFile(config), `${new Date().toISOString()}\n`);
}

function run(file: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) =>
      reject(new LocalPlatformError('LOCAL_PREREQUISITE_MISSING', `cannot run ${file} (install Maven or set BELLYFED_MVN)`, { cause: error })),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}
