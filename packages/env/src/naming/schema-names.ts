import { type SchemaModel } from '@strata/core';
import { foldName } from '@strata/core/source';

/** The folded first segments of every section path (`database` for `@Section('database')`). */
export function topLevelNames(schema: SchemaModel): ReadonlySet<string> {
  const names = new Set<string>();
  for (const section of schema.sections) {
    const first = section.segments[0];
    if (first !== undefined && first !== '') names.add(foldName(first));
  }
  return names;
}

/**
 * The folded names an undotted command-line flag may have to count as configuration: the top-level
 * section names and the path of every field (a field of a section mounted at the root has a one-segment path).
 */
export function undottedFlagNames(schema: SchemaModel): ReadonlySet<string> {
  const names = new Set(topLevelNames(schema));
  for (const field of schema.fields) names.add(foldName(field.path));
  return names;
}

// A schema model is read-only and shared by every load of its classes: its names are collected once, not on
// every load (a walk over every field, 10,000 of them in a large schema).
const claimedBySchema = new WeakMap<SchemaModel, ReadonlySet<string>>();

/** Every variable named by an `@Env(...)` decorator. */
export function claimedEnvNames(schema: SchemaModel): ReadonlySet<string> {
  let names = claimedBySchema.get(schema);
  if (!names) {
    const found = new Set<string>();
    for (const field of schema.fields) for (const name of field.envNames) found.add(name);
    names = found;
    claimedBySchema.set(schema, names);
  }
  return names;
}
