/** Writes one benchmark's section into BENCHMARKS.md between its markers, keeping the other sections. */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../services/shared/paths.js';

export const BENCHMARKS_FILE = join(PROJECT_ROOT, 'BENCHMARKS.md');
/** `bench query --profile`: the query service's CPU profile, beside BENCHMARKS.md (not committed: .gitignore). */
export const QUERY_PROFILE_FILE = join(PROJECT_ROOT, 'BENCHMARKS-query.cpuprofile');

export async function writeSection(name: string, markdown: string, file = BENCHMARKS_FILE): Promise<void> {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const current = existsSync(file) ? await readFile(file, 'utf8') : '# Benchmarks\n\nWritten by the `bellyfed bench …` commands; each section is replaced by its next run.\n';
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  const next = pattern.test(current) ? current.replace(pattern, block) : `${current.trimEnd()}\n\n${block}\n`;
  await writeFile(file, next);
}
