// Mocha's spec output, closed by one plain line "<tier>: N passed, N failed, N skipped" that CI
// tools read. The tier name comes from BELLYFED_TEST_TIER (set by the npm scripts).
'use strict';
const Mocha = require('mocha');

const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats;
      const tier = process.env.BELLYFED_TEST_TIER || 'tests';
      process.stdout.write(`\n${tier}: ${passes} passed, ${failures} failed, ${pending} skipped\n`);
    });
  }
}

module.exports = SummaryReporter;
