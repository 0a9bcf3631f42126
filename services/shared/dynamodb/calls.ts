/**
 * DynamoDB requests as the sink, the reconciler and the tools send them: each through the one
 * retry loop (retry.ts), with latency and "already newer" accounting. Callers build inputs and
 * call these.
 */
import {
  BatchGetItemCommand, DeleteItemCommand, GetItemCommand, PutItemCommand, QueryCommand, ScanCommand, UpdateItemCommand,
  type AttributeValue, type BatchGetItemCommandInput, type DeleteItemCommandInput, type GetItemCommandInput,
  type PutItemCommandInput, type QueryCommandInput, type QueryCommandOutput, type ScanCommandInput, type ScanCommandOutput,
  type UpdateItemCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { DynamoPort } from './port.js';
import { sendWithRetry, withRetries, type RetryOptions } from './retry.js';
import type { WriterStats } from './stats.js';

export type Item = Record<string, AttributeValue>;

export class DynamoCalls {
  constructor(
    readonly port: DynamoPort,
    readonly tableName: string,
    readonly retry: RetryOptions,
    readonly stats: WriterStats,
  ) {}

  /** The same calls with another wait hook (the batch's consumer heartbeat) and abort signal. */
  with(overrides: Partial<RetryOptions>): DynamoCalls {
    return new DynamoCalls(this.port, this.tableName, { ...this.retry, ...overrides }, this.stats);
  }

  /** The retry options with every retry counted in the stats (and passed on to the caller's hook). */
  retryCounted(): RetryOptions {
    return {
      ...this.retry,
      onRetry: (failure, attempt) => {
        this.stats.retry(failure);
        this.retry.onRetry?.(failure, attempt);
      },
    };
  }

  private async timed<T>(operation: string, what: string, send: () => Promise<T>): Promise<T | undefined> {
    const started = performance.now();
    const outcome = await sendWithRetry(what, send, this.retryCounted());
    this.stats.request(operation, (performance.now() - started) / 1000);
    if (!outcome.ok) {
      this.stats.alreadyNewer(operation);
      return undefined;
    }
    return outcome.value;
  }

  /** A conditional write: true when applied, false when a newer state was already stored. */
  async put(input: Omit<PutItemCommandInput, 'TableName'>, what: string): Promise<boolean> {
    return (await this.timed('PutItem', what, () => this.port.send(new PutItemCommand({ TableName: this.tableName, ...input })))) !== undefined;
  }

  async update(input: Omit<UpdateItemCommandInput, 'TableName'>, what: string): Promise<boolean> {
    return (await this.timed('UpdateItem', what, () => this.port.send(new UpdateItemCommand({ TableName: this.tableName, ...input })))) !== undefined;
  }

  async delete(input: Omit<DeleteItemCommandInput, 'TableName'>, what: string): Promise<boolean> {
    return (await this.timed('DeleteItem', what, () => this.port.send(new DeleteItemCommand({ TableName: this.tableName, ...input })))) !== undefined;
  }

  async get(key: Item, what: string): Promise<Item | undefined> {
    const input: GetItemCommandInput = { TableName: this.tableName, Key: key, ConsistentRead: true };
    const out = await this.timed('GetItem', what, () => this.port.send(new GetItemCommand(input)));
    return (out as { Item?: Item } | undefined)?.Item;
  }

  /** Consistent reads of up to any number of keys (100 per request, UnprocessedKeys retried with backoff). */
  async batchGet(keys: Item[], what: string): Promise<Item[]> {
    const found: Item[] = [];
    for (let i = 0; i < keys.length; i += 100) {
      let pending: BatchGetItemCommandInput['RequestItems'] = {
        [this.tableName]: { Keys: keys.slice(i, i + 100), ConsistentRead: true },
      };
      await withRetries(what, this.retryCounted(), async () => {
        const started = performance.now();
        const out = (await this.port.send(new BatchGetItemCommand({ RequestItems: pending }))) as {
          Responses?: Record<string, Item[]>; UnprocessedKeys?: BatchGetItemCommandInput['RequestItems'];
        };
        this.stats.request('BatchGetItem', (performance.now() - started) / 1000);
        found.push(...(out.Responses?.[this.tableName] ?? []));
        pending = out.UnprocessedKeys;
        return pending && Object.keys(pending).length > 0 ? { done: false } : { done: true, value: undefined };
      });
    }
    return found;
  }

  async query(input: Omit<QueryCommandInput, 'TableName'>, what: string): Promise<QueryCommandOutput> {
    return (await this.timed('Query', what, () => this.port.send(new QueryCommand({ TableName: this.tableName, ...input })))) as QueryCommandOutput;
  }

  async scan(input: Omit<ScanCommandInput, 'TableName'>, what: string): Promise<ScanCommandOutput> {
    return (await this.timed('Scan', what, () => this.port.send(new ScanCommand({ TableName: this.tableName, ...input })))) as ScanCommandOutput;
  }
}
