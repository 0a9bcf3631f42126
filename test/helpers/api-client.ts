/** A client for the read API that checks every response it sees against the OpenAPI document. */
import { expect } from 'chai';
import { assertMatchesOpenApi, templateOf } from './openapi.js';
import { getJson, type JsonResponse } from './query-service.js';

export function apiClient(baseUrl: string) {
  return async function api(path: string, init?: RequestInit): Promise<JsonResponse> {
    const response = await getJson(baseUrl, path, init);
    expect(response.headers.get('content-type') ?? '', `content type of ${path}`).to.match(/^application\/json/);
    const documented = [200, 400, 404, 503];
    if (path.startsWith('/restaurants') && documented.includes(response.status) && (init?.method ?? 'GET') === 'GET') {
      assertMatchesOpenApi(templateOf(path), response.status, response.body);
    }
    return response;
  };
}

/** Follows rel="next" links from a first page to the end; returns the pages' bodies. */
export async function allPages(api: ReturnType<typeof apiClient>, firstPath: string, maxPages = 1000): Promise<unknown[][]> {
  const pages: unknown[][] = [];
  let path: string | undefined = firstPath;
  while (path !== undefined) {
    if (pages.length >= maxPages) throw new Error(`more than ${maxPages} pages from ${firstPath}`);
    const response = await api(path);
    expect(response.status, `${path}: ${response.text}`).to.equal(200);
    pages.push(response.body as unknown[]);
    const link = response.headers.get('link');
    path = link ? /^<([^>]+)>; rel="next"$/.exec(link)?.[1] : undefined;
    if (link) expect(path, `Link header ${link}`).to.be.a('string');
  }
  return pages;
}
