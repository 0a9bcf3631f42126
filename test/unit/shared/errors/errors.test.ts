import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BellyfedError, describeError, ERROR_CODES, isRetriable } from '../../../../services/shared/errors.js';
import { PROJECT_ROOT } from '../../../../services/shared/paths.js';
import { LocalPlatformError } from '../../../../services/local/errors.js';
import { PoisonEventError } from '../../../../services/model/errors.js';
import { IncompleteItemError } from '../../../../services/query/dynamodb-items.js';
import { WriteRejectedError } from '../../../../services/shared/dynamodb/errors.js';

describe('errors', function () {
  it('every code is documented in docs/ERRORS.md, and every documented code exists', function () {
    const doc = readFileSync(join(PROJECT_ROOT, 'docs', 'ERRORS.md'), 'utf8');
    const documented = [...doc.matchAll(/^## ([A-Z_]+)$/gm)].map((m) => m[1]);
    expect([...documented].sort()).to.deep.equal(Object.keys(ERROR_CODES).sort());
    expect(new Set(documented).size, 'no code documented twice').to.equal(documented.length);
  });

  it('keeps code, cause and retriable flag', function () {
    const cause = new Error('socket hang up');
    const err = new BellyfedError('DATABASE_UNAVAILABLE', 'db down', { cause });
    expect(err.code).to.equal('DATABASE_UNAVAILABLE');
    expect(err.cause).to.equal(cause);
    expect(err.retriable).to.equal(true);
    expect(err.httpStatus).to.equal(503);
    expect(describeError(err)).to.equal('db down: caused by: socket hang up');
  });

  describe('isRetriable', function () {
    it('never retries programmer errors, even wrapped in a retriable error', function () {
      expect(isRetriable(new TypeError('x is undefined'))).to.equal(false);
      expect(isRetriable(new BellyfedError('DATABASE_UNAVAILABLE', 'x', { cause: new RangeError('bad') }))).to.equal(false);
    });

    it('retries transient network, PostgreSQL and AWS errors', function () {
      expect(isRetriable(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).to.equal(true);
      expect(isRetriable(Object.assign(new Error('admin shutdown'), { code: '57P01' }))).to.equal(true);
      expect(isRetriable(Object.assign(new Error('Throttled'), { $retryable: { throttling: true } }))).to.equal(true);
      expect(isRetriable(new BellyfedError('DATABASE_UNAVAILABLE', 'x', { cause: new Error('Connection terminated') }))).to.equal(true);
    });

    it('does not retry what it cannot classify, nor non-retriable codes', function () {
      expect(isRetriable(new Error('something'))).to.equal(false);
      expect(isRetriable(Object.assign(new Error('syntax'), { code: '42601' }))).to.equal(false);
      expect(isRetriable(new BellyfedError('INVALID_PARAMETER', 'x'))).to.equal(false);
      expect(isRetriable(undefined)).to.equal(false);
    });

    it('follows the cause chain without looping on cycles', function () {
      const a = new Error('a') as Error & { cause?: unknown; code?: string };
      a.code = 'ECONNRESET';
      a.cause = a;
      expect(isRetriable(a)).to.equal(true);
    });
  });
});

describe('the one error model', function () {
  it('every specialised error is a BellyfedError with a code of the table', function () {
    const errors = [
      new PoisonEventError('UNMAPPABLE_EVENT', 'x'), new LocalPlatformError('LOCAL_UNKNOWN_PART', 'x'),
      new WriteRejectedError('an item', { cause: new Error('too large') }), new IncompleteItemError('review', ['reviewer_display_name']),
    ];
    for (const err of errors) {
      expect(err).to.be.instanceOf(BellyfedError);
      expect(ERROR_CODES).to.have.property(err.code);
      expect(err.retriable).to.equal(false);
    }
  });

  it('poison codes are exactly the codes of kind poison', function () {
    const poison = Object.entries(ERROR_CODES).filter(([, v]) => v.kind === 'poison').map(([k]) => k).sort();
    expect(poison).to.deep.equal(['UNCONVERTIBLE_VALUE', 'UNDECODABLE_EVENT', 'UNMAPPABLE_EVENT', 'UNREPRESENTABLE_VALUE', 'WRITE_REJECTED']);
  });
});
