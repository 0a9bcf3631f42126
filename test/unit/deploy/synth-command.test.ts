import { expect } from 'chai';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerDeployCommands } from '../../../services/cli/commands/deploy.js';
import { isBellyfedError } from '../../../services/shared/errors.js';

describe('bellyfed deploy synth', function () {
  let out: string;
  let written: string;
  const write = process.stdout.write.bind(process.stdout);

  before(async function () {
    this.timeout(120_000);
    out = mkdtempSync(join(tmpdir(), 'bellyfed-cli-synth-'));
    const program = new Command().exitOverride();
    registerDeployCommands(program);
    const chunks: string[] = [];
    process.stdout.write = ((chunk: string) => chunks.push(String(chunk)) > 0) as typeof process.stdout.write;
    try {
      await program.parseAsync(['node', 'bellyfed', 'deploy', 'synth', '--stage', 'prod', '--out', out]);
    } finally {
      process.stdout.write = write;
    }
    written = chunks.join('');
  });

  after(function () {
    rmSync(out, { recursive: true, force: true });
  });

  it('writes the stage\'s template and prints the stack with its template path', function () {
    const template = join(out, 'bellyfed-prod.template.json');
    expect(existsSync(template)).to.equal(true);
    expect(JSON.parse(readFileSync(template, 'utf8')).Resources).to.be.an('object');
    expect(written).to.match(/^bellyfed-prod\t\S*bellyfed-prod\.template\.json\t\d+ resources$/m);
  });

  it('refuses an unknown stage as a usage error', async function () {
    const program = new Command().exitOverride();
    registerDeployCommands(program);
    try {
      await program.parseAsync(['node', 'bellyfed', 'deploy', 'synth', '--stage', 'staging']);
      expect.fail('expected a usage error');
    } catch (err) {
      expect(isBellyfedError(err, 'CLI_USAGE'), String(err)).to.equal(true);
    }
  });
});
