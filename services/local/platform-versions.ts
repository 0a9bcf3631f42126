import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { LocalPlatformError } from './errors.js';

/** The pinned versions live once, in platform/pom.xml; the paths of the fetched parts derive from them. */
export interface PlatformVersions {
  readonly kafka: string;
  readonly debezium: string;
  readonly apicurio: string;
  readonly apicurioConverter: string;
  readonly log4j: string;
}

const PROPERTY_OF: Record<keyof PlatformVersions, string> = {
  kafka: 'version.kafka',
  debezium: 'version.debezium',
  apicurio: 'version.apicurio',
  apicurioConverter: 'version.apicurio-converter',
  log4j: 'version.log4j',
};

export function platformPomPath(repoRoot: string): string {
  return join(repoRoot, 'platform', 'pom.xml');
}

export function readPlatformVersions(repoRoot: string): PlatformVersions {
  const pom = readFileSync(platformPomPath(repoRoot), 'utf8');
  const read = (property: string): string => {
    const match = new RegExp(`<${property.replace('.', '\\.')}>([^<]+)</${property.replace('.', '\\.')}>`).exec(pom);
    if (!match?.[1]) {
      throw new LocalPlatformError('LOCAL_CONFIG_INVALID', `platform/pom.xml has no <${property}> property`);
    }
    return match[1].trim();
  };
  return Object.freeze({
    kafka: read(PROPERTY_OF.kafka),
    debezium: read(PROPERTY_OF.debezium),
    apicurio: read(PROPERTY_OF.apicurio),
    apicurioConverter: read(PROPERTY_OF.apicurioConverter),
    log4j: read(PROPERTY_OF.log4j),
  });
}
