/**
 * Each drill leaves one JSON result in test/faults/results/ (gitignored); when the tier ends the
 * results become RELIABILITY.md, the table the issue asks for: drill, what broke, changes applied,
 * faults injected, time to converge, differences found.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeMachine } from '../../../bench/machine.js';
import { PROJECT_ROOT } from '../../../services/shared/paths.js';

export const RESULTS_DIR = join(PROJECT_ROOT, 'test', 'faults', 'results');
const RELIABILITY_FILE = join(PROJECT_ROOT, 'RELIABILITY.md');

export interface DrillResult {
  /** Numbered as in the issue, e.g. "1. sink SIGKILL". */
  readonly drill: string;
  readonly broke: string;
  /** Changes the workload made in PostgreSQL during the drill (or requests, for the query drill). */
  readonly changes: number;
  readonly faults: number;
  readonly convergeSeconds: number | null;
  readonly differences: number | null;
  readonly outcome: 'passed' | 'failed';
  readonly detail?: string;
  /** Anything else worth keeping in the result file (not shown in the table). */
  readonly extra?: unknown;
}

export function clearResults(): void {
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
}

export function recordResult(slug: string, result: DrillResult): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${slug}.json`), `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`      drill ${result.drill}: broke ${result.broke}; ${result.changes} changes, ${result.faults} fault(s), `
    + `converged in ${result.convergeSeconds ?? '-'} s, ${result.differences ?? '-'} difference(s)\n`);
}

function readResults(): DrillResult[] {
  let files: string[];
  try {
    files = readdirSync(RESULTS_DIR).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  return files
    .map((f) => JSON.parse(readFileSync(join(RESULTS_DIR, f), 'utf8')) as DrillResult)
    .sort((a, b) => a.drill.localeCompare(b.drill, 'en', { numeric: true }));
}

const cell = (value: string | number | null) => String(value ?? '-').replaceAll('|', '\\|');

/** Rewrites RELIABILITY.md from this run's results (nothing when no drill ran). */
export function writeReliabilityReport(): void {
  const results = readResults();
  if (results.length === 0) return;
  const rows = results.map((r) => `| ${[r.drill, r.broke, r.changes, r.faults, r.convergeSeconds, r.differences, r.outcome + (r.detail ? ` (${r.detail})` : '')].map(cell).join(' | ')} |`);
  const text = `# Reliability: fault drills

Written by the fault-drill tier (\`test/run-on-platform.sh faults\`, part of \`make test\` and
\`.ci/run\`) on ${new Date().toISOString().slice(0, 10)}, on ${Object.values(describeMachine()).join(', ')}.

Each drill runs a continuous mixed workload against PostgreSQL (inserts, updates that move keys
and rename, deletes) on its own captured database while it breaks one part of the real local
platform, heals it, waits for DynamoDB to converge, and then requires \`bellyfed reconcile\` to
report zero differences. How each drill works: test/faults/README.md.

| Drill | What broke | Changes applied (drill 9: requests) | Faults injected | Converged in (s) | Differences | Outcome |
|---|---|---:|---:|---:|---:|---|
${rows.join('\n')}
`;
  writeFileSync(RELIABILITY_FILE, text);
}
