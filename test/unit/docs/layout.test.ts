import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../../services/shared/paths.js';

/** Folders that are built, installed or runtime state, not source: they need no row. */
const NOT_SOURCE = new Set(['node_modules', 'dist', 'cdk.out', 'test-artifacts']);

function folders(dir: string): string[] {
  return readdirSync(join(PROJECT_ROOT, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !NOT_SOURCE.has(e.name))
    .map((e) => (dir === '.' ? e.name : `${dir}/${e.name}`));
}

describe('README layout table', function () {
  it('names every top-level folder and every component under services/', function () {
    const readme = readFileSync(join(PROJECT_ROOT, 'README.md'), 'utf8');
    const layout = readme.slice(readme.indexOf('## Layout'));
    const named = new Set([...layout.matchAll(/^\| `([^`]+?)\/?` \|/gm)].map((m) => (m[1] as string).replace(/\/$/, '')));
    const missing = [...folders('.').filter((f) => f !== 'services'), ...folders('services')].filter((f) => !named.has(f));
    expect(missing, 'folders without a row in the README layout table').to.deep.equal([]);
  });
});
