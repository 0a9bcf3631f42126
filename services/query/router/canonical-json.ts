/**
 * Comparing what two stores answered. Canonical JSON sorts object keys (by code unit, at every
 * depth) and is otherwise JSON.stringify: two answers are equal when the client would receive the
 * same values, whatever order a store's maps happen to keep their keys in.
 */

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  }) ?? 'undefined';
}

export interface Difference {
  /** JSON-pointer-like path, e.g. /3/reviewer/displayName. */
  path: string;
  /** What differs, without the values themselves (logs must not carry whole bodies or personal data). */
  kind: 'value' | 'type' | 'missing-in-candidate' | 'extra-in-candidate' | 'length';
}

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** The first `max` places where `candidate` differs from `expected`, depth first, in key order. */
export function firstDifferences(expected: unknown, candidate: unknown, max = 5): Difference[] {
  const out: Difference[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (out.length >= max) return;
    const ta = typeOf(a);
    const tb = typeOf(b);
    if (ta !== tb) {
      out.push({ path: path || '/', kind: 'type' });
      return;
    }
    if (ta === 'array') {
      const xa = a as unknown[];
      const xb = b as unknown[];
      if (xa.length !== xb.length) out.push({ path: path || '/', kind: 'length' });
      for (let i = 0; i < Math.min(xa.length, xb.length); i++) walk(xa[i], xb[i], `${path}/${i}`);
      return;
    }
    if (ta === 'object') {
      const oa = a as Record<string, unknown>;
      const ob = b as Record<string, unknown>;
      for (const k of [...new Set([...Object.keys(oa), ...Object.keys(ob)])].sort()) {
        if (out.length >= max) return;
        const p = `${path}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if (!Object.hasOwn(ob, k)) out.push({ path: p, kind: 'missing-in-candidate' });
        else if (!Object.hasOwn(oa, k)) out.push({ path: p, kind: 'extra-in-candidate' });
        else walk(oa[k], ob[k], p);
      }
      return;
    }
    if (!Object.is(a, b)) out.push({ path: path || '/', kind: 'value' });
  };
  walk(expected, candidate, '');
  return out;
}
