/**
 * `bellyfed deploy synth`: synthesizes the AWS CDK app of deploy/ offline (no credentials, no
 * network, no lookups) and lists each stack with its template. aws-cdk-lib is a development
 * dependency, so it is loaded only here, on demand, with a clear error when it is absent.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { BellyfedError } from '../../shared/errors.js';

const STAGES = ['dev', 'prod'];

/** The synth function of deploy/, or DEPLOY_TOOLING_MISSING naming what to install or build. */
async function loadSynthesizer(): Promise<typeof import('../../../deploy/synth.js')> {
  try {
    await import('aws-cdk-lib');
    await import('constructs');
  } catch (err) {
    throw new BellyfedError(
      'DEPLOY_TOOLING_MISSING',
      'aws-cdk-lib is not installed (it is a development dependency): run `npm ci` in a checkout, not `npm ci --omit=dev`',
      { cause: err },
    );
  }
  try {
    // Same relative path from services/cli/commands (tsx) and dist/services/cli/commands (built).
    return await import('../../../deploy/synth.js');
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && /deploy[\\/]synth/.test(String((err as Error).message))) {
      throw new BellyfedError('DEPLOY_TOOLING_MISSING', 'deploy/ is not part of this build: build from a checkout that includes deploy/ (npm run build)', { cause: err });
    }
    throw err;
  }
}

export function registerDeployCommands(program: Command): void {
  const deploy = program.command('deploy').description('the AWS deployment (deploy/, AWS CDK): synthesize and inspect it offline');

  deploy
    .command('synth')
    .description('write the CloudFormation templates of a stage to a cloud assembly directory, offline (no AWS credentials needed)')
    .option('--stage <stage>', `stage to synthesize: ${STAGES.join(' or ')}`, 'dev')
    .option('--out <dir>', 'output directory (the cloud assembly)', 'cdk.out')
    .action(async (options: { stage: string; out: string }) => {
      if (!STAGES.includes(options.stage)) {
        throw new BellyfedError('CLI_USAGE', `--stage must be ${STAGES.join(' or ')} (got '${options.stage}')`);
      }
      const { synthesize } = await loadSynthesizer();
      const started = Date.now();
      const stacks = synthesize({ stage: options.stage, outdir: resolve(options.out) });
      for (const stack of stacks) {
        process.stdout.write(`${stack.stackName}\t${stack.templatePath}\t${stack.resourceCount} resources\n`);
      }
      process.stdout.write(
        `synthesized ${stacks.length} stack(s) for ${options.stage} into ${options.out} in ${((Date.now() - started) / 1000).toFixed(1)} s\n` +
          `deploy with: npx aws-cdk@2 deploy --app ${options.out} --all\n`,
      );
    });
}
