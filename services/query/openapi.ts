/** The OpenAPI 3.1 description of the read API, served at /openapi.json; tests validate every response against it. */

// A type list rather than oneOf: the body serializers compiled from this document (http/json-bodies.ts)
// then choose by a typeof test instead of validating the value against each branch.
const nullable = <S extends { type: string }>(schema: S) => ({ ...schema, type: [schema.type, 'null'] });
const uuid = { type: 'string', format: 'uuid', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' };
const timestamp = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z$', description: 'UTC, microseconds' };

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const dataSourceHeader = {
  'X-Data-Source': { description: 'The store that served the response.', schema: { type: 'string', enum: ['postgres', 'dynamodb'] } },
  'X-Fallback-Reason': {
    description: 'Present when the endpoint is routed to DynamoDB but PostgreSQL served the response: stale (the projection is behind '
      + 'the freshness bound), error, timeout, or circuit-open (DynamoDB failed repeatedly and is not tried for a while).',
    schema: { type: 'string', enum: ['stale', 'error', 'timeout', 'circuit-open'] },
  },
};

const idParameter = {
  name: 'id', in: 'path', required: true, description: 'Restaurant id (UUID).', schema: { type: 'string', format: 'uuid' },
};

const SUMMARY_REQUIRED = ['id', 'name', 'city', 'address', 'location', 'priceLevel', 'dietaryFlags'];
const SUMMARY_PROPERTIES = {
  id: uuid,
  name: { type: 'string' },
  city: { type: 'string' },
  address: { $ref: '#/components/schemas/Address' },
  location: nullable({
    type: 'object',
    required: ['latitude', 'longitude'],
    additionalProperties: false,
    properties: { latitude: { type: 'number' }, longitude: { type: 'number' } },
  }),
  priceLevel: { type: 'integer', minimum: 1, maximum: 4 },
  dietaryFlags: { type: 'array', items: { type: 'string' } },
};

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Bellyfed read API',
    version: '1.0.0',
    description:
      'Restaurants, menus and reviews. Unknown query parameters are refused (400). Every error has the body {"error":{"code","message"}}.',
  },
  paths: {
    '/restaurants': {
      get: {
        operationId: 'listRestaurants',
        summary: 'List restaurants, ordered by name (Unicode code point order) then id; keyset pagination.',
        parameters: [
          { name: 'city', in: 'query', schema: { type: 'string', minLength: 1, maxLength: 200 }, description: 'Exact city name.' },
          { name: 'cuisine', in: 'query', schema: { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }, description: 'Cuisine slug, e.g. japanese.' },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'From the Link rel="next" header of the previous page.' },
        ],
        responses: {
          200: {
            description: 'A page of restaurants.',
            headers: {
              ...dataSourceHeader,
              Link: { description: 'rel="next": the URL of the next page, absent on the last page.', schema: { type: 'string' } },
            },
            content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/RestaurantSummary' } } } },
          },
          400: errorResponse('A parameter is unknown, repeated or malformed.'),
          503: errorResponse('The database is unavailable.'),
        },
      },
    },
    '/restaurants/{id}': {
      get: {
        operationId: 'getRestaurant',
        parameters: [idParameter],
        responses: {
          200: {
            description: 'The restaurant with its categories.',
            headers: dataSourceHeader,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/RestaurantDetail' } } },
          },
          400: errorResponse('The id is not a UUID, or a query parameter was given.'),
          404: errorResponse('No such restaurant.'),
          503: errorResponse('The database is unavailable.'),
        },
      },
    },
    '/restaurants/{id}/menu': {
      get: {
        operationId: 'listMenu',
        parameters: [idParameter],
        responses: {
          200: {
            description: 'The menu items, by position.',
            headers: dataSourceHeader,
            content: { 'application/json': { schema: { type: 'array', items: { $ref: '#/components/schemas/MenuItem' } } } },
          },
          400: errorResponse('The id is not a UUID, or a query parameter was given.'),
          404: errorResponse('No such restaurant.'),
          503: errorResponse('The database is unavailable.'),
        },
      },
    },
    '/restaurants/{id}/reviews': {
      get: {
        operationId: 'listReviews',
        parameters: [idParameter],
        responses: {
          200: {
            description: 'The latest 50 reviews, newest first, each with its reviewer.',
            headers: dataSourceHeader,
            content: {
              'application/json': { schema: { type: 'array', maxItems: 50, items: { $ref: '#/components/schemas/Review' } } },
            },
          },
          400: errorResponse('The id is not a UUID, or a query parameter was given.'),
          404: errorResponse('No such restaurant.'),
          503: errorResponse('The database is unavailable.'),
        },
      },
    },
  },
  components: {
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        additionalProperties: false,
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            additionalProperties: false,
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
      Address: {
        type: 'object',
        required: ['line', 'postalCode', 'countryCode'],
        additionalProperties: false,
        properties: {
          line: { type: 'string' },
          postalCode: nullable({ type: 'string' }),
          countryCode: { type: 'string', minLength: 2, maxLength: 2 },
        },
      },
      RestaurantSummary: {
        type: 'object',
        required: SUMMARY_REQUIRED,
        additionalProperties: false,
        properties: SUMMARY_PROPERTIES,
      },
      Category: {
        type: 'object',
        required: ['id', 'kind', 'slug', 'name'],
        additionalProperties: false,
        properties: {
          id: uuid,
          kind: { type: 'string', enum: ['cuisine', 'dietary', 'feature'] },
          slug: { type: 'string' },
          name: { type: 'string' },
        },
      },
      RestaurantDetail: {
        type: 'object',
        required: [...SUMMARY_REQUIRED, 'description', 'phone', 'website', 'openingHours', 'categories', 'createdAt', 'updatedAt'],
        additionalProperties: false,
        properties: {
          ...SUMMARY_PROPERTIES,
          description: nullable({ type: 'string' }),
          phone: nullable({ type: 'string' }),
          website: nullable({ type: 'string' }),
          openingHours: {
            type: 'object',
            additionalProperties: true,
            description: 'Per weekday (mon…sun): a list of {open, close} in local time, as stored.',
          },
          categories: { type: 'array', items: { $ref: '#/components/schemas/Category' } },
          createdAt: timestamp,
          updatedAt: timestamp,
        },
      },
      MenuItem: {
        type: 'object',
        required: ['id', 'section', 'position', 'name', 'description', 'price', 'currency', 'isAvailable', 'dietaryFlags'],
        additionalProperties: false,
        properties: {
          id: uuid,
          section: { type: 'string' },
          position: { type: 'integer', minimum: 0 },
          name: { type: 'string' },
          description: nullable({ type: 'string' }),
          price: { type: 'string', pattern: '^\\d+\\.\\d{2}$', description: 'Exact decimal.' },
          currency: { type: 'string', pattern: '^[A-Z]{3}$' },
          isAvailable: { type: 'boolean' },
          dietaryFlags: { type: 'array', items: { type: 'string' } },
        },
      },
      Review: {
        type: 'object',
        required: ['id', 'rating', 'title', 'body', 'visitedOn', 'createdAt', 'reviewer'],
        additionalProperties: false,
        properties: {
          id: uuid,
          rating: { type: 'integer', minimum: 1, maximum: 5 },
          title: nullable({ type: 'string' }),
          body: { type: 'string' },
          visitedOn: nullable({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
          createdAt: timestamp,
          reviewer: {
            type: 'object',
            required: ['id', 'displayName'],
            additionalProperties: false,
            properties: { id: uuid, displayName: { type: 'string' } },
          },
        },
      },
    },
  },
} as const;
