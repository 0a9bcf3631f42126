/**
 * A private dynalite child process, so a test can stop, freeze and restart "DynamoDB" without
 * touching the shared one. Its LevelDB lives in a temporary directory, so a restart keeps the
 * table. Only the process this helper started is ever signalled (by its pid).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { PROJECT_ROOT } from '../../services/shared/paths.js';
import { testDynamo } from './sink.js';
import { waitFor } from './wait.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export class PrivateDynalite {
  private child: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), 'bellyfed-dynalite-'));
  private constructor(readonly port: number) {}

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateDynalite> {
    const own = new PrivateDynalite(await freePort());
    await own.restart();
    return own;
  }

  /** (Re)starts the process on the same port and data directory; resolves when it answers. */
  async restart(): Promise<void> {
    const cli = createRequire(join(PROJECT_ROOT, 'package.json')).resolve('dynalite/cli.js');
    this.child = spawn(process.execPath, [cli, '--host', '127.0.0.1', '--port', String(this.port), '--path', this.dir, '--createTableMs', '0'], {
      stdio: 'ignore',
    });
    const client = testDynamo(this.endpoint);
    try {
      await waitFor(async () => (await client.send(new ListTablesCommand({}))) !== undefined, `dynalite on ${this.port}`, { timeoutMs: 15_000, intervalMs: 50 });
    } finally {
      client.destroy();
    }
  }

  /** SIGSTOP: the port still accepts connections but nothing answers (a hung DynamoDB). */
  freeze(): void {
    if (this.child?.pid) process.kill(this.child.pid, 'SIGSTOP');
  }

  thaw(): void {
    if (this.child?.pid) process.kill(this.child.pid, 'SIGCONT');
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    if (child.pid) {
      process.kill(child.pid, 'SIGKILL');
    }
    await exited;
  }

  async destroy(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
