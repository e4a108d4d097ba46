import { isUnsafeSegment } from '@strata/core/source';

/** A name cut into path segments. */
export interface SplitName {
  /** The segments; with `empty`, the non-empty ones with the separators next to an empty one restored. */
  readonly path: readonly string[];
  /** Some segment was empty: a doubled separator, or one at the start or the end of the name. */
  readonly empty: boolean;
  /** Some segment (as restored) could reach an object prototype: `__proto__`, `CONSTRUCTOR`, `prototype`. */
  readonly unsafe: boolean;
}

/**
 * Cut `name` on `separator`. When that leaves empty segments, the separators beside them are glued back
 * onto their neighbours before the unsafe-name check, because they were never separators: in
 * `APP___proto____x` with prefix `APP_` the split gives `['', 'proto', '', 'x']`, which hides `__proto__`;
 * restored, the path is `['__proto__', 'x']` and the check refuses it. A segment unsafe by itself stays as
 * it is, so gluing never hides one (`a..__proto__` with `.`).
 */
export function splitName(name: string, separator: string): SplitName {
  const raw = name.split(separator);
  if (!raw.includes('')) return { path: raw, empty: false, unsafe: raw.some(isUnsafeSegment) };
  const path: string[] = [];
  raw.forEach((segment, index) => {
    if (segment === '') return;
    if (isUnsafeSegment(segment)) {
      path.push(segment);
      return;
    }
    const before = raw[index - 1] === '' ? separator : '';
    const after = raw[index + 1] === '' ? separator : '';
    path.push(`${before}${segment}${after}`);
  });
  return { path, empty: true, unsafe: path.some(isUnsafeSegment) };
}
