import { join } from 'node:path';

import { QUERY_HEAP_MIB, SINK_HEAP_MIB, withHeapCap } from '../../shared/node-heap.js';
import { LOCAL_HOST, type LocalConfig } from '../config.js';
import { platformEnvironment } from '../env.js';
import type { Part, ServicePartName } from '../types.js';

/** The variable that tells each service its port (config.servicePorts says which). */
const PORT_VARIABLE: Readonly<Record<ServicePartName, string>> = { query: 'PORT', sink: 'SINK_PORT', monitor: 'MONITOR_PORT' };

/** The sink and the query service run with a heap cap (services/shared/node-heap.ts); the monitor as Node sizes it. */
function serviceEnvironment(name: ServicePartName, env: Record<string, string>): Record<string, string> {
  if (name === 'sink') return withHeapCap(env, SINK_HEAP_MIB);
  if (name === 'query') return withHeapCap(env, QUERY_HEAP_MIB);
  return env;
}

/** One of the project's services (`bellyfed serve <name>`) as a detached process pointed at the platform. */
export function servicePart(config: LocalConfig, name: ServicePartName): Part {
  const dir = join(config.stateDir, name);
  const bellyfed = join(config.repoRoot, 'bin', 'bellyfed.js');
  const url = `http://${LOCAL_HOST}:${config.servicePorts[name]}`;
  return {
    name,
    endpoint: url,
    external: false,
    logFile: join(dir, `${name}.log`),
    pidFile: join(dir, `${name}.pid`),
    commandMarker: `${bellyfed} serve ${name}`,
    stopSignal: 'SIGTERM',
    startTimeoutMs: 30_000,
    async prepare() {},
    launchCommand: () => ({
      file: process.execPath,
      args: [bellyfed, 'serve', name],
      env: serviceEnvironment(name, { ...platformEnvironment(config), HOST: LOCAL_HOST, [PORT_VARIABLE[name]]: String(config.servicePorts[name]) }),
      cwd: config.repoRoot,
    }),
    async probe() {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(3000) });
      if (!response.ok) throw new Error(`${url}/readyz answered ${response.status}`);
    },
  };
}
