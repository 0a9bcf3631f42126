/**
 * The one way to build a DynamoDB client. Items are written as raw AttributeValues (the model
 * marshals them itself, exactly), so there is no DocumentClient and no shared marshalling
 * state (aws/aws-sdk-js-v3#6545). SDK retries are few: the sink's own backoff decides.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Config } from '../config.js';

export interface DynamoClientOptions {
  /** Per-request timeout: a hung DynamoDB call must fail, to be retried or fall back. */
  requestTimeoutMs?: number;
  maxAttempts?: number;
  /** Explicit credentials (the local platform's dynalite dummies); otherwise the SDK's default chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function createDynamoClient(config: Pick<Config, 'dynamodb'>, options: DynamoClientOptions = {}): DynamoDBClient {
  return new DynamoDBClient({
    region: config.dynamodb.region,
    ...(config.dynamodb.endpoint !== undefined ? { endpoint: config.dynamodb.endpoint } : {}),
    ...(options.credentials !== undefined ? { credentials: options.credentials } : {}),
    maxAttempts: options.maxAttempts ?? 2,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 2000,
      requestTimeout: options.requestTimeoutMs ?? 5000,
      httpAgent: { keepAlive: true, maxSockets: 64 },
    }),
  });
}
