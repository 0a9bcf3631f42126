/** Requests Node's parser refuses, unmet Expect headers and CONNECT get the API's JSON error, not a bare status line. */
import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import {
  answerClientError, clientErrorResponse, clientErrorStatus, connectRefusedResponse, refuseConnect,
} from '../../../services/query/http/client-error.js';
import { ERROR_CODES } from '../../../services/shared/errors.js';

function parse(raw: string): { status: number; headers: Record<string, string>; body: unknown } {
  const [head, body] = raw.split('\r\n\r\n') as [string, string];
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  expect(Number(headers['content-length'])).to.equal(Buffer.byteLength(body));
  return { status: Number(statusLine?.split(' ')[1]), headers, body: JSON.parse(body) };
}

function collect(socket: PassThrough): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
    socket.on('finish', () => resolve(text));
  });
}

describe('query HTTP: errors before Express', function () {
  it('maps parser error codes to 431, 408 and otherwise 400', function () {
    expect(clientErrorStatus('HPE_HEADER_OVERFLOW')).to.equal(431);
    expect(clientErrorStatus('ERR_HTTP_REQUEST_TIMEOUT')).to.equal(408);
    expect(clientErrorStatus('HPE_INVALID_METHOD')).to.equal(400);
    expect(clientErrorStatus(undefined)).to.equal(400);
  });

  for (const status of [400, 408, 431]) {
    it(`writes a complete ${status} with the documented error body and closes`, function () {
      const response = parse(clientErrorResponse(status));
      expect(response.status).to.equal(status);
      expect(response.headers['content-type']).to.match(/^application\/json/);
      expect(response.headers.connection).to.equal('close');
      expect(response.body).to.have.keys('error');
      expect((response.body as { error: object }).error).to.have.keys('code', 'message');
      expect((response.body as { error: { code: string } }).error.code).to.equal('BAD_REQUEST');
    });
  }

  it('answers a parser error on a writable socket and ends it', async function () {
    const socket = new PassThrough();
    const written = collect(socket);
    answerClientError(Object.assign(new Error('Parse Error: Invalid method encountered'), { code: 'HPE_INVALID_METHOD' }), socket);
    expect(parse(await written).status).to.equal(400);
  });

  it('only destroys the socket when the client reset it', function () {
    const socket = new PassThrough();
    let wrote = false;
    socket.on('data', () => { wrote = true; });
    answerClientError(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), socket);
    expect(socket.destroyed).to.equal(true);
    expect(wrote).to.equal(false);
  });

  it('refuses CONNECT with a JSON 405 and Allow', async function () {
    const response = parse(connectRefusedResponse());
    expect(response.status).to.equal(405);
    expect(response.headers.allow).to.equal('GET, HEAD');
    const code = (response.body as { error: { code: keyof typeof ERROR_CODES } }).error.code;
    expect(code).to.equal('METHOD_NOT_ALLOWED');
    expect(ERROR_CODES[code].status).to.equal(405);
    const socket = new PassThrough();
    const written = collect(socket);
    refuseConnect({} as never, socket);
    expect(parse(await written).status).to.equal(405);
  });
});
