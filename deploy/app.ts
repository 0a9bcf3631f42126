/**
 * The CDK app: one BellyfedStack for the stage named by context (`-c stage=prod`). Stacks are
 * environment-agnostic and the app makes no lookups, so it synthesizes offline without AWS
 * credentials; the account and region come from the deploy command's credentials.
 */
import { App } from 'aws-cdk-lib';
import { loadTableDefinition, TABLE_DEFINITION_PATH } from '../services/model/table-definition.js';
import { BellyfedStack } from './stack.js';
import { stageSettings } from './stage.js';

export interface AppOptions {
  /** cdk.out directory; the CDK CLI's CDK_OUTDIR when unset. */
  outdir?: string;
  /** Context values, as `-c key=value` would give them. */
  context?: Record<string, unknown>;
  tableDefinitionPath?: string;
}

export function buildApp(options: AppOptions = {}): App {
  const app = new App({
    outdir: options.outdir,
    context: options.context,
    analyticsReporting: false,
  });
  const settings = stageSettings((key) => app.node.tryGetContext(key));
  new BellyfedStack(app, `bellyfed-${settings.stage}`, {
    settings,
    tableDefinition: loadTableDefinition(options.tableDefinitionPath ?? TABLE_DEFINITION_PATH),
    description: `Bellyfed data platform (${settings.stage}): Aurora PostgreSQL, MSK Serverless, Kafka Connect, sink, query service, DynamoDB`,
    tags: { project: 'bellyfed', stage: settings.stage },
  });
  return app;
}
