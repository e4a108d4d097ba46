import type { ConstraintInfo } from '@strata/core';

/** `min(1)`, `isIn(["debug","info"])`, `matches(/^[a-z]+$/)`, `each isString`. */
export function formatConstraint(constraint: ConstraintInfo): string {
  const args = constraint.args.filter((arg) => arg !== undefined).map(formatArg);
  const call = args.length === 0 ? constraint.name : `${constraint.name}(${args.join(', ')})`;
  return constraint.each ? `each ${call}` : call;
}

function formatArg(arg: unknown): string {
  if (arg instanceof RegExp) return arg.toString();
  if (typeof arg === 'function') return arg.name || 'function';
  try {
    return JSON.stringify(arg) ?? String(arg);
  } catch {
    return String(arg);
  }
}
