/** A reader that fails or stalls is a 503 the client may retry, never a 500; a stalled query is bounded client-side. */
import { expect } from 'chai';
import { isDatabaseUnavailable } from '../../../services/query/http/errors.js';
import { createPool, queryTimeoutFor } from '../../../services/shared/database.js';
import { createLogger } from '../../../services/shared/logger.js';

describe('query service: database unavailability', function () {
  it('classifies every way pg reports an unreachable or stalled server as unavailable', function () {
    for (const err of [
      { message: 'Query read timeout' }, // query_timeout: the connection stalled
      { message: 'Client has encountered a connection error and is not queryable' },
      { message: 'Client was closed and is not queryable' },
      { message: 'timeout exceeded when trying to connect' },
      { message: 'Connection terminated unexpectedly' },
      { message: 'connect ECONNREFUSED 127.0.0.1:5432', code: 'ECONNREFUSED' },
      { message: 'canceling statement due to statement timeout', code: '57014' },
      { message: 'the database system is shutting down', code: '57P03' },
    ]) {
      expect(isDatabaseUnavailable(err), err.message).to.equal(true);
    }
  });

  it('does not hide bugs as unavailability', function () {
    for (const err of [new TypeError("Cannot read properties of undefined (reading 'rows')"), { message: 'syntax error at or near "FROM"', code: '42601' }]) {
      expect(isDatabaseUnavailable(err), err.message).to.equal(false);
    }
  });

  it('bounds a query client-side just above the statement timeout, only when asked to', async function () {
    expect(queryTimeoutFor(5000)).to.be.greaterThan(5000);
    const logger = createLogger({ level: 'silent', name: 'test' });
    // No query is sent: a pool connects lazily.
    const bounded = createPool('postgres://nobody@127.0.0.1:1/none', { max: 1, statementTimeoutMs: 5000, queryTimeoutMs: queryTimeoutFor(5000), applicationName: 't', logger });
    const unbounded = createPool('postgres://nobody@127.0.0.1:1/none', { max: 1, applicationName: 't', logger });
    try {
      expect((bounded as unknown as { options: { query_timeout?: number } }).options.query_timeout).to.equal(queryTimeoutFor(5000));
      expect((unbounded as unknown as { options: { query_timeout?: number } }).options.query_timeout).to.equal(undefined);
    } finally {
      await bounded.end();
      await unbounded.end();
    }
  });
});
