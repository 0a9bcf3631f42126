/** DynamoDB for router tests: a client on a local endpoint only, random tables removed afterwards. */
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { loadConfig } from '../../../../services/shared/config.js';
import { createDynamoClient } from '../../../../services/shared/dynamodb/client.js';
import { ensureTable } from '../../../../services/model/table-setup.js';
import { assertLocalUrl } from '../../../helpers/local-only.js';
import { randomName } from '../../../helpers/postgres.js';

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export function sharedEndpoint(): string {
  const endpoint = loadConfig(process.env).dynamodb.endpoint;
  if (endpoint === undefined) throw new Error('DYNAMODB_ENDPOINT is not set: run eval "$(./bin/bellyfed.js local env)"');
  assertLocalUrl(endpoint, 'DYNAMODB_ENDPOINT');
  return endpoint;
}

export function testDynamoClient(endpoint = sharedEndpoint()): DynamoDBClient {
  assertLocalUrl(endpoint, 'DynamoDB endpoint');
  return createDynamoClient(loadConfig({ ...process.env, DYNAMODB_ENDPOINT: endpoint }), {
    credentials: LOCAL_CREDENTIALS, maxAttempts: 3, requestTimeoutMs: 10_000,
  });
}

export interface TestTable {
  name: string;
  drop(): Promise<void>;
}

export async function createTestTable(client: DynamoDBClient): Promise<TestTable> {
  const name = randomName('router');
  await ensureTable(client, name);
  return {
    name,
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: name })).catch(() => undefined);
    },
  };
}
