import { expect } from 'chai';
import { arrayLiteral, copyLine, copyValue } from '../../../services/db/seed/copy-format.js';
import { createContext, planSeed, restaurantRows, reviewRows, userRows, categoryRows } from '../../../services/db/seed/generate.js';
import { SeededRandom, zipfCounts } from '../../../services/db/seed/random.js';

function generate(seed: number) {
  const ctx = createContext(planSeed(20, seed));
  return [...categoryRows(ctx), ...userRows(ctx), ...restaurantRows(ctx), ...reviewRows(ctx)];
}

describe('seed generation', function () {
  it('is deterministic for a seed and differs across seeds', function () {
    expect(generate(3)).to.deep.equal(generate(3));
    expect(generate(3)).to.not.deep.equal(generate(4));
  });

  it('makes valid v4-shaped UUIDs', function () {
    const rng = new SeededRandom(9);
    for (let i = 0; i < 200; i++) expect(rng.uuid()).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('zipfCounts sums to the total and is non-increasing', function () {
    const counts = zipfCounts(50, 1234, 0.9);
    expect(counts.reduce((a, b) => a + b, 0)).to.equal(1234);
    expect(counts.every((c, i) => i === 0 || c <= (counts[i - 1] as number) + 1)).to.equal(true);
    expect(counts[0]).to.be.greaterThan(10 * (counts[49] as number));
  });

  it('distinctIndexes gives k distinct indexes in range', function () {
    const rng = new SeededRandom(1);
    const picked = rng.distinctIndexes(10, 10);
    expect([...picked].sort((a, b) => a - b)).to.deep.equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('COPY text format', function () {
  it('escapes backslash, tab, newline and carriage return; writes NULL as \\N', function () {
    expect(copyValue('a\\b\tc\nd\re')).to.equal('a\\\\b\\tc\\nd\\re');
    expect(copyValue(null)).to.equal('\\N');
    expect(copyValue(true)).to.equal('true');
    expect(copyValue(12.5)).to.equal('12.5');
  });

  it('writes arrays as quoted text[] literals and objects as JSON', function () {
    expect(arrayLiteral(['a', 'b "c"', 'd\\e', ''])).to.equal('{"a","b \\"c\\"","d\\\\e",""}');
    expect(copyValue(['x'])).to.equal('{"x"}');
    expect(copyValue({ a: 'tab\there' })).to.equal('{"a":"tab\\\\there"}');
  });

  it('ends each line with a newline and separates columns with tabs', function () {
    expect(copyLine(['a', null, 1])).to.equal('a\t\\N\t1\n');
  });
});
