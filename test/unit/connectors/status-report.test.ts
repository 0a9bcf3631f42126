import { expect } from 'chai';
import { renderStatus, statusExitCode, statusSummary } from '../../../services/connectors/status-report.js';
import { traceHead } from '../../../services/shared/connect/trace.js';
import type { ConnectorStatus } from '../../../services/shared/connect/types.js';

// Shapes as GET /connectors/{name}/status returns them (Kafka Connect 4.3, Debezium 3.6.1).
const RUNNING: ConnectorStatus = {
  name: 'bellyfed-postgres-source',
  connector: { state: 'RUNNING', worker_id: '127.0.0.1:8083' },
  tasks: [{ id: 0, state: 'RUNNING', worker_id: '127.0.0.1:8083' }],
  type: 'source',
};

// Captured from Kafka Connect 4.3.1 + Debezium 3.6.1 (a publication that does not exist), trimmed to 9 lines.
const TRACE = [
  'org.apache.kafka.connect.errors.ConnectException: Publication autocreation is disabled, please create one and restart the connector.',
  '\tat io.debezium.connector.postgresql.connection.PostgresReplicationConnection.initPublication(PostgresReplicationConnection.java:242)',
  '\tat io.debezium.connector.postgresql.connection.PostgresReplicationConnection.createReplicationSlot(PostgresReplicationConnection.java:865)',
  '\tat io.debezium.connector.postgresql.PostgresConnectorTask.tryToCreateSlot(PostgresConnectorTask.java:312)',
  '\tat io.debezium.connector.postgresql.PostgresConnectorTask.start(PostgresConnectorTask.java:195)',
  '\tat io.debezium.connector.common.BaseSourceTask.start(BaseSourceTask.java:285)',
  '\tat org.apache.kafka.connect.runtime.AbstractWorkerSourceTask.initializeAndStart(AbstractWorkerSourceTask.java:288)',
  '\tat org.apache.kafka.connect.runtime.WorkerTask.doStart(WorkerTask.java:191)',
  '\tat java.base/java.lang.Thread.run(Thread.java:840)',
  '',
].join('\n');

const TASK_FAILED: ConnectorStatus = {
  name: 'bellyfed-postgres-source',
  connector: { state: 'RUNNING', worker_id: '127.0.0.1:8083', version: '3.6.1.Final' },
  tasks: [{ id: 0, state: 'FAILED', worker_id: '127.0.0.1:8083', trace: TRACE }],
  type: 'source',
};

describe('connector status report', () => {
  it('exits 0 when everything runs, 1 when a task or the connector FAILED', () => {
    expect(statusExitCode([RUNNING])).to.equal(0);
    expect(statusExitCode([RUNNING, TASK_FAILED])).to.equal(1);
    expect(statusExitCode([{ ...RUNNING, connector: { state: 'FAILED', worker_id: 'w', trace: 'boom' }, tasks: [] }])).to.equal(1);
    expect(statusExitCode([{ ...RUNNING, connector: { state: 'PAUSED', worker_id: 'w' } }])).to.equal(0);
  });

  it('prints states and the head of a failed task trace', () => {
    const text = renderStatus(TASK_FAILED);
    expect(text.split('\n').slice(0, 3)).to.deep.equal([
      'bellyfed-postgres-source: RUNNING (worker 127.0.0.1:8083)',
      '  task 0: FAILED (worker 127.0.0.1:8083)',
      '      org.apache.kafka.connect.errors.ConnectException: Publication autocreation is disabled, please create one and restart the connector.',
    ]);
    expect(text).to.contain('PostgresConnectorTask.start(PostgresConnectorTask.java:195)');
    expect(text).not.to.contain('Thread.run');
    expect(text).to.contain('... 3 more lines');
  });

  it('prints no trace for healthy tasks', () => {
    expect(renderStatus(RUNNING)).to.equal('bellyfed-postgres-source: RUNNING (worker 127.0.0.1:8083)\n  task 0: RUNNING (worker 127.0.0.1:8083)');
  });

  it('keeps the whole trace when it is short', () => {
    expect(traceHead('a\n\tat b\n', 6)).to.deep.equal(['a', '\tat b']);
  });

  it('summarises for --json with the first trace line as the error', () => {
    expect(statusSummary(TASK_FAILED)).to.deep.equal({
      name: 'bellyfed-postgres-source',
      state: 'RUNNING',
      workerId: '127.0.0.1:8083',
      error: undefined,
      failed: true,
      tasks: [{ id: 0, state: 'FAILED', workerId: '127.0.0.1:8083', error: TRACE.split('\n')[0] }],
    });
  });
});
