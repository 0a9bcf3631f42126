/**
 * The DynamoDB model (schemas/dynamodb/MODEL.md) as code: keys, indexes, copies, guards and
 * value marshalling. Shared by the sink (writes) and the query service's DynamoDB reader (reads).
 */
export * from './attributes.js';
export * from './bookkeeping-keys.js';
export * from './copies.js';
export * from './entities.js';
export * from './errors.js';
export * from './guards.js';
export * from './key-conditions.js';
export * from './keys.js';
export * from './listing-shards.js';
export * from './marshall.js';
export * from './read-queries.js';
export * from './sort-key.js';
export * from './table-definition.js';
export * from './tombstone.js';
export * from './update-expression.js';
export * from './version.js';
