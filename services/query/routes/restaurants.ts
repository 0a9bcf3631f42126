/** The four read endpoints. Each validates, reads through the read-router, answers, then records its analytics event. */
import type { Express, Response } from 'express';
import type { Analytics } from '../../analytics/index.js';
import { BellyfedError } from '../../shared/errors.js';
import { encodeCursor } from '../cursor.js';
import { sendError } from '../http/errors.js';
import {
  sendJsonBody, serializeMenu, serializeRestaurant, serializeRestaurantList, serializeReviews,
} from '../http/json-bodies.js';
import { parseListQuery, parseNoQuery, parseRestaurantId } from '../params.js';
import type { ReadRouter, Served } from '../router/index.js';
import { REVIEWS_PAGE_SIZE, type ListQuery } from '../types.js';

export interface RestaurantRoutesDeps {
  reads: ReadRouter;
  analytics: Analytics;
}

function nextLink(query: ListQuery, cursor: string): string {
  const params = new URLSearchParams();
  if (query.city !== undefined) params.set('city', query.city);
  if (query.cuisine !== undefined) params.set('cuisine', query.cuisine);
  params.set('limit', String(query.limit));
  params.set('cursor', cursor);
  return `</restaurants?${params.toString()}>; rel="next"`;
}

function restaurantAbsent(res: Response, id: string): void {
  sendError(res, 404, 'NOT_FOUND', `restaurant ${id} does not exist`);
}

/** Says who served the response (and why not DynamoDB, after a fallback); shadow work starts once it is sent. */
function describeSource(res: Response, served: Served<unknown>): void {
  res.setHeader('X-Data-Source', served.source);
  if (served.fallbackReason !== undefined) res.setHeader('X-Fallback-Reason', served.fallbackReason);
  if (served.afterResponse !== undefined) res.once('close', served.afterResponse);
}

/**
 * Registers the endpoints on the app itself rather than on a mounted Router: a mounted router is
 * one more layer that every request walks through (prefix trimming, its own dispatch loop).
 */
export function registerRestaurantRoutes(app: Express, { reads, analytics }: RestaurantRoutesDeps): void {
  app.get('/restaurants', async (req, res) => {
    const query = parseListQuery(req.query);
    const served = await reads.read('restaurants.list', req.id, (reader, signal) => reader.listRestaurants(query, signal));
    const page = served.value;
    describeSource(res, served);
    if (page.next) res.setHeader('Link', nextLink(query, encodeCursor(page.next)));
    sendJsonBody(res, 200, serializeRestaurantList(page.items));
    analytics.record('RESTAURANTS_LISTED', {
      requestId: req.id, dataSource: served.source, city: query.city ?? null, cuisine: query.cuisine ?? null, resultCount: page.items.length,
    });
  });

  app.get('/restaurants/:id', async (req, res) => {
    parseNoQuery(req.query);
    const id = parseRestaurantId(req.params.id);
    const served = await reads.read('restaurants.get', req.id, (reader, signal) => reader.getRestaurant(id, signal));
    describeSource(res, served);
    if (!served.value) return restaurantAbsent(res, id);
    sendJsonBody(res, 200, serializeRestaurant(served.value));
    analytics.record('RESTAURANT_VIEWED', { requestId: req.id, dataSource: served.source, restaurantId: id });
  });

  app.get('/restaurants/:id/menu', async (req, res) => {
    parseNoQuery(req.query);
    const id = parseRestaurantId(req.params.id);
    const served = await reads.read('restaurants.menu', req.id, (reader, signal) => reader.listMenu(id, signal));
    describeSource(res, served);
    if (!served.value) return restaurantAbsent(res, id);
    sendJsonBody(res, 200, serializeMenu(served.value));
    analytics.record('RESTAURANT_MENU_VIEWED', { requestId: req.id, dataSource: served.source, restaurantId: id, resultCount: served.value.length });
  });

  app.get('/restaurants/:id/reviews', async (req, res) => {
    parseNoQuery(req.query);
    const id = parseRestaurantId(req.params.id);
    const served = await reads.read('restaurants.reviews', req.id, (reader, signal) => reader.listReviews(id, REVIEWS_PAGE_SIZE, signal));
    describeSource(res, served);
    if (!served.value) return restaurantAbsent(res, id);
    sendJsonBody(res, 200, serializeReviews(served.value));
    analytics.record('RESTAURANT_REVIEWS_VIEWED', { requestId: req.id, dataSource: served.source, restaurantId: id, resultCount: served.value.length });
  });

  // A known path with another method: 405 with Allow, not a misleading 404.
  app.all(['/restaurants', '/restaurants/:id', '/restaurants/:id/menu', '/restaurants/:id/reviews'], (req, res) => {
    res.setHeader('Allow', 'GET, HEAD');
    throw new BellyfedError('METHOD_NOT_ALLOWED', `${req.method} is not allowed here; use GET`);
  });
}
