/** The query service's read-router: which store serves each endpoint, the freshness gate, fallback and shadow. */
import { z } from 'zod';
import { int } from './fields.js';
import { parseRouteSpec, type RouteOverrides } from './route-spec.js';

export const READ_ROUTER_ENV = {
  PHASE2: z.enum(['on', 'off'], { message: 'must be on or off' })
    .default('off')
    .describe('on: the hot read endpoints are served from DynamoDB (with freshness gate and fallback) unless READ_ROUTES says otherwise.'),
  READ_ROUTES: z.string()
    .transform((text, ctx) => {
      const parsed = parseRouteSpec(text);
      if (!parsed.ok) for (const problem of parsed.problems) ctx.addIssue({ code: 'custom', message: problem });
      return parsed.ok ? parsed.routes : {};
    })
    .optional()
    .describe('Per-endpoint store, overriding PHASE2: e.g. restaurants.get=dynamodb,restaurants.list=shadow (postgres, dynamodb or shadow).'),
  FRESHNESS_BOUND_MS: int(100, 3_600_000)
    .default(15_000)
    .describe("A DynamoDB route serves from PostgreSQL when the sink's watermark of a table it reads is older than this; keep it above Debezium's heartbeat interval."),
  WATERMARK_CACHE_MS: int(0, 60_000)
    .default(500)
    .describe('How long the query service reuses the watermarks it read (one DynamoDB Query per interval, not per request).'),
  DYNAMODB_TIMEOUT_MS: int(10, 60_000)
    .default(150)
    .describe('Deadline of a DynamoDB read in the query service; past it the request is aborted and served from PostgreSQL.'),
  CIRCUIT_FAILURE_THRESHOLD: int(1, 1000)
    .default(5)
    .describe('Consecutive DynamoDB failures (errors, timeouts) after which the read-router stops trying DynamoDB for a while.'),
  CIRCUIT_OPEN_MS: int(100, 600_000)
    .default(5000)
    .describe('How long the circuit stays open before one probe request tries DynamoDB again.'),
  SHADOW_CONCURRENCY: int(1, 1000)
    .default(16)
    .describe('Shadow reads of DynamoDB in flight at most; beyond it a comparison is skipped and counted, never queued.'),
  ADMIN_TOKEN: z.string()
    .regex(/^[\x21-\x7e]{16,512}$/, { message: 'must be 16 to 512 printable ASCII characters without spaces' })
    .optional()
    .describe('Bearer token of the admin endpoint (PUT /admin/routes); unset turns the endpoint off. A secret: never logged.'),
};

export interface ReadRouterConfig {
  readonly phase2: boolean;
  readonly routes: RouteOverrides;
  readonly freshnessBoundMs: number;
  readonly watermarkCacheMs: number;
  readonly dynamodbTimeoutMs: number;
  readonly circuitFailureThreshold: number;
  readonly circuitOpenMs: number;
  readonly shadowConcurrency: number;
  readonly adminToken: string | undefined;
}
