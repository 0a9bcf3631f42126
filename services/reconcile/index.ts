/**
 * The reconciler (`bellyfed reconcile`): is DynamoDB exactly what PostgreSQL implies, for every
 * row, with bounded memory and changes in flight accounted for; and, with --repair, make it so
 * through the sink's transform and guarded writes. docs/RECONCILE.md.
 */
export { reconcile, type ReconcileDeps } from './run.js';
export { parseOptions, DEFAULTS, DIFFERENCE_LIMIT, type ReconcileOptions, type RawOptions } from './options.js';
export { reportJson, reportText, isEqual, REPORT_VERSION, type ReconcileResult, type ReportJson } from './report.js';
export { ttyProgress, NO_PROGRESS, type Progress } from './progress.js';
export { SOURCE_TABLES, rowKeyOf } from './item-keys.js';
export type { Difference, DifferenceKind, TableCounts } from './types.js';
