import { isEnvelope } from './envelope.js';

/** One encrypted value found by {@link findEnvelopes}. */
export interface FoundEnvelope {
  /** The dotted path (`database.password`, `servers.0.token`). */
  readonly path: string;
  /** The same path as segments, for writing a value back when a key contains a dot. */
  readonly segments: readonly string[];
  /** The `enc:…` text. */
  readonly envelope: string;
}

/**
 * Every string leaf starting with `enc:` in a parsed configuration tree (plain objects and arrays; array
 * items get their index as a segment), in document order. Other values, and objects that are not plain
 * (dates, class instances), are skipped. An object reached twice (a YAML alias) is reported at both paths;
 * a cycle is not followed.
 *
 * @example findEnvelopes({ db: { password: 'enc:v1:k1:…' } }) // [{ path: 'db.password', … }]
 */
export function findEnvelopes(tree: unknown): FoundEnvelope[] {
  const found: FoundEnvelope[] = [];
  const ancestors = new Set<object>();
  const walk = (node: unknown, segments: readonly string[]): void => {
    if (isEnvelope(node)) {
      if (segments.length > 0) found.push({ path: segments.join('.'), segments, envelope: node });
      return;
    }
    if (typeof node !== 'object' || node === null || ancestors.has(node)) return;
    const proto = Object.getPrototypeOf(node);
    if (!Array.isArray(node) && proto !== null && proto !== Object.prototype) return;
    ancestors.add(node);
    const children: [string, unknown][] = Array.isArray(node)
      ? node.map((item, index) => [String(index), item])
      : Object.entries(node);
    for (const [key, child] of children) walk(child, [...segments, key]);
    ancestors.delete(node);
  };
  walk(tree, []);
  return found;
}
