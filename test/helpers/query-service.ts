/** Starts the real query service in-process against a test database, on a free port. */
import { loadConfig } from '../../services/shared/config.js';
import { startQueryService, type RunningQueryService } from '../../services/query/index.js';
import { quietLogger } from './postgres.js';

export async function startTestQueryService(env: Record<string, string>): Promise<RunningQueryService> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', ANALYTICS_ENABLED: 'false', LOG_LEVEL: 'silent', ...env });
  return startQueryService(config, quietLogger);
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

export async function getJson(baseUrl: string, path: string, init?: RequestInit): Promise<JsonResponse> {
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}
