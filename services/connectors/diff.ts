/** Desired (file) versus running (Connect) config, per key, rendered with secrets masked. */
import { isSecretKey, MASK, maskValue } from './masking.js';
import type { ConnectorConfig } from '../shared/connect/types.js';

export interface ConfigChange {
  readonly key: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: string;
  readonly after?: string;
}

/** Keys sorted; a missing running config (connector absent) makes every desired key "added". */
export function diffConfig(desired: ConnectorConfig, running: ConnectorConfig | undefined): ConfigChange[] {
  const current = running ?? {};
  const keys = [...new Set([...Object.keys(desired), ...Object.keys(current)])].sort();
  const changes: ConfigChange[] = [];
  for (const key of keys) {
    const after = desired[key];
    const before = current[key];
    if (before === undefined && after !== undefined) changes.push({ key, kind: 'added', after });
    else if (after === undefined && before !== undefined) changes.push({ key, kind: 'removed', before });
    else if (before !== after) changes.push({ key, kind: 'changed', before: before!, after: after! });
  }
  return changes;
}

/** One line per change: "+ key = value", "- key = value", "~ key: old -> new". */
export function renderChanges(changes: readonly ConfigChange[], secretValues: readonly string[]): string[] {
  return changes.map((c) => {
    const show = (v: string) => maskValue(c.key, v, secretValues);
    if (c.kind === 'added') return `  + ${c.key} = ${show(c.after!)}`;
    if (c.kind === 'removed') return `  - ${c.key} = ${show(c.before!)}`;
    if (isSecretKey(c.key)) return `  ~ ${c.key}: ${MASK} -> ${MASK} (changed)`;
    return `  ~ ${c.key}: ${show(c.before!)} -> ${show(c.after!)}`;
  });
}
