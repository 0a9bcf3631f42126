import { expect } from 'chai';
import { planConnector, renderPlan } from '../../../services/connectors/apply.js';
import { diffConfig, renderChanges } from '../../../services/connectors/diff.js';
import { MASK } from '../../../services/connectors/masking.js';

describe('config diff', () => {
  it('reports added, removed and changed keys in key order', () => {
    expect(diffConfig({ a: '1', b: '2', d: '4' }, { b: '20', c: '3', d: '4' })).to.deep.equal([
      { key: 'a', kind: 'added', after: '1' },
      { key: 'b', kind: 'changed', before: '20', after: '2' },
      { key: 'c', kind: 'removed', before: '3' },
    ]);
  });

  it('treats an absent connector as every key added', () => {
    expect(diffConfig({ a: '1' }, undefined)).to.deep.equal([{ key: 'a', kind: 'added', after: '1' }]);
  });

  it('renders secrets masked, including a changed password', () => {
    const lines = renderChanges(
      diffConfig({ 'database.password': 'new', url: 'http://x:pass@h' }, { 'database.password': 'old', url: 'http://h' }),
      ['pass'],
    );
    expect(lines).to.deep.equal([`  ~ database.password: ${MASK} -> ${MASK} (changed)`, `  ~ url: http://h -> http://x:${MASK}@h`]);
    expect(lines.join('\n')).not.to.contain('new').and.not.to.contain('old');
  });
});

describe('apply plan', () => {
  const resolved = { name: 'src', file: 'connectors/src.json', config: { 'connector.class': 'C', 'tasks.max': '1' }, secretValues: [] };

  it('creates an absent connector, with the name inside its config as Connect stores it', () => {
    const plan = planConnector(resolved, undefined);
    expect(plan.action).to.equal('create');
    expect(plan.desired).to.deep.equal({ 'connector.class': 'C', 'tasks.max': '1', name: 'src' });
  });

  it('does nothing when the running config is the same', () => {
    const plan = planConnector(resolved, { 'connector.class': 'C', 'tasks.max': '1', name: 'src' });
    expect(plan.action).to.equal('unchanged');
    expect(renderPlan(plan, false)).to.equal('src: unchanged, nothing to do');
  });

  it('updates when a setting differs and says how many', () => {
    const plan = planConnector(resolved, { 'connector.class': 'C', 'tasks.max': '2', name: 'src' });
    expect(plan.action).to.equal('update');
    expect(renderPlan(plan, true)).to.equal('src: would update (1 setting)\n  ~ tasks.max: 2 -> 1');
  });
});
