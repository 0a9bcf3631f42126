/** Change events to DynamoDB write intents (pure): the transform, its table mappings and coalescing. */
export { coalesce } from './coalesce.js';
export { putAsUpdate, resetAttributes } from './put-as-update.js';
export { TABLE_MAPPINGS, type TableMapping } from './table-mappings.js';
export { mappingFor, transformChange } from './transform.js';
export * from './types.js';
export { batchPutItem, guardedPutRequest, guardedUpdateRequest } from './requests.js';
