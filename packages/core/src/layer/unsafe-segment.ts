const unsafe = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * True for the segments that can reach an object's prototype. Relaxed name matching (case-insensitive,
 * `_` ignored) would let `CONSTRUCTOR` or `__PROTO__` stand for the dangerous names, so those spellings are
 * refused too. A plain `proto` key stays allowed: only with underscores does it spell `__proto__`.
 */
export function isUnsafeSegment(segment: string): boolean {
  // Every dangerous spelling starts with '_', '-', 'c' or 'p' (any case): most segments are cleared here,
  // without building folded strings (this runs for every segment of every entry of every load).
  const first = segment.charCodeAt(0) | 32;
  if (first !== 127 && first !== 45 && first !== 99 && first !== 112) return false;
  if (unsafe.has(segment)) return true;
  const folded = segment.toLowerCase().replace(/[_-]/g, '');
  if (folded === 'constructor' || folded === 'prototype') return true;
  return folded === 'proto' && folded !== segment.toLowerCase();
}
