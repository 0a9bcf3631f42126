/**
 * `bellyfed serve query`: builds the pools, analytics and app from the configuration, listens,
 * and shuts down gracefully (stop accepting, finish in-flight requests, flush, close pools).
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAnalytics, type Analytics } from '../analytics/index.js';
import type { QueryServiceConfig } from '../shared/config.js';
import { createPool, queryTimeoutFor } from '../shared/database.js';
import { createDynamoClient } from '../shared/dynamodb/client.js';
import type { Logger } from '../shared/logger.js';
import { createApp } from './app.js';
import { answerClientError, answerUnmetExpectation, refuseConnect } from './http/client-error.js';
import { createExpressServer } from './http/server.js';
import { createQueryMetrics } from './metrics.js';
import { PostgresRestaurantReader } from './postgres-reader.js';
import { adminRoutes, createReadRouting, type ReadRouting } from './router/index.js';

export interface RunningQueryService {
  url: string;
  server: Server;
  analytics: Analytics;
  routing: ReadRouting;
  close(): Promise<void>;
}

export async function startQueryService(config: QueryServiceConfig, logger: Logger): Promise<RunningQueryService> {
  const poolOptions = {
    max: config.database.poolSize,
    statementTimeoutMs: config.database.statementTimeoutMs,
    // A stalled connection to the reader must end in a 503, not hold the request forever.
    queryTimeoutMs: queryTimeoutFor(config.database.statementTimeoutMs),
    applicationName: 'bellyfed-query',
    logger,
  };
  // Reads go to the reader endpoint when there is one (Aurora's reader), as nothing here writes.
  const readPool = createPool(config.database.readUrl ?? config.database.url, poolOptions);
  const analytics = createAnalytics(config, logger);
  const metrics = createQueryMetrics({ read: readPool }, () => analytics.stats());
  // No SDK retries: the fallback to PostgreSQL is the retry, and the router's deadline bounds the wait.
  const dynamoClient = createDynamoClient(config, {
    maxAttempts: 1,
    requestTimeoutMs: Math.max(1000, config.readRouter.dynamodbTimeoutMs * 4),
  });
  const routing = createReadRouting({
    config, postgres: new PostgresRestaurantReader(readPool), dynamoClient, registry: metrics.registry, logger,
  });
  const adminToken = config.readRouter.adminToken;
  const admin = adminToken === undefined ? undefined : adminRoutes({ token: adminToken, routes: routing.routes, logger });
  const app = createApp({ reads: routing.router, admin, readPool, analytics, metrics, logger });

  const server = createExpressServer(app);
  server.listen(config.http.port, config.http.host);
  // Requests Node's parser refuses get the API's JSON error too, not a bare 400.
  server.on('clientError', answerClientError);
  server.on('checkExpectation', answerUnmetExpectation);
  server.on('connect', refuseConnect);
  server.keepAliveTimeout = 65_000; // longer than common load balancer idle timeouts (60 s)
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info({ url }, 'query service listening');

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      logger.info('query service shutting down');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections become idle as their last response ends: close them as they do.
      const reaper = setInterval(() => server.closeIdleConnections(), 50);
      const deadline = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
      await closed;
      clearInterval(reaper);
      clearTimeout(deadline);
      await analytics.close(Math.min(2000, config.shutdownTimeoutMs));
      // Shadow comparisons still running only read DynamoDB: give them a moment, not the whole timeout.
      await Promise.race([routing.shadow.settled(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      dynamoClient.destroy();
      await readPool.end();
      logger.info('query service stopped');
    })();
    return closing;
  };
  return { url, server, analytics, routing, close };
}
