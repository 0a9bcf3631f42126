/**
 * JSON bodies written by serializers compiled once, at start, from the OpenAPI document
 * (fast-json-stringify). They write each documented field with code made for its type, which
 * beats JSON.stringify's generic walk on these shapes, and they hold a body to the document:
 * a field the document does not list is left out, a required one that is missing is an error
 * rather than a silent gap.
 */
import type { ServerResponse } from 'node:http';
import fastJson from 'fast-json-stringify';
import type { ErrorCode } from '../../shared/errors.js';
import { OPENAPI_DOCUMENT } from '../openapi.js';
import type { MenuItem, RestaurantDetail, RestaurantSummary, Review } from '../types.js';

type Paths = typeof OPENAPI_DOCUMENT.paths;

// The document is `as const` (readonly arrays); the compiler only reads it.
const components = OPENAPI_DOCUMENT.components as unknown as Record<string, unknown>;

function compile<T>(schema: unknown): (value: T) => string {
  // Local references (#/components/...) resolve against the schema's own root.
  return fastJson({ ...(schema as object), components } as fastJson.AnySchema) as (value: T) => string;
}

function okBodyOf<T>(path: keyof Paths): (value: T) => string {
  return compile<T>(OPENAPI_DOCUMENT.paths[path].get.responses[200].content['application/json'].schema);
}

export const serializeRestaurantList = okBodyOf<RestaurantSummary[]>('/restaurants');
export const serializeRestaurant = okBodyOf<RestaurantDetail>('/restaurants/{id}');
export const serializeMenu = okBodyOf<MenuItem[]>('/restaurants/{id}/menu');
export const serializeReviews = okBodyOf<Review[]>('/restaurants/{id}/reviews');
const serializeError = compile<{ error: { code: string; message: string } }>({ $ref: '#/components/schemas/Error' });

/** Ends `res` with a serialized JSON body (for HEAD, node:http sends the headers only). */
export function sendJsonBody(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** The API's error body {"error":{"code","message"}}. */
export function errorBody(code: ErrorCode | string, message: string): string {
  return serializeError({ error: { code, message } });
}
