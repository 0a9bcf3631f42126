/** Where connector definitions and the source database's CDC setup SQL live in the repository. */
import { join } from 'node:path';
import { PROJECT_ROOT } from '../shared/paths.js';

export const CONNECTORS_DIR = join(PROJECT_ROOT, 'connectors');
export const CDC_SQL_DIR = join(CONNECTORS_DIR, 'sql');
