/**
 * Synthesizes each stage once per test run (offline, into a temporary directory) and shares the
 * templates between the deploy test files: synthesis takes seconds, assertions milliseconds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../../deploy/app.js';
import type { StageName } from '../../../deploy/stage.js';

export type CfnResource = { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string };
export type CfnTemplate = { Resources: Record<string, CfnResource> };

const cache = new Map<StageName, Template>();
const outdirs: string[] = [];

/** Mocha: call in a before hook with a generous timeout. */
export function synthesizedTemplate(stage: StageName): Template {
  let template = cache.get(stage);
  if (!template) {
    const outdir = mkdtempSync(join(tmpdir(), `bellyfed-synth-${stage}-`));
    outdirs.push(outdir);
    const assembly = buildApp({ outdir, context: { stage } }).synth();
    const [stack] = assembly.stacks;
    template = Template.fromJSON(stack!.template as CfnTemplate);
    cache.set(stage, template);
  }
  return template;
}

export function resourcesOfType(template: Template, type: string): Array<[string, CfnResource]> {
  return Object.entries((template.toJSON() as CfnTemplate).Resources).filter(([, r]) => r.Type === type);
}

/** The one resource of a type whose logical id starts with `prefix`. */
export function resourceByIdPrefix(template: Template, type: string, prefix: string): CfnResource {
  const found = resourcesOfType(template, type).filter(([id]) => id.startsWith(prefix));
  if (found.length !== 1) throw new Error(`expected one ${type} with id ${prefix}…, found ${found.map(([id]) => id).join(', ') || 'none'}`);
  return found[0]![1];
}

process.once('exit', () => {
  for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
});
