/**
 * Removes what interrupted test runs left on the local platform (test/helpers/leftovers.ts).
 * Run by test/run-on-platform.sh before the tiers; `npx tsx test/clean-leftovers.ts` by hand.
 */
import { cleanLeftovers } from './helpers/leftovers.js';

for (const line of await cleanLeftovers()) process.stdout.write(`test leftovers: ${line}\n`);
