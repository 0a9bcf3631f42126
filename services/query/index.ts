/**
 * `bellyfed serve query`: builds the pools, analytics and app from the configuration, listens,
 * and shuts down gracefully (stop accepting, finish in-flight requests, flush, close pools).
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAnalytics, type Analytics } from '../analytics/index.js';
import type { Config } from '../shared/config.js';
import { createPool } from '../shared/database.js';
import type { Logger } from '../shared/logger.js';
import { createApp } from './app.js';
import { createQueryMetrics } from './metrics.js';
import { PostgresRestaurantReader } from './postgres-reader.js';

export interface RunningQueryService {
  url: string;
  server: Server;
  analytics: Analytics;
  close(): Promise<void>;
}

export async function startQueryService(config: Config, logger: Logger): Promise<RunningQueryService> {
  const poolOptions = {
    max: config.database.poolSize,
    statementTimeoutMs: config.database.statementTimeoutMs,
    applicationName: 'bellyfed-query',
    logger,
  };
  // Reads go to the reader endpoint when there is one (Aurora's reader), as nothing here writes.
  const readPool = createPool(config.database.readUrl ?? config.database.url, poolOptions);
  const analytics = createAnalytics(config, logger);
  const metrics = createQueryMetrics({ read: readPool }, () => analytics.stats());
  const app = createApp({ reader: new PostgresRestaurantReader(readPool), readPool, analytics, metrics, logger });

  const server = app.listen(config.http.port, config.http.host);
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
      await readPool.end();
      logger.info('query service stopped');
    })();
    return closing;
  };
  return { url, server, analytics, close };
}
