import { expect } from 'chai';
import { formatRouteTable, parseRouteSpec, resolveRoutes } from '../../../../services/shared/config/route-spec.js';
import { loadConfig } from '../../../../services/shared/config.js';
import { BellyfedError } from '../../../../services/shared/errors.js';

describe('read-router: routes from READ_ROUTES and PHASE2', function () {
  it('parses endpoint=mode pairs, tolerating spaces and empty parts', function () {
    expect(parseRouteSpec(' restaurants.get=dynamodb , restaurants.list = shadow,,')).to.deep.equal({
      ok: true, routes: { 'restaurants.get': 'dynamodb', 'restaurants.list': 'shadow' },
    });
    expect(parseRouteSpec('')).to.deep.equal({ ok: true, routes: {} });
  });

  it('names every problem: unknown endpoint, unknown mode, a pair given twice, no "="', function () {
    const result = parseRouteSpec('restaurants.all=dynamodb,restaurants.get=mongo,restaurants.menu=shadow,restaurants.menu=postgres,reviews');
    expect(result.ok).to.equal(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).to.have.length(4);
    expect(problems[0]).to.match(/unknown endpoint 'restaurants.all'/);
    expect(problems[1]).to.match(/restaurants.get: unknown mode 'mongo'/);
    expect(problems[2]).to.match(/restaurants.menu is given twice/);
    expect(problems[3]).to.match(/'reviews' is not endpoint=mode/);
  });

  it('PHASE2=on sends the hot endpoints to DynamoDB; explicit routes win either way', function () {
    expect(formatRouteTable(resolveRoutes(false, {}))).to.equal(
      'restaurants.list=postgres,restaurants.get=postgres,restaurants.menu=postgres,restaurants.reviews=postgres');
    expect(formatRouteTable(resolveRoutes(true, {}))).to.equal(
      'restaurants.list=dynamodb,restaurants.get=dynamodb,restaurants.menu=dynamodb,restaurants.reviews=dynamodb');
    expect(resolveRoutes(true, { 'restaurants.list': 'shadow', 'restaurants.menu': 'postgres' })).to.deep.equal({
      'restaurants.list': 'shadow', 'restaurants.get': 'dynamodb', 'restaurants.menu': 'postgres', 'restaurants.reviews': 'dynamodb',
    });
    expect(resolveRoutes(false, { 'restaurants.get': 'dynamodb' })['restaurants.get']).to.equal('dynamodb');
  });

  it('loadConfig refuses a bad READ_ROUTES naming the variable, and never echoes ADMIN_TOKEN', function () {
    expect(() => loadConfig({ READ_ROUTES: 'restaurants.get=dynamo' })).to.throw(BellyfedError, /READ_ROUTES: restaurants.get: unknown mode/);
    const secret = 'short secret';
    try {
      loadConfig({ ADMIN_TOKEN: secret });
      expect.fail('a token with a space must be refused');
    } catch (err) {
      expect((err as BellyfedError).code).to.equal('CONFIG_INVALID');
      expect((err as Error).message).to.match(/ADMIN_TOKEN/);
      expect((err as Error).message).to.not.include(secret);
    }
  });

  it('loadConfig defaults: PHASE2 off, a bound of seconds, a tight DynamoDB deadline, admin off', function () {
    const { readRouter } = loadConfig({});
    expect(readRouter).to.deep.include({
      phase2: false, routes: {}, freshnessBoundMs: 15_000, watermarkCacheMs: 500, dynamodbTimeoutMs: 150,
      circuitFailureThreshold: 5, circuitOpenMs: 5000, adminToken: undefined,
    });
    expect(loadConfig({ PHASE2: 'on', READ_ROUTES: 'restaurants.list=shadow' }).readRouter).to.deep.include({
      phase2: true, routes: { 'restaurants.list': 'shadow' },
    });
  });
});
