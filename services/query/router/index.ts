/** The read-router, assembled from the configuration: routes, circuit breaker, freshness gate, shadow comparisons, metrics. */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Registry } from 'prom-client';
import type { QueryServiceConfig } from '../../shared/config.js';
import type { Logger } from '../../shared/logger.js';
import { DynamoDbRestaurantReader } from '../dynamodb-reader.js';
import type { RestaurantReader } from '../types.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { WatermarkCache } from './freshness.js';
import { createRouterMetrics } from './metrics.js';
import { ReadRouter } from './read-router.js';
import { formatRouteTable, resolveRoutes } from '../../shared/config/route-spec.js';
import { RouteTableStore } from './route-table.js';
import { ShadowComparer } from './shadow.js';

export { adminRoutes } from './admin-routes.js';
export { ReadRouter, type ReadCall } from './read-router.js';
export type { Endpoint, RouteMode, RouteTable } from '../../shared/config/route-spec.js';
export type { FallbackReason, Served } from './types.js';

export interface ReadRouting {
  router: ReadRouter;
  routes: RouteTableStore;
  breaker: CircuitBreaker;
  shadow: ShadowComparer;
}

export interface ReadRoutingDeps {
  config: QueryServiceConfig;
  postgres: RestaurantReader;
  dynamoClient: DynamoDBClient;
  registry: Registry;
  logger: Logger;
}

export function createReadRouting({ config, postgres, dynamoClient, registry, logger }: ReadRoutingDeps): ReadRouting {
  const settings = config.readRouter;
  const routes = new RouteTableStore(resolveRoutes(settings.phase2, settings.routes), (table, previous) => {
    logger.info({ routes: formatRouteTable(table), previous: formatRouteTable(previous) }, 'read routes changed');
  });
  const breaker = new CircuitBreaker({
    failureThreshold: settings.circuitFailureThreshold,
    openMs: settings.circuitOpenMs,
    onStateChange: (state, previous) => logger.warn({ state, previous }, 'DynamoDB circuit breaker changed state'),
  });
  const metrics = createRouterMetrics(registry, () => breaker.state);
  const shadow = new ShadowComparer({ concurrency: settings.shadowConcurrency, logger, count: metrics.shadow });
  const router = new ReadRouter({
    postgres,
    dynamodb: new DynamoDbRestaurantReader(dynamoClient, config.dynamodb.table),
    routes,
    breaker,
    watermarks: new WatermarkCache({ client: dynamoClient, tableName: config.dynamodb.table, cacheMs: settings.watermarkCacheMs }),
    shadow,
    metrics,
    logger,
    freshnessBoundMs: settings.freshnessBoundMs,
    timeoutMs: settings.dynamodbTimeoutMs,
    shadowTimeoutMs: Math.max(settings.dynamodbTimeoutMs, 1000),
  });
  logger.info({ routes: formatRouteTable(routes.snapshot()), adminEndpoint: settings.adminToken !== undefined }, 'read routes');
  return { router, routes, breaker, shadow };
}
