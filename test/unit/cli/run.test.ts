import { expect } from 'chai';
import { Command } from 'commander';
import { run } from '../../../services/cli/main.js';
import { BellyfedError } from '../../../services/shared/errors.js';

function program(action: () => void | Promise<void>): Command {
  const p = new Command('bellyfed').exitOverride();
  p.command('probe').action(action);
  return p;
}

describe('bellyfed command line: exit status', function () {
  afterEach(function () {
    process.exitCode = undefined;
  });

  it('is what a command reports through process.exitCode (status and lag gate deploys with it)', async function () {
    expect(await run(['node', 'bellyfed', 'probe'], program(() => void (process.exitCode = 2)))).to.equal(2);
  });

  it('is 0 when the command succeeds, 2 for a usage error, 1 for a failure', async function () {
    expect(await run(['node', 'bellyfed', 'probe'], program(() => undefined))).to.equal(0);
    const stderr = process.stderr.write;
    process.stderr.write = () => true;
    try {
      expect(await run(['node', 'bellyfed', 'probe'], program(() => {
        throw new BellyfedError('CLI_USAGE', 'bad flag');
      }))).to.equal(2);
      expect(await run(['node', 'bellyfed', 'probe'], program(() => {
        throw new BellyfedError('DATABASE_UNAVAILABLE', 'down');
      }))).to.equal(1);
    } finally {
      process.stderr.write = stderr;
    }
  });
});
