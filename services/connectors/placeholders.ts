/**
 * `${env:NAME}` and `${env:NAME:-default}` in connector files, filled from an environment map
 * before the config is sent. Other config-provider references (`${file:…}`, `${vault:…}`) pass
 * through untouched: Connect resolves those itself, so secrets kept there never leave the worker.
 */
import { BellyfedError } from '../shared/errors.js';
import { isSecretVariable } from './masking.js';
import type { ConnectorConfig, ConnectorDefinition } from '../shared/connect/types.js';

// `${env:` up to the closing brace; the inside is checked separately so a typo is an error, not a literal.
const ENV_REFERENCE = /\$\{env:([^}]*)\}/g;
const INSIDE = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s;

export interface Placeholder {
  readonly key: string;
  readonly variable: string;
  readonly defaultValue: string | undefined;
}

export interface ResolvedConnector {
  readonly name: string;
  readonly file: string;
  readonly config: ConnectorConfig;
  /** Values that came from secret variables: masked wherever they would be printed. */
  readonly secretValues: readonly string[];
}

/** Every env placeholder of a config, in file order; throws on a malformed one. */
export function listPlaceholders(config: ConnectorConfig, file: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const [key, value] of Object.entries(config)) {
    for (const match of value.matchAll(ENV_REFERENCE)) {
      const inside = INSIDE.exec(match[1] ?? '');
      if (!inside) {
        throw new BellyfedError(
          'CONNECTOR_FILE_INVALID',
          `${file}: "${key}" has a malformed placeholder ${match[0]} (expected \${env:NAME} or \${env:NAME:-default})`,
        );
      }
      found.push({ key, variable: inside[1]!, defaultValue: inside[2] });
    }
  }
  return found;
}

/**
 * Fills the placeholders. An empty variable counts as unset (as in loadConfig). All missing
 * variables are reported at once, each with the setting that needs it.
 */
export function resolvePlaceholders(
  definition: ConnectorDefinition,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedConnector {
  listPlaceholders(definition.config, definition.file); // reject malformed ones first
  const missing: string[] = [];
  const secretValues = new Set<string>();
  const config: ConnectorConfig = {};
  for (const [key, value] of Object.entries(definition.config)) {
    config[key] = value.replace(ENV_REFERENCE, (whole, inside: string) => {
      const [, variable, defaultValue] = INSIDE.exec(inside)!;
      const fromEnv = env[variable!];
      const resolved = fromEnv !== undefined && fromEnv !== '' ? fromEnv : defaultValue;
      if (resolved === undefined) {
        missing.push(`${variable} (for "${key}")`);
        return whole;
      }
      if (isSecretVariable(variable!) && resolved !== '') secretValues.add(resolved);
      return resolved;
    });
  }
  if (missing.length > 0) {
    throw new BellyfedError(
      'CONNECTOR_ENV_MISSING',
      `${definition.file} needs environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: set ${missing.length > 1 ? 'them' : 'it'} and retry`,
      { details: { file: definition.file, variables: missing } },
    );
  }
  return { name: definition.name, file: definition.file, config, secretValues: [...secretValues] };
}
