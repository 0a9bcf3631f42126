/** Connector definition files (connectors/*.json): parsing is pure, loading is a thin read around it. */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { BellyfedError } from '../shared/errors.js';
import { PROJECT_ROOT } from '../shared/paths.js';
import type { ConnectorConfig, ConnectorDefinition } from '../shared/connect/types.js';

const CONNECTOR_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function invalid(file: string, problem: string): BellyfedError {
  return new BellyfedError('CONNECTOR_FILE_INVALID', `${file}: ${problem}`, { details: { file } });
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // V8 says "… at position N" (Node 20) and adds "(line L column C)" on newer versions.
    const position = /at position (\d+)/.exec(message);
    const where = position ? lineAndColumn(text, Number(position[1])) : undefined;
    const reason = message.replace(/\s*\(line \d+ column \d+\)/, '');
    throw invalid(file, `invalid JSON${where ? ` at line ${where.line}, column ${where.column}` : ''}: ${reason}`);
  }
}

/** Checks a file's text: { "name": "<file name>", "config": { "key": "string", … } } with a connector.class. */
export function parseConnectorDefinition(text: string, file: string): ConnectorDefinition {
  const body = parseJson(text, file);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid(file, 'must hold one JSON object { "name": …, "config": { … } }');
  }
  const { name, config, ...extra } = body as Record<string, unknown>;
  const unknownKeys = Object.keys(extra);
  if (unknownKeys.length > 0) throw invalid(file, `unexpected top-level key(s) ${unknownKeys.join(', ')}: only "name" and "config" are allowed`);
  if (typeof name !== 'string' || !CONNECTOR_NAME.test(name)) {
    throw invalid(file, '"name" must be a connector name (letters, digits, ".", "_", "-")');
  }
  const expected = basename(file, '.json');
  if (name !== expected) throw invalid(file, `"name" is "${name}" but the file is named ${expected}.json: make them match`);
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw invalid(file, '"config" must be an object of settings');
  }
  const settings: ConnectorConfig = {};
  for (const [key, value] of Object.entries(config)) {
    // Connect keeps strings; a number or boolean here would differ from what Connect returns and show as a change forever.
    if (typeof value !== 'string') throw invalid(file, `setting "${key}" must be a string (write "${String(value)}" in quotes)`);
    settings[key] = value;
  }
  if (!settings['connector.class']) throw invalid(file, 'config needs "connector.class"');
  if (settings.name !== undefined && settings.name !== name) {
    throw invalid(file, `config "name" (${settings.name}) differs from the top-level "name" (${name})`);
  }
  return { name, config: settings, file };
}

function displayPath(path: string): string {
  const rel = relative(PROJECT_ROOT, path);
  return rel.startsWith('..') ? path : rel;
}

/** All definitions of a directory, or only the named ones (an unknown name is a usage error listing the known ones). */
export async function loadConnectorDefinitions(dir: string, names: readonly string[] = []): Promise<ConnectorDefinition[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch (err) {
    throw new BellyfedError('CONNECTOR_FILE_INVALID', `cannot read the connector directory ${displayPath(dir)}`, { cause: err });
  }
  const available = files.map((f) => basename(f, '.json'));
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length > 0) {
    throw new BellyfedError(
      'CLI_USAGE',
      `no connector file for ${unknown.join(', ')} in ${displayPath(dir)} (have: ${available.join(', ') || 'none'})`,
    );
  }
  const wanted = names.length > 0 ? files.filter((f) => names.includes(basename(f, '.json'))) : files;
  return Promise.all(
    wanted.map(async (f) => {
      const path = join(dir, f);
      return parseConnectorDefinition(await readFile(path, 'utf8'), displayPath(path));
    }),
  );
}
