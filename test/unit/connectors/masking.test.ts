import { expect } from 'chai';
import { MASK, maskConfig, maskText } from '../../../services/connectors/masking.js';

describe('secret masking', () => {
  it('hides settings whose key names a password, secret or token, whatever the value', () => {
    const masked = maskConfig(
      { 'database.password': 'p', 'sasl.jaas.secret': 's', 'auth.token': 't', 'database.user': 'cdc' },
      [],
    );
    expect(masked).to.deep.equal({ 'database.password': MASK, 'sasl.jaas.secret': MASK, 'auth.token': MASK, 'database.user': 'cdc' });
  });

  it('hides a secret value wherever it appears, longest first', () => {
    expect(maskText('http://u:hunter22@host/?t=hunter2', ['hunter2', 'hunter22'])).to.equal(`http://u:${MASK}@host/?t=${MASK}`);
    expect(maskConfig({ 'registry.url': 'http://u:pass@r' }, ['pass'])['registry.url']).to.equal(`http://u:${MASK}@r`);
  });

  it('does not search text for very short secrets, which would garble every message', () => {
    expect(maskText("The 'topic.prefix' value is invalid", ['', 'x', 'ix'])).to.equal("The 'topic.prefix' value is invalid");
    expect(maskConfig({ 'database.password': 'x' }, ['x'])['database.password']).to.equal(MASK);
  });
});
