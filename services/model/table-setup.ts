/**
 * Creates the projection's table from the one definition (schemas/dynamodb/table.json) when it
 * does not exist, and waits until it is ACTIVE. Used by `local up`, tests and the sink's start.
 */
import {
  CreateTableCommand, DescribeTableCommand, ResourceInUseException, ResourceNotFoundException, UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { createTableInput, loadTableDefinition, timeToLiveInput } from './table-definition.js';

async function tableStatus(client: DynamoDBClient, name: string): Promise<string | undefined> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    return Table?.TableStatus;
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return undefined;
    throw err;
  }
}

/** True when the table was created by this call. */
export async function ensureTable(client: DynamoDBClient, name: string, timeoutMs = 60_000): Promise<boolean> {
  let created = false;
  if ((await tableStatus(client, name)) === undefined) {
    const definition = loadTableDefinition();
    try {
      await client.send(new CreateTableCommand(createTableInput(definition, name)));
      created = true;
    } catch (err) {
      if (!(err instanceof ResourceInUseException)) throw err; // created concurrently: fine
    }
    if (created) {
      try {
        await client.send(new UpdateTimeToLiveCommand(timeToLiveInput(definition, name)));
      } catch (err) {
        // dynalite has no UpdateTimeToLive: tombstones then stay until the reconciler sweeps them.
        if ((err as { name?: string }).name !== 'UnknownOperationException') throw err;
      }
    }
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await tableStatus(client, name);
    if (status === 'ACTIVE') return created;
    if (Date.now() > deadline) throw new Error(`DynamoDB table ${name} is ${status ?? 'missing'} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
