/** Run-wide hooks of the fault-drill tier: start from no results, write RELIABILITY.md at the end. */
import { dropTemplates } from '../helpers/postgres.js';
import { clearResults, writeReliabilityReport } from './helpers/results.js';

before(() => {
  clearResults();
});

after(async () => {
  writeReliabilityReport();
  await dropTemplates();
});
