/**
 * The one seam between the writer and DynamoDB: something that sends SDK commands. In production
 * it is the DynamoDBClient itself; a unit test wraps a real (in-memory) table and injects one
 * fault at this seam instead of mocking the world.
 */
import type {
  BatchGetItemCommandOutput, DeleteItemCommandOutput, GetItemCommandOutput, PutItemCommandOutput, QueryCommandOutput,
  ScanCommandOutput, UpdateItemCommandOutput, BatchWriteItemCommandOutput,
} from '@aws-sdk/client-dynamodb';

export interface DynamoPort {
  // The SDK client's own send is generic over every command; callers narrow with `Outputs`.
  send(command: any, options?: { abortSignal?: AbortSignal }): Promise<any>;
}

export type Outputs = {
  PutItem: PutItemCommandOutput;
  UpdateItem: UpdateItemCommandOutput;
  DeleteItem: DeleteItemCommandOutput;
  GetItem: GetItemCommandOutput;
  BatchGetItem: BatchGetItemCommandOutput;
  BatchWriteItem: BatchWriteItemCommandOutput;
  Query: QueryCommandOutput;
  Scan: ScanCommandOutput;
};
