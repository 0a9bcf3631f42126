/** The Express application of the query service: health, metrics, OpenAPI and the read API. */
import express, { type Express, type Router } from 'express';
import type pg from 'pg';
import type { Analytics } from '../analytics/index.js';
import type { Logger } from '../shared/logger.js';
import { errorHandler, notFoundHandler, sendError } from './http/errors.js';
import { observeRequests } from './http/observe.js';
import type { QueryMetrics } from './metrics.js';
import { OPENAPI_DOCUMENT } from './openapi.js';
import { registerRestaurantRoutes } from './routes/restaurants.js';
import type { ReadRouter } from './router/index.js';

export interface AppDeps {
  reads: ReadRouter;
  /** The admin endpoint's routes; absent (so /admin/* is a 404) unless ADMIN_TOKEN is set. */
  admin?: Router;
  readPool: pg.Pool;
  analytics: Analytics;
  metrics: QueryMetrics;
  logger: Logger;
}

const OPENAPI_JSON = JSON.stringify(OPENAPI_DOCUMENT);

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  app.set('json spaces', 0);

  app.use(observeRequests(deps.metrics, deps.logger));
  // The read API first: Express tries routes in order, and these are nearly all the traffic.
  registerRestaurantRoutes(app, { reads: deps.reads, analytics: deps.analytics });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      await deps.readPool.query('SELECT 1');
      res.json({ status: 'ready' });
    } catch {
      res.setHeader('Retry-After', '1');
      sendError(res, 503, 'DATABASE_UNAVAILABLE', 'the database is not reachable');
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
  app.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(OPENAPI_JSON);
  });

  if (deps.admin) app.use(deps.admin);
  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
