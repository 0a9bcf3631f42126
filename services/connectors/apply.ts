/**
 * `apply`: bring Connect to what the files say. Every file is resolved before anything is sent
 * (a missing variable stops the run with nothing half-applied); only connectors whose running
 * config differs are PUT; the diff is printed with secrets masked.
 */
import { BellyfedError } from '../shared/errors.js';
import type { ConnectClient } from '../shared/connect/client.js';
import { diffConfig, renderChanges, type ConfigChange } from './diff.js';
import { maskText } from './masking.js';
import { resolvePlaceholders, type ResolvedConnector } from './placeholders.js';
import type { ConnectorConfig, ConnectorDefinition } from '../shared/connect/types.js';

export type ApplyAction = 'create' | 'update' | 'unchanged';

export interface ApplyPlan {
  readonly name: string;
  readonly action: ApplyAction;
  readonly changes: readonly ConfigChange[];
  readonly desired: ConnectorConfig;
  readonly secretValues: readonly string[];
}

/** Connect stores the connector's name inside its config; the desired config carries it too, so it never shows as a change. */
export function desiredConfig(resolved: ResolvedConnector): ConnectorConfig {
  return { ...resolved.config, name: resolved.name };
}

export function planConnector(resolved: ResolvedConnector, running: ConnectorConfig | undefined): ApplyPlan {
  const desired = desiredConfig(resolved);
  const changes = diffConfig(desired, running);
  const action: ApplyAction = running === undefined ? 'create' : changes.length > 0 ? 'update' : 'unchanged';
  return { name: resolved.name, action, changes, desired, secretValues: resolved.secretValues };
}

export function renderPlan(plan: ApplyPlan, dryRun: boolean): string {
  const verb = { create: dryRun ? 'would create' : 'create', update: dryRun ? 'would update' : 'update', unchanged: 'unchanged' }[plan.action];
  const head = `${plan.name}: ${verb}${plan.action === 'update' ? ` (${plan.changes.length} setting${plan.changes.length === 1 ? '' : 's'})` : ''}`;
  return plan.action === 'unchanged' ? `${head}, nothing to do` : [head, ...renderChanges(plan.changes, plan.secretValues)].join('\n');
}

export interface ApplyOptions {
  readonly client: ConnectClient;
  readonly definitions: readonly ConnectorDefinition[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly dryRun: boolean;
  readonly write: (text: string) => void;
}

export async function applyConnectors(options: ApplyOptions): Promise<ApplyPlan[]> {
  const resolved = options.definitions.map((d) => resolvePlaceholders(d, options.env));
  const plans: ApplyPlan[] = [];
  for (const connector of resolved) {
    const plan = planConnector(connector, await options.client.findConfig(connector.name));
    options.write(renderPlan(plan, options.dryRun));
    if (!options.dryRun && plan.action !== 'unchanged') {
      try {
        await options.client.putConfig(plan.name, plan.desired);
      } catch (err) {
        throw withSecretsMasked(err, plan.secretValues);
      }
      options.write(`${plan.name}: ${plan.action === 'create' ? 'created' : 'updated'}`);
    }
    plans.push(plan);
  }
  if (options.dryRun) options.write('dry run: nothing was changed');
  return plans;
}

/** Connect's rejection message may echo a value back: hide secrets before it is printed. */
export function withSecretsMasked(err: unknown, secretValues: readonly string[]): unknown {
  if (!(err instanceof BellyfedError) || secretValues.length === 0) return err;
  const masked = maskText(err.message, secretValues);
  return masked === err.message ? err : new BellyfedError(err.code, masked, { retriable: err.retriable, details: err.details });
}
