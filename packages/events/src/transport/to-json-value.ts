import type { JsonValue } from './transport-message.js';

/**
 * A JSON-safe copy of a configuration value: Dates become ISO strings, bigints and non-finite numbers
 * strings, objects with a `toJSON` (configuration classes, which redact their secrets) are converted through
 * it. `undefined`, functions and symbols give `undefined`.
 */
export function toJsonValue(value: unknown, seen: ReadonlySet<object> = new Set()): JsonValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (value === null) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (seen.has(value)) return '[circular]';
  const inside = new Set(seen).add(value);
  if (Array.isArray(value)) return value.map((item) => toJsonValue(item, inside) ?? null);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return toJsonValue(toJSON.call(value), inside);
  const out: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(value)) {
    const converted = toJsonValue((value as Record<string, unknown>)[key], inside);
    if (converted !== undefined) out[key] = converted;
  }
  return out;
}
