/** Files the services read at run time (SQL, Avro, table definitions), found from the project root. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'schemas'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the project root above ${start}`);
    dir = parent;
  }
}

// Works from services/ (tsx) and from dist/services/ (compiled) alike.
export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
export const SCHEMAS_DIR = join(PROJECT_ROOT, 'schemas');
export const MIGRATIONS_DIR = join(SCHEMAS_DIR, 'sql');
