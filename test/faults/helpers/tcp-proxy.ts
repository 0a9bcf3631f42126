/**
 * A TCP pass-through in front of a real server (PostgreSQL here), so a drill can break the
 * network between a service and it without touching the server:
 * - `cut()`: every connection through the proxy is destroyed and the port stops listening, so
 *   new connections are refused (ECONNREFUSED) — a reader that went away;
 * - `hang()`: connections stay open but nothing is forwarded either way, and new connections are
 *   accepted but never reach the server — a stalled network or a frozen host;
 * - `heal()`: forwarding again. A hang heals by delivering what it held back (a stall that ends);
 *   a cut heals by listening again on the same port.
 * Only loopback targets; only the sockets this proxy made are ever touched.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { assertLocalUrl } from '../../helpers/local-only.js';

export type ProxyMode = 'pass' | 'cut' | 'hang';

interface Pipe {
  client: Socket;
  upstream: Socket | undefined;
  /** Bytes held back while hung, per direction. */
  toUpstream: Buffer[];
  toClient: Buffer[];
}

export class TcpProxy {
  private server: Server | undefined;
  private mode: ProxyMode = 'pass';
  private readonly pipes = new Set<Pipe>();
  /** Connections accepted over the proxy's life (a drill reports it). */
  accepted = 0;

  private constructor(private readonly target: { host: string; port: number }, private listenPort: number) {}

  /** Listens on a free loopback port in front of host:port. */
  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    assertLocalUrl(`tcp://${target.host}:${target.port}`, 'proxy target');
    const proxy = new TcpProxy(target, 0);
    await proxy.listen();
    return proxy;
  }

  /** A proxy in front of a PostgreSQL URL's host and port; connect through rewriteUrl(url). */
  static inFrontOf(databaseUrl: string): Promise<TcpProxy> {
    const url = new URL(databaseUrl);
    return TcpProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
  }

  get port(): number {
    return this.listenPort;
  }

  get state(): ProxyMode {
    return this.mode;
  }

  /** The same PostgreSQL URL with its host and port replaced by the proxy's. */
  rewriteUrl(url: string): string {
    const parsed = new URL(url);
    parsed.hostname = '127.0.0.1';
    parsed.port = String(this.listenPort);
    return parsed.toString();
  }

  private async listen(): Promise<void> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.listenPort, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.listenPort = (server.address() as { port: number }).port;
    this.server = server;
  }

  private accept(client: Socket): void {
    this.accepted++;
    const pipe: Pipe = { client, upstream: undefined, toUpstream: [], toClient: [] };
    this.pipes.add(pipe);
    client.on('error', () => this.close(pipe));
    client.on('close', () => this.close(pipe));
    client.on('data', (chunk: Buffer) => {
      if (this.mode === 'pass' && pipe.upstream?.readyState === 'open') pipe.upstream.write(chunk);
      else pipe.toUpstream.push(chunk);
    });
    if (this.mode === 'pass') this.openUpstream(pipe);
  }

  private openUpstream(pipe: Pipe): void {
    const upstream = connect(this.target.port, this.target.host);
    pipe.upstream = upstream;
    upstream.on('connect', () => this.flush(pipe));
    upstream.on('data', (chunk: Buffer) => {
      if (this.mode === 'pass') pipe.client.write(chunk);
      else pipe.toClient.push(chunk);
    });
    upstream.on('error', () => this.close(pipe));
    upstream.on('close', () => this.close(pipe));
  }

  private flush(pipe: Pipe): void {
    if (this.mode !== 'pass') return;
    for (const chunk of pipe.toUpstream.splice(0)) pipe.upstream?.write(chunk);
    for (const chunk of pipe.toClient.splice(0)) pipe.client.write(chunk);
  }

  private close(pipe: Pipe): void {
    if (!this.pipes.delete(pipe)) return;
    pipe.client.destroy();
    pipe.upstream?.destroy();
  }

  /** Connections currently open through the proxy. */
  get connections(): number {
    return this.pipes.size;
  }

  /** Destroys every connection and stops listening: new connections are refused. */
  async cut(): Promise<void> {
    this.mode = 'cut';
    const server = this.server;
    this.server = undefined;
    const closed = server ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    for (const pipe of [...this.pipes]) this.close(pipe);
    await closed;
  }

  /** Forwards nothing, either way, on old or new connections; new connections are still accepted. */
  async hang(): Promise<void> {
    if (this.mode === 'cut') await this.listen();
    this.mode = 'hang';
  }

  /** Back to a plain pass-through; held-back bytes are delivered, new connections reach the server. */
  async heal(): Promise<void> {
    const previous = this.mode;
    if (previous === 'cut') await this.listen();
    this.mode = 'pass';
    for (const pipe of this.pipes) {
      if (pipe.upstream === undefined) this.openUpstream(pipe);
      else if (pipe.upstream.readyState === 'open') this.flush(pipe);
    }
  }

  async stop(): Promise<void> {
    await this.cut();
  }
}
