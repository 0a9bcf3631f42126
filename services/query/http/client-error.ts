/**
 * Requests Node's HTTP parser refuses before Express sees them (a malformed request line or
 * header, an unknown method, headers over the size limit, a header timeout): Node's default
 * answer is a bare `400 Bad Request` without a body. Ours is the API's JSON error, like every
 * other 4xx, with the connection closed as Node would.
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

/** The status for a parser error code: 431 for oversized headers, 408 for a header timeout, else 400. */
export function clientErrorStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

/** The complete raw response to write on the socket (the request could not be parsed, so it closes). */
export function clientErrorResponse(status: number): string {
  const message = status === 431 ? 'the request line or headers are too large'
    : status === 408 ? 'the request took too long to arrive'
      : 'the request is malformed';
  const body = JSON.stringify({ error: { code: 'BAD_REQUEST', message } });
  return `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\n`
    + 'Content-Type: application/json; charset=utf-8\r\n'
    + `Content-Length: ${Buffer.byteLength(body)}\r\n`
    + 'Connection: close\r\n\r\n'
    + body;
}

/** For `server.on('clientError', …)`. A socket that is gone or already answering is only destroyed. */
export function answerClientError(err: Error & { code?: string }, socket: Duplex): void {
  // ECONNRESET: the client left; a response already under way cannot get a second status line.
  const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (err.code === 'ECONNRESET' || !socket.writable || answering) {
    socket.destroy();
    return;
  }
  socket.end(clientErrorResponse(clientErrorStatus(err.code)));
}

/**
 * For `server.on('checkExpectation', …)`: an `Expect` other than 100-continue. Node's default is
 * a bare 417; ours carries the JSON error body.
 */
export function answerUnmetExpectation(_req: IncomingMessage, res: ServerResponse): void {
  const body = JSON.stringify({ error: { code: 'BAD_REQUEST', message: "the Expect header is not supported (only '100-continue')" } });
  res.writeHead(417, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
  res.end(body);
}

/** The raw 405 for a CONNECT request (a tunnel this service never opens). */
export function connectRefusedResponse(): string {
  const body = JSON.stringify({ error: { code: 'METHOD_NOT_ALLOWED', message: 'CONNECT is not allowed; use GET' } });
  return 'HTTP/1.1 405 Method Not Allowed\r\n'
    + 'Allow: GET, HEAD\r\n'
    + 'Content-Type: application/json; charset=utf-8\r\n'
    + `Content-Length: ${Buffer.byteLength(body)}\r\n`
    + 'Connection: close\r\n\r\n'
    + body;
}

/**
 * For `server.on('connect', …)`: Node hands CONNECT requests to this event instead of the app,
 * and without a listener it drops the connection with no answer at all.
 */
export function refuseConnect(_req: IncomingMessage, socket: Duplex): void {
  socket.on('error', () => socket.destroy());
  socket.end(connectRefusedResponse());
}
