import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { LocalConfig } from '../config.js';

/** JVM flags shared by the Java parts; the marker property lets `down` recognise our processes. */
export function jvmArgs(config: LocalConfig, partName: string, heap: { initial: string; max: string }): string[] {
  return [
    `-Xms${heap.initial}`,
    `-Xmx${heap.max}`,
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    `-Dbellyfed.part=${javaMarker(config, partName)}`,
  ];
}

export function javaMarker(config: LocalConfig, partName: string): string {
  return `${partName}@${config.stateDir}`;
}

/** Console logging only: stdout is the part's log file (process.ts appends it there). */
export function writeLog4j2Config(dir: string, quietLoggers: Readonly<Record<string, string>> = {}): string {
  const file = join(dir, 'log4j2.properties');
  const lines = [
    'status = warn',
    'appender.out.type = Console',
    'appender.out.name = out',
    'appender.out.layout.type = PatternLayout',
    'appender.out.layout.pattern = [%d] %p %m (%c)%n',
    'rootLogger.level = INFO',
    'rootLogger.appenderRef.out.ref = out',
    ...Object.entries(quietLoggers).flatMap(([logger, level], i) => [`logger.q${i}.name = ${logger}`, `logger.q${i}.level = ${level}`]),
  ];
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export function writeProperties(file: string, properties: Readonly<Record<string, string | number>>): void {
  const body = Object.entries(properties).map(([key, value]) => `${key}=${value}`).join('\n');
  writeFileSync(file, `# written by services/local on every \`local up\`; edits are overwritten\n${body}\n`);
}
