/**
 * `@strata/core/tooling` — what tools built on Strata need beyond the application API: the schema model read
 * from decorated classes (docs, JSON Schema, env names), the JSON Schema of the file format, how a field can be set, migrations applied to a
 * whole tree, and structural equality as the diff uses it. The `strata` CLI is built on it.
 */
import '../reflect-metadata.js';

export { readSchema } from '../schema/read-schema.js';
export { describeInputs } from '../config/describe-inputs.js';
export type { MigratedTree } from '../migrate/migrate-tree.js';
export { migrateTree } from '../migrate/migrate-tree.js';
export { deepEqual } from '../snapshot/deep-equal.js';
export type { JsonSchema } from '../json-schema/json-schema-types.js';
export type { JsonSchemaOptions } from '../json-schema/build-json-schema.js';
export { buildJsonSchema } from '../json-schema/build-json-schema.js';
