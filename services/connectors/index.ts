/** Connector management: definitions in connectors/, the Connect REST client, and the CDC setup of PostgreSQL. */
export { registerConnectorCommands, type ConnectorCommandOptions } from './commands.js';
export { applyConnectors, planConnector, type ApplyPlan } from './apply.js';
export { ConnectClient, type ConnectClientOptions } from '../shared/connect/client.js';
export { loadConnectorDefinitions, parseConnectorDefinition } from './definitions.js';
export { CONNECTORS_DIR, CDC_SQL_DIR } from './paths.js';
export { resolvePlaceholders, listPlaceholders } from './placeholders.js';
export { prepareSourceDatabase, type PrepareOptions, type PrepareResult } from './source-database.js';
export { CAPTURED_TABLES, CDC_ROLE, HEARTBEAT_TABLE, SIGNAL_TABLE } from '../model/captured-tables.js';
export type { ConnectorConfig, ConnectorDefinition, ConnectorStatus } from '../shared/connect/types.js';
