/**
 * The read API served from the DynamoDB projection: each endpoint is the Query the model gives
 * (services/model/read-queries.ts) — the unfiltered listing is one Query per listing shard,
 * in parallel, merged — and never a Scan. Items are shaped by the same row mapping PostgreSQL's
 * reader uses, so the bodies are identical. Tombstones and bookkeeping items carry no GSI keys,
 * so no Query here can return them; the entity checks below are a second line.
 */
import { QueryCommand, type AttributeValue, type DynamoDBClient, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { BellyfedError } from '../shared/errors.js';
import { ENTITY } from '../model/entities.js';
import { keyCondition, type KeyQuery } from '../model/key-conditions.js';
import { fromItem } from '../model/marshall.js';
import {
  listingPlan, restaurantDetailQuery, restaurantMenuQuery, restaurantReviewsQuery,
} from '../model/read-queries.js';
import { MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES } from '../model/sort-key.js';
import { detailFromItems, menuItemFromItem, reviewFromItem, summaryFromItem } from './dynamodb-items.js';
import type { Row } from './rows.js';
import type { ListPage, ListQuery, MenuItem, RestaurantDetail, RestaurantReader, Review } from './types.js';

const TYPE = '_type';

/**
 * A request DynamoDB cannot express (a key value over DynamoDB's size limits). It says nothing
 * about DynamoDB's health: the router serves it from PostgreSQL without counting a failure.
 */
export class UnservableRequestError extends BellyfedError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('DYNAMODB_REQUEST_UNSERVABLE', message, options);
  }
}

const byteOrder = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

function checkKeySizes(query: KeyQuery): void {
  const range = query.range;
  const bounds = range.kind === 'all' ? [] : range.kind === 'prefix' ? [range.prefix] : range.kind === 'from' ? [range.from] : [range.from, range.to];
  if (Buffer.byteLength(query.partition, 'utf8') > MAX_PARTITION_KEY_BYTES || bounds.some((b) => Buffer.byteLength(b, 'utf8') > MAX_SORT_KEY_BYTES)) {
    throw new UnservableRequestError('a key of this request is longer than DynamoDB allows');
  }
}

export class DynamoDbRestaurantReader implements RestaurantReader {
  readonly source = 'dynamodb' as const;

  constructor(private readonly client: DynamoDBClient, private readonly tableName: string) {}

  /**
   * One Query, following LastEvaluatedKey only when DynamoDB stopped at its 1 MB page before the
   * Limit (a restaurant's collection is far smaller in practice).
   */
  private async query(query: KeyQuery, signal: AbortSignal | undefined): Promise<Row[]> {
    checkKeySizes(query);
    const input: QueryCommandInput = {
      TableName: this.tableName,
      IndexName: query.indexName,
      ...keyCondition(query),
      ScanIndexForward: query.forward,
      Limit: query.limit,
    };
    const items: Row[] = [];
    let startKey: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }), { abortSignal: signal });
      for (const item of page.Items ?? []) items.push(fromItem(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined && (query.limit === undefined || items.length < query.limit));
    return query.limit === undefined ? items : items.slice(0, query.limit);
  }

  async listRestaurants(request: ListQuery, signal?: AbortSignal): Promise<ListPage> {
    let plan: ReturnType<typeof listingPlan>;
    try {
      plan = listingPlan({ city: request.city, cuisine: request.cuisine, fetch: request.limit + 1, after: request.after });
    } catch (err) {
      // Key text with control characters: the API refuses such cities and cursors before this.
      throw new UnservableRequestError('the listing request cannot be encoded as DynamoDB keys', { cause: err });
    }
    const results = await Promise.all(plan.queries.map((q) => this.query(q, signal)));
    let entries = results.flat();
    if (plan.merge) {
      // Shards are each in key order; their union in key order, cut at limit + 1, is the page.
      const sk = plan.queries[0]?.skAttribute ?? '';
      entries = entries.sort((a, b) => byteOrder(a[sk] as string, b[sk] as string)).slice(0, request.limit + 1);
    }
    const listed = entries.filter((e) => e[TYPE] === ENTITY.restaurant || e[TYPE] === ENTITY.restaurantCategory);
    const page = listed.slice(0, request.limit).map(summaryFromItem);
    const last = page[page.length - 1];
    return { items: page, next: listed.length > request.limit && last ? { name: last.name, id: last.id } : undefined };
  }

  async getRestaurant(id: string, signal?: AbortSignal): Promise<RestaurantDetail | undefined> {
    const items = await this.query(restaurantDetailQuery(id), signal);
    const [first, ...rest] = items;
    if (first?.[TYPE] !== ENTITY.restaurant) return undefined;
    return detailFromItems(first, rest.filter((i) => i[TYPE] === ENTITY.restaurantCategory));
  }

  async listMenu(restaurantId: string, signal?: AbortSignal): Promise<MenuItem[] | undefined> {
    const items = await this.query(restaurantMenuQuery(restaurantId), signal);
    if (items[0]?.[TYPE] !== ENTITY.restaurant) return undefined;
    return items.filter((i) => i[TYPE] === ENTITY.menuItem).map(menuItemFromItem);
  }

  async listReviews(restaurantId: string, limit: number, signal?: AbortSignal): Promise<Review[] | undefined> {
    // Backwards from the restaurant item: it comes first, then the newest `limit` reviews.
    const items = await this.query(restaurantReviewsQuery(restaurantId, limit), signal);
    if (items[0]?.[TYPE] !== ENTITY.restaurant) return undefined;
    return items.slice(1).filter((i) => i[TYPE] === ENTITY.review).map(reviewFromItem);
  }
}
