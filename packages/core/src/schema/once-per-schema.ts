import type { SchemaModel } from '../models/schema-model.js';

/**
 * `build` computed once per schema and kept while the schema lives. Schemas are cached per list of classes, so
 * every load and reload of one definition shares the result.
 */
export function oncePerSchema<T>(build: (schema: SchemaModel) => T): (schema: SchemaModel) => T {
  const results = new WeakMap<SchemaModel, T>();
  return (schema) => {
    let result = results.get(schema);
    if (result === undefined) {
      result = build(schema);
      results.set(schema, result);
    }
    return result;
  };
}
