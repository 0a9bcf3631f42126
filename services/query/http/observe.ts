/**
 * What every request gets on its way in and out: its id (echoed in X-Request-Id), its duration in
 * the metrics by route template and status, and one log line. One middleware with one `finish`
 * listener built once per app: nothing here allocates a closure per request.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../../shared/logger.js';
import type { QueryMetrics } from '../metrics.js';
import { requestIdFrom } from './request-id.js';

export function observeRequests(metrics: QueryMetrics, logger: Logger): RequestHandler {
  // The request line holds only fields built here (a sanitized id, the method, the path without
  // its query, status, duration): none of the redacted paths can occur in it, so the line skips
  // the redaction walk that every other log line goes through.
  const requestLog = logger.child({}, { redact: [] });

  function finished(this: Response): void {
    const req = this.req as Request;
    const ms = performance.now() - req.receivedAt;
    const route = req.route?.path !== undefined ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
    const status = this.statusCode;
    metrics.requestDuration.observe({ method: req.method, route, status: String(status) }, ms / 1000);
    const line = { reqId: req.id, method: req.method, path: req.path.slice(0, 300), status, ms: Math.round(ms * 10) / 10 };
    if (status >= 500) requestLog.error(line, 'request');
    else requestLog.info(line, 'request');
  }

  return (req, res, next) => {
    req.receivedAt = performance.now();
    req.id = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', req.id);
    res.on('finish', finished);
    next();
  };
}
