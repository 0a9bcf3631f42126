/** Every error becomes a JSON body {"error":{"code","message"}}; internals never reach a client. */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { BellyfedError, ERROR_CODES, type ErrorCode } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { errorBody, sendJsonBody } from './json-bodies.js';

export function sendError(res: import('express').Response, status: number, code: ErrorCode, message: string): void {
  sendJsonBody(res, status, errorBody(code, message));
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendError(res, 404, 'NOT_FOUND', `no route for ${req.method} ${req.path.slice(0, 200)}`);
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof BellyfedError) {
      if (err.httpStatus >= 500) logger.error({ err, reqId: req.id }, 'request failed');
      sendError(res, err.httpStatus, err.code, err.message);
      return;
    }
    // Errors from Express and its parsers carry a 4xx status (malformed URI, bad body): the client's fault.
    const status = typeof err?.status === 'number' ? err.status : typeof err?.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      sendError(res, status, 'BAD_REQUEST', 'the request is malformed');
      return;
    }
    if (isDatabaseUnavailable(err)) {
      logger.warn({ err: { message: err.message, code: err.code }, reqId: req.id }, 'database unavailable');
      res.setHeader('Retry-After', '1');
      sendError(res, ERROR_CODES.DATABASE_UNAVAILABLE.status, 'DATABASE_UNAVAILABLE', 'the database is unavailable; retry shortly');
      return;
    }
    logger.error({ err, reqId: req.id }, 'unexpected error');
    sendError(res, 500, 'INTERNAL', 'internal error; the request id is in the X-Request-Id header');
  };
}

// Connection failures, pool exhaustion timeouts, server shutdown, statement timeouts: the
// client may retry, so 503 rather than 500.
export function isDatabaseUnavailable(err: { code?: unknown; message?: unknown }): boolean {
  const code = typeof err.code === 'string' ? err.code : '';
  const message = typeof err.message === 'string' ? err.message : '';
  return (
    /^(08|53|57P0[123]|57014)/.test(code) ||
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'].includes(code) ||
    // pg's client-side query_timeout ('Query read timeout': the connection stalled) and a client
    // whose connection already broke ('… is not queryable') are the database being unreachable too.
    /timeout exceeded when trying to connect|Connection terminated|connection timeout|Query read timeout|is not queryable/i.test(message)
  );
}
