/** Starts a server as a child process, waits for the URL it prints, and samples its memory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { rssOf } from './proc.js';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Highest resident set size seen since start, in bytes. */
  peakRssBytes(): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Starts `command args` with PORT (or `portVariable`) set to a free port and waits for GET /healthz. The child's
 * stdout (its request logs) goes to /dev/null, as to a log collector: reading it here would
 * steal CPU from the load generator.
 */
export async function startServer(
  command: string, args: string[], env: NodeJS.ProcessEnv, options: { portVariable?: string } = {},
): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const portEnv = { [options.portVariable ?? 'PORT']: String(port), HOST: '127.0.0.1' };
  const child = spawn(command, args, { env: { ...env, ...portEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited) throw new Error(`${args.join(' ')} exited before it was ready: ${stderr}`);
    const ready = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${args.join(' ')} was not ready within 20 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  let peak = 0;
  const sampler = setInterval(() => {
    if (child.pid !== undefined) peak = Math.max(peak, rssOf(child.pid));
  }, 100);
  return {
    url,
    child,
    peakRssBytes: () => peak,
    stop: async () => {
      clearInterval(sampler);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
