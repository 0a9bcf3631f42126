/** The four read endpoints. Each validates, reads through the store's reader, answers, then records its analytics event. */
import { Router, type Request, type Response } from 'express';
import type { Analytics, AnalyticsEventFields, AnalyticsEventType } from '../../analytics/index.js';
import { BellyfedError } from '../../shared/errors.js';
import { encodeCursor } from '../cursor.js';
import { parseListQuery, parseNoQuery, parseRestaurantId } from '../params.js';
import { REVIEWS_PAGE_SIZE, type ListQuery, type RestaurantReader } from '../types.js';
import { sendError } from '../http/errors.js';

export interface RestaurantRoutesDeps {
  reader: RestaurantReader;
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

export function restaurantRoutes({ reader, analytics }: RestaurantRoutesDeps): Router {
  const router = Router();
  const record = (req: Request, type: AnalyticsEventType, fields: AnalyticsEventFields) =>
    analytics.record(type, { ...fields, requestId: req.id, dataSource: reader.source });

  router.get('/restaurants', async (req, res) => {
    const query = parseListQuery(req.query);
    const page = await reader.listRestaurants(query);
    res.setHeader('X-Data-Source', reader.source);
    if (page.next) res.setHeader('Link', nextLink(query, encodeCursor(page.next)));
    res.json(page.items);
    record(req, 'RESTAURANTS_LISTED', { city: query.city ?? null, cuisine: query.cuisine ?? null, resultCount: page.items.length });
  });

  router.get('/restaurants/:id', async (req, res) => {
    parseNoQuery(req.query);
    const id = parseRestaurantId(req.params.id);
    const restaurant = await reader.getRestaurant(id);
    res.setHeader('X-Data-Source', reader.source);
    if (!restaurant) return restaurantAbsent(res, id);
    res.json(restaurant);
    record(req, 'RESTAURANT_VIEWED', { restaurantId: id });
  });

  router.get('/restaurants/:id/menu', async (req, res) => {
    parseNoQuery(req.query);
    const id = parseRestaurantId(req.params.id);
    const items = await reader.listMenu(id);
    res.setHeader('X-Data-Source', reader.source);
    if (!items) return restaurantAbsent(res, id);
    res.json(items);
    record(req, 'RESTAURANT_MENU_VIEWED', { restaurantId: id, resultCount: items.length });
  });

  router.get('/restaurants/:id/reviews', async (req, res) => {
    parseNoQuery(req.query);
    const id = parseRestaurantId(req.params.id);
    const reviews = await reader.listReviews(id, REVIEWS_PAGE_SIZE);
    res.setHeader('X-Data-Source', reader.source);
    if (!reviews) return restaurantAbsent(res, id);
    res.json(reviews);
    record(req, 'RESTAURANT_REVIEWS_VIEWED', { restaurantId: id, resultCount: reviews.length });
  });

  // A known path with another method: 405 with Allow, not a misleading 404.
  router.all(['/restaurants', '/restaurants/:id', '/restaurants/:id/menu', '/restaurants/:id/reviews'], (req, res) => {
    res.setHeader('Allow', 'GET, HEAD');
    throw new BellyfedError('METHOD_NOT_ALLOWED', `${req.method} is not allowed here; use GET`);
  });

  return router;
}
