/**
 * The admin endpoint: read and change the routes at run time (this process only).
 *   GET /admin/routes                       → {"routes":{"restaurants.list":"postgres",…}}
 *   PUT /admin/routes {"restaurants.get":"dynamodb"} → the whole new table
 * Mounted only when ADMIN_TOKEN is set (otherwise /admin/* is an ordinary 404), and every
 * request needs `Authorization: Bearer <ADMIN_TOKEN>`: compared in constant time, never logged.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router, type RequestHandler, type Response } from 'express';
import type { Logger } from '../../shared/logger.js';
import { ENDPOINTS, isEndpoint, isRouteMode, ROUTE_MODES, type RouteOverrides } from '../../shared/config/route-spec.js';
import type { RouteTableStore } from './route-table.js';

export interface AdminRoutesDeps {
  token: string;
  routes: RouteTableStore;
  logger: Logger;
}

type AdminErrorCode = 'UNAUTHORIZED' | 'INVALID_PARAMETER';

function sendAdminError(res: Response, status: number, code: AdminErrorCode, message: string): void {
  res.status(status).type('application/json').send(JSON.stringify({ error: { code, message } }));
}

// Hashing first gives both sides the same length, so timingSafeEqual leaks neither content nor length.
const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function requireBearer(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([\x21-\x7e]+)$/.exec(header) : null;
    if (!match || !timingSafeEqual(digest(match[1] as string), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="bellyfed-admin"');
      sendAdminError(res, 401, 'UNAUTHORIZED', 'this endpoint needs Authorization: Bearer <ADMIN_TOKEN>');
      return;
    }
    next();
  };
}

function parseChanges(body: unknown): RouteOverrides | string {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return `the body must be a JSON object such as {"restaurants.get":"dynamodb"}`;
  }
  const changes: RouteOverrides = {};
  for (const [endpoint, mode] of Object.entries(body)) {
    if (!isEndpoint(endpoint)) return `unknown endpoint '${endpoint.slice(0, 80)}'; use one of ${ENDPOINTS.join(', ')}`;
    if (typeof mode !== 'string' || !isRouteMode(mode)) return `${endpoint}: the mode must be one of ${ROUTE_MODES.join(', ')}`;
    changes[endpoint] = mode;
  }
  return changes;
}

export function adminRoutes({ token, routes, logger }: AdminRoutesDeps): Router {
  const router = Router();
  // Authentication before body parsing: an anonymous request gets nothing parsed.
  router.use('/admin', requireBearer(token));
  router.get('/admin/routes', (_req, res) => {
    res.json({ routes: routes.snapshot() });
  });
  router.put('/admin/routes', express.json({ limit: '4kb', strict: true }), (req, res) => {
    const changes = parseChanges(req.body);
    if (typeof changes === 'string') return sendAdminError(res, 400, 'INVALID_PARAMETER', changes);
    const table = routes.update(changes);
    logger.info({ reqId: req.id, changes }, 'read routes changed through the admin endpoint');
    res.json({ routes: table });
  });
  return router;
}
