/**
 * A raw HTTP/1.1 client over one TCP connection per request: it sends exactly the bytes it is
 * given (any method token, any request target, any header), which fetch and node:http refuse
 * to do, so hostile-input tests reach the server's own parser. One request, then the socket is
 * destroyed; a response that does not complete within `timeoutMs` is reported as a hang.
 */
import { connect } from 'node:net';

export interface RawRequest {
  method: string;
  /** The request target exactly as written on the request line (not encoded here). */
  target: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body?: string;
}

export interface RawResponse {
  status: number;
  headers: Map<string, string>;
  body: string;
}

export class RawHangError extends Error {
  constructor(what: string, timeoutMs: number) {
    super(`no complete response within ${timeoutMs} ms: ${what}`);
    this.name = 'RawHangError';
  }
}

/** Host, Connection: close and a Content-Length for a body are added unless the request sets them. */
export function serializeRequest(host: string, request: RawRequest): Buffer {
  const names = new Set(request.headers.map(([name]) => name.toLowerCase()));
  const headers = [...request.headers];
  if (!names.has('host')) headers.unshift(['Host', host]);
  if (!names.has('connection')) headers.push(['Connection', 'close']);
  if (request.body !== undefined && !names.has('content-length') && !names.has('transfer-encoding')) {
    headers.push(['Content-Length', String(Buffer.byteLength(request.body))]);
  }
  const head = `${request.method} ${request.target} HTTP/1.1\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.from(request.body ?? '', 'utf8')]);
}

interface Parsed {
  status: number;
  headers: Map<string, string>;
  bodyStart: number;
}

function parseHead(data: Buffer): Parsed | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const lines = data.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
  if (!Number.isInteger(status)) throw new Error(`not an HTTP status line: ${JSON.stringify(lines[0])}`);
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status, headers, bodyStart: end + 4 };
}

/** Decodes a complete chunked body, or undefined while it is incomplete. */
function dechunk(data: Buffer): Buffer | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size)) throw new Error('malformed chunked body');
    if (size === 0) return Buffer.concat(parts);
    if (data.length < lineEnd + 2 + size + 2) return undefined;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

/**
 * Sends one request and reads one final response (1xx interim responses are skipped). The body
 * ends at Content-Length, at the last chunk, or at the server's close; HEAD has none.
 */
export function rawRequest(baseUrl: string, request: RawRequest, timeoutMs: number): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    let data = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: { response?: RawResponse; error?: Error }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (outcome.response) resolve(outcome.response);
      else reject(outcome.error);
    };
    const timer = setTimeout(() => finish({ error: new RawHangError(`${request.method} ${request.target.slice(0, 200)}`, timeoutMs) }), timeoutMs);

    const tryComplete = (closed: boolean): void => {
      let head = parseHead(data);
      // Skip interim responses (100 Continue).
      while (head && head.status >= 100 && head.status < 200) {
        data = data.subarray(head.bodyStart);
        head = parseHead(data);
      }
      if (!head) {
        if (closed) finish({ error: new Error(`connection closed without a response (${data.length} bytes): ${request.method} ${request.target.slice(0, 200)}`) });
        return;
      }
      const rest = data.subarray(head.bodyStart);
      const done = (body: Buffer) => finish({ response: { status: head.status, headers: head.headers, body: body.toString('utf8') } });
      if (request.method === 'HEAD' || head.status === 204 || head.status === 304) return done(Buffer.alloc(0));
      const length = head.headers.get('content-length');
      if (length !== undefined) {
        if (rest.length >= Number(length)) return done(rest.subarray(0, Number(length)));
      } else if (/chunked/i.test(head.headers.get('transfer-encoding') ?? '')) {
        const body = dechunk(rest);
        if (body) return done(body);
      } else if (closed) {
        return done(rest);
      }
      if (closed) finish({ error: new Error(`connection closed mid-body: ${request.method} ${request.target.slice(0, 200)}`) });
    };

    socket.on('data', (chunk: Buffer) => {
      data = Buffer.concat([data, chunk]);
      try {
        tryComplete(false);
      } catch (err) {
        finish({ error: err as Error });
      }
    });
    socket.on('end', () => {
      try {
        tryComplete(true);
      } catch (err) {
        finish({ error: err as Error });
      }
    });
    // A reset after the server answered (it closed while we were still sending) is not an error.
    socket.on('error', (err) => {
      try {
        tryComplete(true);
      } catch {
        // fall through to the error below
      }
      finish({ error: err });
    });
    socket.on('connect', () => {
      socket.write(serializeRequest(url.host, request));
    });
  });
}
