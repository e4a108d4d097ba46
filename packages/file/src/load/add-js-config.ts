import { type LeafValue, SourceError } from '@strata/core';
import { isPlainObject, type LayerBuilder } from '@strata/core/source';

/**
 * Adds a JavaScript config file's exported object to the layer. There are no positions: every origin is
 * the file. Values must be plain data (objects, arrays, strings, numbers, booleans, bigints, null, Dates);
 * `undefined` properties are skipped.
 */
export function addJsConfig(builder: LayerBuilder, config: unknown, file: string, source: string): void {
  if (!isPlainObject(config)) {
    throw new SourceError(source, `${file} must export a plain object as its default export`);
  }
  const origin = { source: 'file', locator: file };
  const walk = (node: Readonly<Record<string, unknown>>, path: readonly string[]): void => {
    const keys = Object.keys(node);
    if (keys.length === 0 && path.length > 0) builder.set(path, Object.create(null), origin);
    for (const key of keys) {
      const value = node[key];
      const next = [...path, key];
      if (value === undefined) continue;
      if (isPlainObject(value)) walk(value, next);
      else builder.set(next, checked(value, next), origin);
    }
  };
  const checked = (value: unknown, path: readonly string[]): LeafValue => {
    if (
      value === null ||
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      typeof value === 'bigint' ||
      value instanceof Date
    ) {
      return value;
    }
    if (Array.isArray(value)) return value.map((item) => checked(item, path));
    if (isPlainObject(value)) {
      const result: Record<string, LeafValue> = Object.create(null);
      for (const key of Object.keys(value)) result[key] = checked(value[key], path);
      return result;
    }
    throw new SourceError(
      source,
      `${file}: "${path.join('.')}" holds a ${typeof value === 'object' ? 'class instance' : typeof value}; configuration values must be plain data`,
    );
  };
  walk(config, []);
}
