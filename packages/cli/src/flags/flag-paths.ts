import type { SchemaModel } from '@strata/core';

/** The constraint name `@strata/flags` gives a flag's rules key (its `FLAG_RULES_CONSTRAINT`). */
const FLAG_RULES_CONSTRAINT = 'flagRules';

/**
 * The rules path of a flag, read from the schema alone (the rules key carries the flag's constraint, whose
 * argument is the flag's property): so `strata explain` knows a flag without loading `@strata/flags`.
 */
export function flagRulesPathOf(schema: SchemaModel, path: string): string | undefined {
  const field = schema.field(path);
  if (!field) return undefined;
  const parent = field.segments.slice(0, -1).join('.');
  for (const candidate of schema.fields) {
    if (candidate.segments.slice(0, -1).join('.') !== parent) continue;
    const constraint = candidate.constraints.find((c) => c.name === FLAG_RULES_CONSTRAINT);
    if (constraint && constraint.args[0] === field.key) return candidate.path;
  }
  return undefined;
}
