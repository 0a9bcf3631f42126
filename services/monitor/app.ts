/** The monitor's HTTP face: the live dashboard at /, JSON at /status and /history, Prometheus at /metrics. */
import { existsSync } from 'node:fs';
import express, { type Express } from 'express';
import type { MonitorConfig } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { DASHBOARD_DIR, UPLOT_DIST_DIR } from './assets.js';
import type { PipelineMonitor } from './monitor.js';
import { createMonitorMetrics } from './metrics.js';

export function createMonitorApp(
  monitor: PipelineMonitor, config: MonitorConfig, logger: Logger, autoRestarts?: () => ReadonlyMap<string, number>,
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('json spaces', 0);
  const registry = createMonitorMetrics(() => monitor.latest(), autoRestarts);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const ready = monitor.latest() !== undefined;
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'sampling' });
  });
  app.get('/status', (_req, res) => {
    const latest = monitor.latest();
    res.set('cache-control', 'no-store');
    if (latest === undefined) {
      res.status(503).json({ state: 'unknown', reasons: [], message: 'the first sample is not complete yet' });
      return;
    }
    res.json({ ...latest, intervalMs: config.intervalMs });
  });
  app.get('/history', (_req, res) => {
    res.set('cache-control', 'no-store');
    res.json({ intervalMs: config.intervalMs, thresholds: config.thresholds, points: monitor.history() });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });

  // The dashboard and its charting library come from this service: no CDN, works offline.
  if (!existsSync(DASHBOARD_DIR) || !existsSync(UPLOT_DIST_DIR)) {
    logger.error({ dashboard: DASHBOARD_DIR, uplot: UPLOT_DIST_DIR }, 'dashboard assets not found: / is unavailable (metrics and /status still work)');
  }
  app.use('/vendor/uplot', express.static(UPLOT_DIST_DIR, { index: false, maxAge: '1h' }));
  app.use(express.static(DASHBOARD_DIR, { index: 'index.html', maxAge: 0 }));
  app.use((_req, res) => {
    res.status(404).json({ error: { code: 'NOT_FOUND', message: 'try /, /status, /history or /metrics' } });
  });
  return app;
}
