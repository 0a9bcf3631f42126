/** Validates a response body against the service's own OpenAPI document (JSON Schema 2020-12). */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { OPENAPI_DOCUMENT } from '../../services/query/openapi.js';

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('uuid', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
ajv.addSchema({ $id: 'openapi', components: OPENAPI_DOCUMENT.components } as object);

const cache = new Map<string, ValidateFunction>();

type Paths = typeof OPENAPI_DOCUMENT.paths;

/** Throws with Ajv's errors when `body` does not match the documented response of (path, status). */
export function assertMatchesOpenApi(pathTemplate: keyof Paths, status: number, body: unknown): void {
  const key = `${pathTemplate} ${status}`;
  let validate = cache.get(key);
  if (!validate) {
    const responses = OPENAPI_DOCUMENT.paths[pathTemplate].get.responses as Record<number, { content?: { 'application/json': { schema: unknown } } }>;
    const response = responses[status];
    if (!response?.content) throw new Error(`OpenAPI documents no ${status} JSON response for GET ${pathTemplate}`);
    const schema = JSON.parse(JSON.stringify(response.content['application/json'].schema).replaceAll('"#/components', '"openapi#/components'));
    validate = ajv.compile(schema);
    cache.set(key, validate);
  }
  if (!validate(body)) {
    throw new Error(`response of GET ${pathTemplate} (${status}) does not match the OpenAPI document: ${ajv.errorsText(validate.errors)}`);
  }
}

/** The documented path template a concrete path belongs to. */
export function templateOf(path: string): keyof Paths {
  const bare = path.split('?')[0] as string;
  if (bare === '/restaurants') return '/restaurants';
  if (bare.endsWith('/menu')) return '/restaurants/{id}/menu';
  if (bare.endsWith('/reviews')) return '/restaurants/{id}/reviews';
  return '/restaurants/{id}';
}
