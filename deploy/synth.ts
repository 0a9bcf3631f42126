/** Offline synthesis for `bellyfed deploy synth`: writes the cloud assembly and lists what it holds. */
import { relative } from 'node:path';
import { buildApp } from './app.js';

export interface SynthesizedStack {
  readonly stackName: string;
  readonly templatePath: string;
  readonly resourceCount: number;
}

export function synthesize(options: { stage: string; outdir: string }): SynthesizedStack[] {
  const assembly = buildApp({ outdir: options.outdir, context: { stage: options.stage } }).synth();
  return assembly.stacks.map((stack) => ({
    stackName: stack.stackName,
    templatePath: relative(process.cwd(), stack.templateFullPath) || stack.templateFullPath,
    resourceCount: Object.keys((stack.template as { Resources?: object }).Resources ?? {}).length,
  }));
}
