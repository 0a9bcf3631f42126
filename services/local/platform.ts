import { existsSync } from 'node:fs';

import type { LocalConfig } from './config.js';
import { ensurePlatformFetched } from './fetch.js';
import { allParts, SERVICE_WAVE, START_WAVES } from './parts/index.js';
import { launchDetached, ownedPid, stopOwned } from './process.js';
import { isServicePart, type Part, type PartName, type PartStatus, type Reporter } from './types.js';
import { waitUntil } from './wait.js';

const STOP_GRACE_MS = 30_000;

export interface UpResult {
  readonly started: PartName[];
  readonly alreadyRunning: PartName[];
  readonly statuses: PartStatus[];
}

export interface UpOptions {
  /** Start the project's services too (after `provision`). */
  readonly services: boolean;
  /** Runs once the infrastructure is ready, before the services start (schema, table, connectors). */
  readonly provision?: () => Promise<void>;
}

/** Brings every part up; parts already running and ready are left alone (so `up` twice is harmless). */
export async function platformUp(config: LocalConfig, report: Reporter, options: UpOptions = { services: false }): Promise<UpResult> {
  await ensurePlatformFetched(config, report);
  const parts = allParts(config);
  const started: PartName[] = [];
  const alreadyRunning: PartName[] = [];
  const waves = [...START_WAVES, ...(options.services ? [SERVICE_WAVE] : [])];
  for (const wave of waves) {
    if (wave === SERVICE_WAVE && options.provision) await options.provision();
    await Promise.all(
      wave.map(async (name) => {
        const outcome = await bringUp(parts[name], report);
        (outcome === 'started' ? started : alreadyRunning).push(name);
      }),
    );
  }
  if (!options.services && options.provision) await options.provision();
  return { started, alreadyRunning, statuses: await platformStatus(config) };
}

async function bringUp(part: Part, report: Reporter): Promise<'started' | 'already-running'> {
  if (part.external) {
    await waitUntil(`${part.name} (external, ${part.endpoint})`, () => part.probe(), { timeoutMs: part.startTimeoutMs });
    await part.afterReady?.();
    report(`${part.name}: external at ${part.endpoint}, ready`);
    return 'already-running';
  }
  let pid = ownedPid(part);
  const wasRunning = pid !== undefined;
  if (pid === undefined) {
    await part.prepare();
    pid = launchDetached(part);
    report(`${part.name}: started (pid ${pid}), waiting until ready`);
  }
  const runningPid = pid;
  const started = Date.now();
  await waitUntil(`${part.name} at ${part.endpoint} (log: ${part.logFile})`, () => part.probe(), {
    timeoutMs: part.startTimeoutMs,
    abortReason: () => (ownedPid(part) === runningPid ? undefined : `process ${runningPid} exited; see ${part.logFile}`),
  });
  await part.afterReady?.();
  report(`${part.name}: ${wasRunning ? 'already running' : 'ready'} at ${part.endpoint} (pid ${runningPid}${wasRunning ? '' : `, ${((Date.now() - started) / 1000).toFixed(1)} s`})`);
  return wasRunning ? 'already-running' : 'started';
}

/** Starts one part (already running: left alone) and waits until it is ready. */
export async function startPart(config: LocalConfig, name: PartName, report: Reporter): Promise<PartStatus> {
  await ensurePlatformFetched(config, report);
  const part = allParts(config)[name];
  await bringUp(part, report);
  return partStatus(part);
}

/**
 * Stops one part that `up` started; `kill` sends SIGKILL at once (a crash, for fault drills) instead
 * of the part's graceful stop signal. Returns whether a process was stopped.
 */
export async function stopPart(config: LocalConfig, name: PartName, report: Reporter, options: { kill?: boolean } = {}): Promise<boolean> {
  const part = allParts(config)[name];
  if (part.external) {
    report(`${name}: external, left running`);
    return false;
  }
  const pid = ownedPid(part);
  const stopped = await stopOwned(part, STOP_GRACE_MS, options.kill ? 'SIGKILL' : part.stopSignal);
  report(`${name}: ${stopped ? `${options.kill ? 'killed' : 'stopped'} (pid ${pid})` : 'not running'}`);
  return stopped;
}

/** Stops what `up` started, in reverse order; external parts and foreign processes are left alone. */
export async function platformDown(config: LocalConfig, report: Reporter): Promise<void> {
  const parts = allParts(config);
  for (const wave of [SERVICE_WAVE, ...[...START_WAVES].reverse()]) {
    await Promise.all(
      wave.map(async (name) => {
        const part = parts[name];
        if (part.external) return report(`${name}: external, left running`);
        const pid = ownedPid(part);
        const stopped = await stopOwned(part, STOP_GRACE_MS);
        report(`${name}: ${stopped ? `stopped (pid ${pid})` : 'not running'}`);
      }),
    );
  }
}

export async function platformStatus(config: LocalConfig): Promise<PartStatus[]> {
  const parts = allParts(config);
  return Promise.all(Object.values(parts).map((part) => partStatus(part)));
}

async function partStatus(part: Part): Promise<PartStatus> {
  const base = { name: part.name, endpoint: part.endpoint, logFile: part.logFile };
  const probe = await part.probe().then(
    () => undefined,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  if (part.external) {
    return probe === undefined ? { ...base, state: 'external-ready' } : { ...base, state: 'external-down', detail: probe };
  }
  const pid = ownedPid(part);
  if (pid === undefined) {
    // A service nobody started (`up --skip-services`) is not a failure; a crashed one is.
    if (isServicePart(part.name) && !existsSync(part.pidFile)) return { ...base, state: 'not-started' };
    return { ...base, state: 'stopped', ...(probe === undefined ? { detail: 'something else answers on its port' } : {}) };
  }
  return probe === undefined ? { ...base, state: 'ready', pid } : { ...base, state: 'running-not-ready', pid, detail: probe };
}

export function isHealthy(status: PartStatus): boolean {
  return status.state === 'ready' || status.state === 'external-ready' || status.state === 'not-started';
}
