/**
 * The baseline of `bench query`: a bare node:http server with a pg pool running the same SQL
 * as the query service, with no framework, validation, logging, metrics or mapping. Run as a
 * child process on PORT.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { API_VALUE_TYPES } from '../../services/shared/database.js';
import { loadConfig } from '../../services/shared/config.js';
import { getRestaurantQuery } from '../../services/query/sql/get-restaurant.js';
import { listMenuQuery } from '../../services/query/sql/list-menu.js';
import { listRestaurantsQuery } from '../../services/query/sql/list-restaurants.js';
import { listReviewsQuery } from '../../services/query/sql/list-reviews.js';
import { decodeCursor } from '../../services/query/cursor.js';

const config = loadConfig();
const pool = new pg.Pool({ connectionString: config.database.readUrl ?? config.database.url, max: config.database.poolSize, options: '-c TimeZone=UTC', types: API_VALUE_TYPES });

function queryFor(url: URL): pg.QueryConfig | undefined {
  if (url.pathname === '/restaurants') {
    const cursor = url.searchParams.get('cursor');
    return listRestaurantsQuery({
      city: url.searchParams.get('city') ?? undefined,
      cuisine: url.searchParams.get('cuisine') ?? undefined,
      limit: Number(url.searchParams.get('limit') ?? 20),
      after: cursor ? decodeCursor(cursor) : undefined,
    });
  }
  const match = /^\/restaurants\/([0-9a-f-]{36})(\/menu|\/reviews)?$/.exec(url.pathname);
  if (!match?.[1]) return undefined;
  if (match[2] === '/menu') return listMenuQuery(match[1]);
  if (match[2] === '/reviews') return listReviewsQuery(match[1], 50);
  return getRestaurantQuery(match[1]);
}

const server = createServer(async (req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200).end('{}');
    return;
  }
  const query = queryFor(new URL(req.url ?? '/', 'http://x'));
  if (!query) {
    res.writeHead(404).end();
    return;
  }
  try {
    const { rows } = await pool.query(query);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rows));
  } catch {
    res.writeHead(500).end();
  }
});

server.listen(config.http.port, config.http.host);
process.on('SIGTERM', () => server.close(() => void pool.end()));
