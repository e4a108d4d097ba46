import { inspect } from 'node:util';
import { formatIssue, type Issue } from '@strata/core';

/**
 * Every way a value can end up printed, joined into one string for a leak check: `util.inspect` (plain and
 * with hidden properties, at any depth), `JSON.stringify`, `String()`; for an error also its message, stack,
 * cause (recursively) and, for a validation error, its issues as JSON and as formatted lines. The leak suites
 * assert a secret appears in none of it.
 */
export function everyView(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  const parts = [
    inspect(value, { depth: Number.POSITIVE_INFINITY }),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    safeJson(value),
    String(value),
  ];
  if (value instanceof Error) {
    parts.push(value.message, value.stack ?? '', everyView(value.cause));
    const issues = (value as { issues?: readonly Issue[] }).issues;
    if (issues) parts.push(safeJson(issues), ...issues.map(formatIssue));
  }
  return parts.join('\n');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch (error) {
    return `(JSON.stringify threw ${String(error)})`;
  }
}
