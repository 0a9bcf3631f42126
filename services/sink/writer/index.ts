/** The sink's DynamoDB side: guarded writes with retry, copies, truncates, watermarks. */
export { BatchWriter, type BatchWriterOptions } from './batch-writer.js';
export { classifyWriteError, type WriteFailure } from './classify.js';
export { DynamoCalls, type Item } from './dynamo-calls.js';
export type { DynamoPort } from './dynamo-port.js';
export { WriteRejectedError } from './errors.js';
export { FenceCache } from './fence-cache.js';
export { MaintenanceRunner, type MaintenanceOptions } from './maintenance.js';
export { CountingStats, NO_STATS, type WriterStats } from './stats.js';
export { Watermarks, HEARTBEAT_TABLE_LABEL } from './watermarks.js';
export { sendWithRetry, type RetryOptions } from './retry.js';
