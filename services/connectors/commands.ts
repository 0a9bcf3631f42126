/** `bellyfed connectors …`: manage Kafka Connect connectors from the files in connectors/. */
import { Command } from 'commander';
import { resolve } from 'node:path';
import { ExitCode } from '../shared/exit-code.js';
import { loadConfig, processEnvironment, type Config } from '../shared/config.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { createPool } from '../shared/database.js';
import { BellyfedError } from '../shared/errors.js';
import { applyConnectors, desiredConfig, withSecretsMasked } from './apply.js';
import { ConnectClient } from '../shared/connect/client.js';
import { loadConnectorDefinitions } from './definitions.js';
import { CONNECTORS_DIR } from './paths.js';
import { resolvePlaceholders } from './placeholders.js';
import { buildSnapshotSignal, insertSnapshotSignal, resolveSnapshotTables } from './snapshot-signal.js';
import { renderStatus, statusExitCode, statusSummary } from './status-report.js';
import type { ConnectorStatus } from '../shared/connect/types.js';
import { failingFields, renderValidation } from './validation-report.js';

const DEFAULT_CONNECTOR = 'bellyfed-postgres-source';

/**
 * The signal table of a connector: from its file in the connector directory, or else from the
 * running connector's configuration in Connect (a connector created outside the files, e.g. a
 * second source). Only this one setting is read: a snapshot must not need the connector's password.
 */
async function signalCollectionOf(name: string, io: { dir: string; env: NodeJS.ProcessEnv; client: ConnectClient }): Promise<string> {
  const definition = (await loadConnectorDefinitions(io.dir)).find((d) => d.name === name);
  if (definition) {
    const declared = definition.config['signal.data.collection'];
    const resolved = declared && resolvePlaceholders({ ...definition, config: { 'signal.data.collection': declared } }, io.env).config['signal.data.collection'];
    if (!resolved) throw new BellyfedError('CONNECTOR_FILE_INVALID', `${definition.file} sets no signal.data.collection, so it cannot take snapshot signals`);
    return resolved;
  }
  const live = await io.client.findConfig(name);
  if (live === undefined) {
    throw new BellyfedError('CONNECTOR_NOT_FOUND', `no connector ${name}: neither a file in ${io.dir} nor a connector in Kafka Connect`);
  }
  const collection = live['signal.data.collection'];
  if (!collection) throw new BellyfedError('CONNECTOR_FILE_INVALID', `connector ${name} sets no signal.data.collection, so it cannot take snapshot signals`);
  return collection;
}

export interface ConnectorCommandOptions {
  /** Where configuration and placeholders come from; the CLI passes its own environment. */
  readonly env?: NodeJS.ProcessEnv;
  /** Where command output goes (stdout by default); logs and errors go to stderr. */
  readonly write?: (text: string) => void;
}

interface Io {
  readonly config: Config;
  readonly logger: Logger;
  readonly client: ConnectClient;
  readonly dir: string;
  readonly env: NodeJS.ProcessEnv;
  readonly out: (text: string) => void;
}

function makeIo(command: Command, options: ConnectorCommandOptions): Io {
  const env = options.env ?? processEnvironment();
  const config = loadConfig(env);
  const globals = command.optsWithGlobals<{ dir?: string }>();
  return {
    config,
    logger: createLogger({ level: config.logLevel, name: 'connectors' }, process.stderr),
    client: new ConnectClient(config.connect),
    dir: globals.dir ? resolve(globals.dir) : CONNECTORS_DIR,
    env,
    out: options.write ?? ((text) => process.stdout.write(`${text}\n`)),
  };
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n');
}

function taskSummary(status: ConnectorStatus | undefined): string {
  if (!status) return '-';
  if (status.tasks.length === 0) return 'no tasks';
  const counts = new Map<string, number>();
  for (const t of status.tasks) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
  return [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
}

export function registerConnectorCommands(program: Command, setup: ConnectorCommandOptions = {}): void {
  const io = (command: Command) => makeIo(command, setup);
  const connectors = program
    .command('connectors')
    .description('Kafka Connect connectors defined in connectors/*.json (CONNECT_URL, optional CONNECT_USERNAME/CONNECT_PASSWORD)')
    .option('--dir <path>', 'directory of connector definition files', CONNECTORS_DIR)
    .addHelpText('after', '\nPlaceholders ${env:NAME} and ${env:NAME:-default} in the files are filled from the environment.\nSee docs/CONNECTORS.md.');
  // Subcommands throw instead of exiting, so run() reports one clean line and an exit code.
  const sub = (name: string) => connectors.command(name).exitOverride();

  sub('list')
    .description('connector files and the connectors running on Connect, with their state')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { client, dir, out } = io(command);
      const [definitions, statuses] = await Promise.all([loadConnectorDefinitions(dir), client.listWithStatus()]);
      const byName = new Map(statuses.map((s) => [s.name, s]));
      const names = [...new Set([...definitions.map((d) => d.name), ...byName.keys()])].sort();
      const rows = names.map((name) => ({
        name,
        file: definitions.find((d) => d.name === name)?.file ?? null,
        state: byName.get(name)?.connector.state ?? null,
        tasks: taskSummary(byName.get(name)),
      }));
      if (options.json) return out(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return out(`no connector files in ${dir} and no connectors on ${client.url}`);
      out(table([['NAME', 'FILE', 'STATE', 'TASKS'], ...rows.map((r) => [r.name, r.file ?? '(not in files)', r.state ?? '(not on Connect)', r.tasks])]));
    });

  sub('apply')
    .description('create or update connectors whose running config differs from their file (all files when no NAME)')
    .argument('[names...]', 'connector names (file names without .json)')
    .option('--dry-run', 'print the diff only, change nothing')
    .action(async (names: string[], options: { dryRun?: boolean }, command: Command) => {
      const { client, dir, env, out } = io(command);
      const definitions = await loadConnectorDefinitions(dir, names);
      if (definitions.length === 0) return out(`no connector files in ${dir}`);
      await applyConnectors({ client, definitions, env, dryRun: options.dryRun === true, write: out });
    });

  sub('validate')
    .description("check connector files with Connect's validation endpoint; exits 1 when any field is invalid")
    .argument('[names...]', 'connector names (all files when none)')
    .action(async (names: string[], _options: unknown, command: Command) => {
      const { client, dir, env, out } = io(command);
      let errors = 0;
      for (const definition of await loadConnectorDefinitions(dir, names)) {
        const resolved = resolvePlaceholders(definition, env);
        const config = desiredConfig(resolved);
        const result = await client.validate(config['connector.class']!, config).catch((err: unknown) => {
          throw withSecretsMasked(err, resolved.secretValues);
        });
        out(renderValidation(resolved.name, result, resolved.secretValues));
        errors += failingFields(result).length > 0 ? 1 : 0;
      }
      if (errors > 0) throw new ExitCode(1);
    });

  sub('status')
    .description('connector and task states, with the start of the trace of anything FAILED; exits 1 when something FAILED')
    .argument('[names...]', 'connector names (all on Connect when none)')
    .option('--json', 'print JSON')
    .action(async (names: string[], options: { json?: boolean }, command: Command) => {
      const { client, out } = io(command);
      const statuses = names.length > 0 ? await Promise.all(names.map((n) => client.status(n))) : await client.listWithStatus();
      if (options.json) out(JSON.stringify(statuses.map(statusSummary), null, 2));
      else if (statuses.length === 0) out(`no connectors on ${client.url}`);
      else out(statuses.map(renderStatus).join('\n'));
      const code = statusExitCode(statuses);
      if (code !== 0) throw new ExitCode(code);
    });

  for (const [verb, description] of [
    ['pause', 'pause connectors (tasks stop reading; the replication slot keeps WAL meanwhile)'],
    ['resume', 'resume paused connectors'],
  ] as const) {
    sub(verb)
      .description(description)
      .argument('<names...>', 'connector names')
      .action(async (names: string[], _options: unknown, command: Command) => {
        const { client, out } = io(command);
        for (const name of names) {
          await client[verb](name);
          out(`${name}: ${verb} requested (see \`bellyfed connectors status ${name}\`)`);
        }
      });
  }

  sub('restart')
    .description('restart connectors and their tasks')
    .argument('<names...>', 'connector names')
    .option('--failed-only', 'restart only the FAILED connector instance and tasks')
    .action(async (names: string[], options: { failedOnly?: boolean }, command: Command) => {
      const { client, out } = io(command);
      for (const name of names) {
        await client.restart(name, { onlyFailed: options.failedOnly === true });
        out(`${name}: restart requested${options.failedOnly ? ' (failed instances only)' : ''}`);
      }
    });

  sub('delete')
    .description('delete connectors from Connect (their files, offsets and replication slot stay)')
    .argument('<names...>', 'connector names')
    .action(async (names: string[], _options: unknown, command: Command) => {
      const { client, out } = io(command);
      for (const name of names) {
        const running = await client.findConfig(name);
        if (running === undefined) {
          throw new BellyfedError('CONNECTOR_NOT_FOUND', `Kafka Connect at ${client.url} has no connector named "${name}"`);
        }
        await client.delete(name);
        out(`${name}: deleted`);
        const slot = running['slot.name'];
        if (slot) {
          out(
            `  note: replication slot '${slot}' still exists and keeps WAL until a connector reads it again.\n` +
              `  If this connector is gone for good: SELECT pg_drop_replication_slot('${slot}');`,
          );
        }
      }
    });

  sub('snapshot')
    .description("re-read tables through an incremental snapshot signal (the connector's signal table, via DATABASE_URL)")
    .argument('<tables...>', 'app tables, e.g. restaurants menu_items (public. is optional)')
    .option('--connector <name>', 'connector whose signal table receives the signal (its file in connectors/, or else its configuration in Connect)', DEFAULT_CONNECTOR)
    .action(async (tables: string[], options: { connector: string }, command: Command) => {
      const { config, logger, client, dir, env, out } = io(command);
      const collections = resolveSnapshotTables(tables);
      const signalCollection = await signalCollectionOf(options.connector, { dir, env, client });
      const signal = buildSnapshotSignal(collections);
      const pool = createPool(config.database.url, { max: 1, applicationName: 'bellyfed-connectors', logger });
      try {
        await insertSnapshotSignal(pool, signalCollection, signal);
      } finally {
        await pool.end();
      }
      out(`signal ${signal.id} written to ${signalCollection}: incremental snapshot of ${collections.join(', ')}`);
      out(`the connector runs it when it reads the signal from the WAL; follow it in the Connect log or with \`bellyfed connectors status ${options.connector}\``);
    });
}
