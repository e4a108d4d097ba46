/**
 * `@strata/core/tooling` — what tools built on Strata need beyond the application API: the schema model read
 * from decorated classes (docs, JSON Schema, env names), how a field can be set, migrations applied to a
 * whole tree, and structural equality as the diff uses it. The `strata` CLI is built on it.
 */
import 'reflect-metadata';

export { readSchema } from '../schema/read-schema.js';
export { describeInputs } from '../config/describe-inputs.js';
export type { MigratedTree } from '../migrate/migrate-tree.js';
export { migrateTree } from '../migrate/migrate-tree.js';
export { deepEqual } from '../snapshot/deep-equal.js';
