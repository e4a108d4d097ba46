import { ClassListCache } from './class-list-cache.js';
import type { Constructor, SchemaModel } from '../models/schema-model.js';
import { type ReadSchemaResult, SchemaReader } from './schema-reader.js';

export type { ReadSchemaResult } from './schema-reader.js';

const cache = new ClassListCache<ReadSchemaResult>();

/**
 * Read the schema of the given `@Section` classes once, with its compiled rules. Cached per list of classes.
 * Throws like {@link readSchema}.
 */
export function readSchemaResult(sections: readonly Constructor[]): ReadSchemaResult {
  return cache.get(sections, () => new SchemaReader().read(sections));
}

/**
 * Read the schema of the given `@Section` classes once from their decorators: class-validator constraints,
 * class-transformer `@Type`, Strata's own marks, `design:type` metadata and property initialisers. The result
 * is cached per list of classes. Throws a `DEFINITION_INVALID` {@link StrataError} for a class that cannot
 * serve as configuration.
 */
export function readSchema(sections: readonly Constructor[]): SchemaModel {
  return readSchemaResult(sections).model;
}
