import type { LocalConfig } from '../config.js';
import type { Part, PartName } from '../types.js';
import { connectPart } from './connect.js';
import { dynamodbPart } from './dynamodb.js';
import { kafkaPart } from './kafka.js';
import { postgresPart } from './postgres.js';
import { registryPart } from './registry.js';
import { servicePart } from './service.js';

export function allParts(config: LocalConfig): Record<PartName, Part> {
  return {
    postgres: postgresPart(config),
    kafka: kafkaPart(config),
    registry: registryPart(config),
    connect: connectPart(config),
    dynamodb: dynamodbPart(config),
    query: servicePart(config, 'query'),
    sink: servicePart(config, 'sink'),
    monitor: servicePart(config, 'monitor'),
  };
}

/**
 * Start order in waves: the parts of a wave start together (2 cores: the JVMs overlap their
 * start-up), Connect waits for the broker it stores its state in. Stop runs the waves backwards.
 */
export const START_WAVES: readonly (readonly PartName[])[] = [['postgres', 'kafka', 'registry', 'dynamodb'], ['connect']];

/** The project's services start after the infrastructure is provisioned (schema, table, connectors). */
export const SERVICE_WAVE: readonly PartName[] = ['query', 'sink', 'monitor'];
