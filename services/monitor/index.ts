/**
 * `bellyfed serve monitor`: samples the pipeline every MONITOR_INTERVAL_MS and serves the
 * dashboard, /status, /history and /metrics on MONITOR_PORT until it is told to stop.
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MonitorServiceConfig } from '../shared/config.js';
import type { Logger } from '../shared/logger.js';
import { ConnectClient } from '../shared/connect/client.js';
import { createMonitorApp } from './app.js';
import { AutoRestarter } from './auto-restart/restarter.js';
import { CloudWatchPublisher } from './cloudwatch.js';
import { createLiveSources } from './live-sources.js';
import { startMonitor, type PipelineMonitor } from './monitor.js';

export { evaluate, stateCode } from './evaluate.js';
export { createLiveSources } from './live-sources.js';
export { takeSample } from './sampler.js';
export type { PipelineSample, PipelineState, PipelineStatus } from './types.js';

export interface RunningMonitor {
  url: string;
  server: Server;
  monitor: PipelineMonitor;
  close(): Promise<void>;
}

export async function startMonitorService(config: MonitorServiceConfig, logger: Logger): Promise<RunningMonitor> {
  const sources = createLiveSources(config, logger);
  const cloudWatch = config.monitor.cloudWatch ? new CloudWatchPublisher(config.monitor.cloudWatch.namespace, config.monitor.cloudWatch.region) : undefined;
  const restarter = config.monitor.autoRestart
    ? new AutoRestarter(new ConnectClient({ ...config.connect, timeoutMs: config.monitor.sourceTimeoutMs }), logger)
    : undefined;
  const monitor = startMonitor(sources, config.monitor, logger, undefined, async (sample, previous) => {
    await Promise.all([cloudWatch?.publish(sample, previous), restarter?.observe(sample)]);
  });
  // Listen once the first sample is in (bounded by MONITOR_SOURCE_TIMEOUT_MS): a scrape never sees
  // the zeros of metrics that have not been measured yet.
  // A sample that fails outright (a bug: sources catch their own errors) must not keep the port closed.
  await Promise.race([monitor.ready(), new Promise((resolve) => setTimeout(resolve, 2 * config.monitor.sourceTimeoutMs).unref())]);
  const app = createMonitorApp(monitor, config.monitor, logger, restarter ? () => restarter.counts() : undefined);
  const server = app.listen(config.monitor.port, config.http.host);
  await once(server, 'listening');
  const address = server.address() as AddressInfo;
  const url = `http://${address.address.includes(':') ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info({ url, intervalMs: config.monitor.intervalMs }, 'monitor listening');

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const deadline = setTimeout(() => server.closeAllConnections(), Math.min(2000, config.shutdownTimeoutMs));
      await monitor.stop();
      await closed;
      clearTimeout(deadline);
      await sources.close();
      cloudWatch?.close();
      logger.info('monitor stopped');
    })();
    return closing;
  };
  return { url, server, monitor, close };
}
