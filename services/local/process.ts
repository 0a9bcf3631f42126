import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { processEnvironment } from '../shared/config.js';
import { LocalPlatformError } from './errors.js';
import type { Part } from './types.js';
import { waitUntil } from './wait.js';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else; still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The command line of a live process (Linux /proc), arguments joined by spaces. */
export function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return undefined;
  }
}

function readPidFile(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').trim(), 10);
  return Number.isSafeInteger(pid) && pid > 1 ? pid : undefined;
}

/**
 * The pid of the part's process when the pid file points at a live process whose command line
 * carries the part's marker; a reused pid (some other program) is never treated as ours.
 */
export function ownedPid(part: Part): number | undefined {
  const pid = readPidFile(part.pidFile);
  if (pid === undefined || !isAlive(pid)) return undefined;
  const commandLine = commandLineOf(pid);
  return commandLine?.includes(part.commandMarker) ? pid : undefined;
}

/** Starts the part detached from this process (it outlives the CLI), output appended to its log. */
export function launchDetached(part: Part): number {
  const command = part.launchCommand();
  mkdirSync(dirname(part.logFile), { recursive: true });
  const log = openSync(part.logFile, 'a');
  try {
    writeFileSync(log, `\n=== ${new Date().toISOString()} starting ${part.name}: ${command.file} ${command.args.join(' ')}\n`);
    const child = spawn(command.file, [...command.args], {
      cwd: command.cwd,
      env: { ...processEnvironment(), ...command.env },
      detached: true,
      stdio: ['ignore', log, log],
    });
    if (child.pid === undefined) {
      throw new LocalPlatformError('LOCAL_PREREQUISITE_MISSING', `${part.name}: could not start ${command.file}; see ${part.logFile}`);
    }
    child.unref();
    writeFileSync(part.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(log);
  }
}

/**
 * Stops a part we started: its stop signal, a wait, then SIGKILL. A pid file whose process is gone
 * or is not ours is removed and nothing is signalled. Returns whether a process was stopped.
 */
export async function stopOwned(part: Part, graceMs: number, signal: NodeJS.Signals = part.stopSignal): Promise<boolean> {
  const pid = ownedPid(part);
  if (pid === undefined) {
    rmSync(part.pidFile, { force: true });
    return false;
  }
  process.kill(pid, signal);
  try {
    await waitUntil(`${part.name} (pid ${pid}) to exit after ${signal}`, async () => assertExited(pid), { timeoutMs: graceMs });
  } catch {
    process.kill(pid, 'SIGKILL');
    await waitUntil(`${part.name} (pid ${pid}) to exit after SIGKILL`, async () => assertExited(pid), {
      timeoutMs: 10_000,
      failureCode: 'LOCAL_STOP_FAILED',
    });
  }
  rmSync(part.pidFile, { force: true });
  return true;
}

function assertExited(pid: number): void {
  if (isAlive(pid)) throw new Error(`pid ${pid} still running`);
}
