/**
 * A small client for the Kafka Connect REST API. Every failure becomes a BellyfedError that says
 * what to do: Connect unreachable (with the URL), unknown connector, a rejected config (with
 * Connect's own message). `fetch` is injectable so the error mapping is testable without a worker.
 */
import { backoffDelayMs, sleep } from '../backoff.js';
import { BellyfedError } from '../errors.js';
import type { ConnectorConfig, ConnectorStatus, ValidationResult } from './types.js';
import { RETRY_POLICIES } from '../retry-policies.js';

export interface ConnectClientOptions {
  readonly url: string;
  readonly username?: string | undefined;
  readonly password?: string | undefined;
  /** Per request. Connect validates configs by connecting to the database, which takes seconds. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  /** How often to ask again while the worker rebalances (default 8, about 15 s in all). */
  readonly rebalanceRetries?: number;
}

interface ConnectErrorBody {
  error_code?: number;
  message?: string;
}

const enc = encodeURIComponent;

export class ConnectClient {
  readonly url: string;
  private readonly authorization: string | undefined;
  private readonly timeoutMs: number;
  private readonly fetchFn: typeof fetch;
  private readonly rebalanceRetries: number;

  constructor(options: ConnectClientOptions) {
    this.url = options.url.replace(/\/+$/, '');
    this.authorization =
      options.username !== undefined
        ? `Basic ${Buffer.from(`${options.username}:${options.password ?? ''}`).toString('base64')}`
        : undefined;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.fetchFn = options.fetch ?? fetch;
    this.rebalanceRetries = options.rebalanceRetries ?? 8;
  }

  listConnectors(): Promise<string[]> {
    return this.request<string[]>('GET', '/connectors');
  }

  /** Every connector with its status, in one call (GET /connectors?expand=status). */
  async listWithStatus(): Promise<ConnectorStatus[]> {
    const expanded = await this.request<Record<string, { status: ConnectorStatus }>>('GET', '/connectors?expand=status');
    return Object.values(expanded ?? {})
      .map((entry) => entry.status)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The running config, or undefined when Connect has no connector of that name. */
  async findConfig(name: string): Promise<ConnectorConfig | undefined> {
    try {
      return await this.request<ConnectorConfig>('GET', `/connectors/${enc(name)}/config`, { connector: name });
    } catch (err) {
      if (err instanceof BellyfedError && err.code === 'CONNECTOR_NOT_FOUND') return undefined;
      throw err;
    }
  }

  /** Creates or updates; Connect validates the config first and answers 400 with its reasons. */
  async putConfig(name: string, config: ConnectorConfig): Promise<{ created: boolean }> {
    const { status } = await this.send('PUT', `/connectors/${enc(name)}/config`, { connector: name, body: config });
    return { created: status === 201 };
  }

  validate(connectorClass: string, config: ConnectorConfig): Promise<ValidationResult> {
    return this.request<ValidationResult>('PUT', `/connector-plugins/${enc(connectorClass)}/config/validate`, { body: config });
  }

  status(name: string): Promise<ConnectorStatus> {
    return this.request<ConnectorStatus>('GET', `/connectors/${enc(name)}/status`, { connector: name });
  }

  async pause(name: string): Promise<void> {
    await this.send('PUT', `/connectors/${enc(name)}/pause`, { connector: name });
  }

  async resume(name: string): Promise<void> {
    await this.send('PUT', `/connectors/${enc(name)}/resume`, { connector: name });
  }

  /** Restarts the connector and its tasks (only the failed ones with onlyFailed). */
  async restart(name: string, options: { onlyFailed: boolean }): Promise<void> {
    await this.send('POST', `/connectors/${enc(name)}/restart?includeTasks=true&onlyFailed=${options.onlyFailed}`, {
      connector: name,
    });
  }

  async delete(name: string): Promise<void> {
    await this.send('DELETE', `/connectors/${enc(name)}`, { connector: name });
  }

  private async request<T>(method: string, path: string, options: { connector?: string; body?: unknown } = {}): Promise<T> {
    return (await this.send(method, path, options)).body as T;
  }

  /**
   * A worker that is rebalancing (connectors created or deleted elsewhere) answers 409, or 500
   * "a rebalance is expected", without doing anything: wait briefly and ask again.
   */
  private async send(
    method: string,
    path: string,
    options: { connector?: string | undefined; body?: unknown },
  ): Promise<{ status: number; body: unknown }> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.sendOnce(method, path, options);
      } catch (err) {
        if (attempt >= this.rebalanceRetries || !isRebalanceAnswer(err)) throw err;
        await sleep(backoffDelayMs(attempt + 1, RETRY_POLICIES.connect));
      }
    }
  }

  private async sendOnce(
    method: string,
    path: string,
    options: { connector?: string | undefined; body?: unknown },
  ): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (this.authorization) headers.authorization = this.authorization;
    let response: Response;
    try {
      response = await this.fetchFn(`${this.url}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw unreachable(this.url, this.timeoutMs, err);
    }
    const text = await response.text().catch(() => '');
    const body = parseBody(text);
    if (response.ok) return { status: response.status, body };
    throw httpError(this.url, method, path, response.status, body, text, options.connector);
  }
}

function isRebalanceAnswer(err: unknown): boolean {
  if (!(err instanceof BellyfedError) || err.code !== 'CONNECT_REQUEST_FAILED') return false;
  const status = err.details?.status;
  return status === 409 || (status === 500 && /rebalanc/i.test(err.message));
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function unreachable(url: string, timeoutMs: number, err: unknown): BellyfedError {
  const e = err as { name?: string; cause?: { code?: string; message?: string } };
  const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
  const reason = timedOut
    ? `no answer within ${Math.round(timeoutMs / 1000)} s`
    : (e.cause?.code ?? e.cause?.message ?? (err instanceof Error ? err.message : String(err)));
  return new BellyfedError(
    'CONNECT_UNREACHABLE',
    `Kafka Connect is unreachable at ${url} (${reason}): is the worker running, and is CONNECT_URL right?`,
    { cause: err },
  );
}

function httpError(
  url: string,
  method: string,
  path: string,
  status: number,
  body: unknown,
  text: string,
  connector: string | undefined,
): BellyfedError {
  const message = (typeof body === 'object' && body !== null ? (body as ConnectErrorBody).message : undefined) ?? text.slice(0, 500);
  if (status === 404 && connector !== undefined) {
    return new BellyfedError('CONNECTOR_NOT_FOUND', `Kafka Connect at ${url} has no connector named "${connector}" (list them with \`bellyfed connectors list\`)`);
  }
  if (status === 400 || status === 422) {
    return new BellyfedError('CONNECTOR_CONFIG_REJECTED', `Kafka Connect rejected ${connector ? `"${connector}"` : 'the request'}: ${message}`, {
      details: { status },
    });
  }
  if (status === 401 || status === 403) {
    return new BellyfedError(
      'CONNECT_REQUEST_FAILED',
      `Kafka Connect at ${url} refused the credentials (HTTP ${status}): check CONNECT_USERNAME and CONNECT_PASSWORD`,
      { retriable: false },
    );
  }
  // 409: a rebalance is in progress; 5xx: the worker is unwell. Both pass; the caller may retry.
  return new BellyfedError('CONNECT_REQUEST_FAILED', `Kafka Connect answered ${method} ${path} with HTTP ${status}: ${message}`, {
    details: { status },
    retriable: status === 409 || status >= 500,
  });
}
