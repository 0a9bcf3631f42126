import { expect } from 'chai';
import { isBellyfedError } from '../../../services/shared/errors.js';
import { lineAndColumn, parseConnectorDefinition } from '../../../services/connectors/definitions.js';

const FILE = 'connectors/src.json';

function parseError(text: string, file = FILE): Error {
  try {
    parseConnectorDefinition(text, file);
  } catch (err) {
    expect(isBellyfedError(err, 'CONNECTOR_FILE_INVALID'), String(err)).to.equal(true);
    return err as Error;
  }
  throw new Error('expected CONNECTOR_FILE_INVALID');
}

describe('connector definition files', () => {
  it('accepts { name, config } with string settings', () => {
    const def = parseConnectorDefinition('{"name":"src","config":{"connector.class":"C","tasks.max":"1"}}', FILE);
    expect(def).to.deep.equal({ name: 'src', file: FILE, config: { 'connector.class': 'C', 'tasks.max': '1' } });
  });

  it('names the file, line and column of invalid JSON', () => {
    const err = parseError('{\n  "name": "src",\n  "config": { "a": "1", }\n}');
    expect(err.message).to.match(/^connectors\/src\.json: invalid JSON at line 3, column \d+: /);
  });

  it('computes 1-based line and column', () => {
    expect(lineAndColumn('ab\ncd', 0)).to.deep.equal({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd', 4)).to.deep.equal({ line: 2, column: 2 });
  });

  it('refuses a number where Connect would hold a string, naming the key', () => {
    expect(parseError('{"name":"src","config":{"connector.class":"C","tasks.max":1}}').message).to.contain('"tasks.max" must be a string');
  });

  it('refuses a name that differs from the file name', () => {
    expect(parseError('{"name":"other","config":{"connector.class":"C"}}').message).to.contain('make them match');
  });

  it('refuses a definition without connector.class, and unknown top-level keys', () => {
    expect(parseError('{"name":"src","config":{}}').message).to.contain('connector.class');
    expect(parseError('{"name":"src","config":{"connector.class":"C"},"tasks":[]}').message).to.contain('tasks');
  });

  it('refuses a JSON value that is not an object', () => {
    expect(parseError('[]').message).to.contain('one JSON object');
  });
});
