import {
  ConditionalCheckFailedException, InternalServerError, ProvisionedThroughputExceededException, ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { expect } from 'chai';
import { KafkaJSConnectionError, KafkaJSNonRetriableError, KafkaJSProtocolError } from 'kafkajs';
import { classifyWriteError } from '../../../../services/shared/dynamodb/classify.js';
import { BellyfedError, classifyFailure, isThrottling } from '../../../../services/shared/errors.js';
import { PoisonEventError } from '../../../../services/model/errors.js';

const meta = (status: number) => ({ $metadata: { httpStatusCode: status } });

describe('one classifier of failures, with the clients\' own error types', function () {
  it('AWS SDK: throttling and 5xx are transient, a refused request is permanent', function () {
    const throttled = new ProvisionedThroughputExceededException({ message: 'slow down', ...meta(400) });
    expect(classifyFailure(throttled)).to.equal('transient');
    expect(isThrottling(throttled)).to.equal(true);
    expect(classifyFailure(new InternalServerError({ message: 'oops', ...meta(500) }))).to.equal('transient');
    expect(classifyFailure(new ResourceNotFoundException({ message: 'no table', ...meta(400) }))).to.equal('permanent');
  });

  it('kafkajs: follows each error\'s own retriable flag', function () {
    expect(classifyFailure(new KafkaJSConnectionError('broker gone'))).to.equal('transient');
    expect(classifyFailure(new KafkaJSNonRetriableError('no'))).to.equal('permanent');
    expect(classifyFailure(new KafkaJSProtocolError('UNKNOWN_TOPIC_OR_PARTITION'))).to.be.oneOf(['transient', 'permanent']);
  });

  it('a bug is a programmer error wherever it sits in the cause chain, and never retriable', function () {
    expect(classifyFailure(new TypeError("Cannot read properties of undefined (reading 'pk')"))).to.equal('programmer');
    const wrapped = new BellyfedError('DYNAMODB_UNAVAILABLE', 'x', { cause: new ReferenceError('y is not defined') });
    expect(classifyFailure(wrapped)).to.equal('programmer');
  });

  it("undici's `fetch failed` on a refused connection is the network, not a bug", function () {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8081'), { code: 'ECONNREFUSED' });
    expect(classifyFailure(new TypeError('fetch failed', { cause: refused }))).to.equal('transient');
    expect(classifyFailure(new TypeError('fetch failed'))).to.equal('programmer');
  });

  it('a non-retriable verdict anywhere vetoes a retry; what nothing recognises is permanent', function () {
    const vetoed = new BellyfedError('DYNAMODB_UNAVAILABLE', 'x', { cause: new PoisonEventError('UNDECODABLE_EVENT', 'y') });
    expect(classifyFailure(vetoed)).to.equal('permanent');
    expect(classifyFailure(new Error('something'))).to.equal('permanent');
  });

  it('DynamoDB writes add already-newer and rejected on top of it', function () {
    expect(classifyWriteError(new ConditionalCheckFailedException({ message: 'newer', ...meta(400) }))).to.equal('already-newer');
    expect(classifyWriteError(Object.assign(new Error('too large'), { name: 'ValidationException', ...meta(400) }))).to.equal('rejected');
    expect(classifyWriteError(new ProvisionedThroughputExceededException({ message: 'slow', ...meta(400) }))).to.equal('throttled');
    expect(classifyWriteError(new InternalServerError({ message: 'oops', ...meta(500) }))).to.equal('transient');
    expect(classifyWriteError(new TypeError('bug'))).to.equal('fatal');
  });
});
