import { expect } from 'chai';
import { ConnectClient } from '../../../../services/shared/connect/client.js';
import { isBellyfedError, type ErrorCode } from '../../../../services/shared/errors.js';

// A fetch stand-in: the client's error mapping is checked without a worker.
function answering(status: number, body: unknown, seen: Array<{ url: string; init: RequestInit }> = []): typeof fetch {
  return (async (url: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(url), init: init ?? {} });
    return new Response(body === undefined ? null : JSON.stringify(body), { status });
  }) as typeof fetch;
}

async function failure(promise: Promise<unknown>, code: ErrorCode): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    expect(isBellyfedError(err, code), `expected ${code}, got ${String(err)}`).to.equal(true);
    return err as Error;
  }
  throw new Error(`expected ${code}`);
}

describe('Kafka Connect client', () => {
  it('names the URL when Connect cannot be reached', async () => {
    const refused = (async () => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    }) as typeof fetch;
    const err = await failure(new ConnectClient({ url: 'http://connect:8083/', fetch: refused }).listConnectors(), 'CONNECT_UNREACHABLE');
    expect(err.message).to.contain('http://connect:8083 (ECONNREFUSED)').and.contain('CONNECT_URL');
  });

  it('says which connector is unknown on 404', async () => {
    const client = new ConnectClient({ url: 'http://c', fetch: answering(404, { error_code: 404, message: 'Connector x not found' }) });
    expect((await failure(client.status('x'), 'CONNECTOR_NOT_FOUND')).message).to.contain('"x"');
  });

  it('returns undefined for the config of an absent connector', async () => {
    const client = new ConnectClient({ url: 'http://c', fetch: answering(404, { error_code: 404, message: 'not found' }) });
    expect(await client.findConfig('x')).to.equal(undefined);
  });

  it("prints Connect's own message when it rejects a config", async () => {
    const message = 'Connector configuration is invalid and contains the following 1 error(s):\nValue must be one of precise, string, double';
    const client = new ConnectClient({ url: 'http://c', fetch: answering(400, { error_code: 400, message }) });
    expect((await failure(client.putConfig('x', {}), 'CONNECTOR_CONFIG_REJECTED')).message).to.contain(message);
  });

  it('marks a rebalance (409) as retriable and bad credentials as not', async () => {
    const busy = new ConnectClient({ url: 'http://c', rebalanceRetries: 0, fetch: answering(409, { error_code: 409, message: 'rebalance' }) });
    expect((await failure(busy.listConnectors(), 'CONNECT_REQUEST_FAILED')) as unknown as { retriable: boolean }).to.have.property('retriable', true);
    const denied = new ConnectClient({ url: 'http://c', fetch: answering(401, 'Unauthorized') });
    const err = await failure(denied.listConnectors(), 'CONNECT_REQUEST_FAILED');
    expect(err).to.have.property('retriable', false);
    expect(err.message).to.contain('CONNECT_USERNAME');
  });

  it('asks again while the worker rebalances, and gives up after the configured retries', async () => {
    let calls = 0;
    const flaky: typeof fetch = async () => {
      calls += 1;
      return calls < 3
        ? new Response(JSON.stringify({ error_code: 500, message: 'Request cannot be completed because a rebalance is expected' }), { status: 500 })
        : new Response('["a"]', { status: 200 });
    };
    expect(await new ConnectClient({ url: 'http://c', fetch: flaky }).listConnectors()).to.deep.equal(['a']);
    expect(calls).to.equal(3);
    calls = 0;
    const stuck = new ConnectClient({ url: 'http://c', rebalanceRetries: 1, fetch: answering(409, { error_code: 409, message: 'rebalance' }, []) });
    await failure(stuck.listConnectors(), 'CONNECT_REQUEST_FAILED');
    const other = new ConnectClient({ url: 'http://c', fetch: async () => { calls += 1; return new Response('{"message":"boom"}', { status: 500 }); } });
    await failure(other.listConnectors(), 'CONNECT_REQUEST_FAILED');
    expect(calls, 'a 500 that is not a rebalance is not retried').to.equal(1);
  });

  it('sends basic auth, JSON bodies, and tells created from updated', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const client = new ConnectClient({ url: 'http://c', username: 'u', password: 'p', fetch: answering(201, {}, seen) });
    expect(await client.putConfig('a b', { k: 'v' })).to.deep.equal({ created: true });
    expect(seen[0]!.url).to.equal('http://c/connectors/a%20b/config');
    expect(seen[0]!.init.method).to.equal('PUT');
    expect(seen[0]!.init.body).to.equal('{"k":"v"}');
    expect((seen[0]!.init.headers as Record<string, string>).authorization).to.equal(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });

  it('restarts with includeTasks and onlyFailed in the query', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    await new ConnectClient({ url: 'http://c', fetch: answering(202, {}, seen) }).restart('x', { onlyFailed: true });
    expect(seen[0]!.url).to.equal('http://c/connectors/x/restart?includeTasks=true&onlyFailed=true');
    expect(seen[0]!.init.method).to.equal('POST');
  });
});
