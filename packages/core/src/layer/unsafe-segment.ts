const unsafe = new Set(['__proto__', 'prototype', 'constructor']);

/**
 * True for the segments that can reach an object's prototype. Relaxed name matching (case-insensitive,
 * `_` ignored) would let `CONSTRUCTOR` or `__PROTO__` stand for the dangerous names, so those spellings are
 * refused too. A plain `proto` key stays allowed: only with underscores does it spell `__proto__`.
 */
export function isUnsafeSegment(segment: string): boolean {
  if (unsafe.has(segment)) return true;
  const folded = segment.toLowerCase().replace(/[_-]/g, '');
  if (folded === 'constructor' || folded === 'prototype') return true;
  return folded === 'proto' && folded !== segment.toLowerCase();
}
