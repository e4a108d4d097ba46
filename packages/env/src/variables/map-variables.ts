import { type SchemaModel, SourceError } from '@strata/core';
import { foldName, type LayerBuilder } from '@strata/core/source';
import { claimedEnvNames, topLevelNames } from '../naming/schema-names.js';
import { splitName } from '../naming/split-name.js';
import type { RawVariable } from './raw-variable.js';

/** What {@link mapVariables} needs. */
export interface MapVariablesOptions {
  /** Receives the entries; it refuses unsafe segments. */
  readonly builder: LayerBuilder;
  /** In precedence order: a later variable with the same name, or mapping to the same path, wins. */
  readonly variables: readonly RawVariable[];
  /** Only variables starting with it are read; `undefined` reads those whose first segment names a section. */
  readonly prefix: string | undefined;
  readonly separator: string;
  readonly schema: SchemaModel;
  /** The source's name, for errors. */
  readonly source: string;
}

/**
 * Map variables onto configuration paths, for the environment and `.env` files alike.
 *
 * 1. Variables named by an `@Env(...)` are left to step 3.
 * 2. With a prefix, every variable that starts with it (case-sensitive) is cut on the separator after the
 *    prefix; the raw segments become the path (`APP_DATABASE__POOL_SIZE` → `['DATABASE', 'POOL_SIZE']`).
 *    Without one, a variable is read only when its first segment folds to a section's first segment, so
 *    `PATH` or `HOME` are never taken for configuration.
 * 3. `@Env` variables are added last, so they win over prefixed ones. When several names of one field are
 *    set, the first listed wins (the others are added before it, as losing candidates for `explain`).
 *
 * Throws {@link UnsafeKeyError} (from the builder) for a name that spells `__proto__`, `constructor` or
 * `prototype`, and a {@link SourceError} listing every read name with an empty segment (`APP_A____B`).
 */
export function mapVariables(options: MapVariablesOptions): void {
  const { builder, prefix, separator, schema } = options;
  const claimed = claimedEnvNames(schema);
  const sections = prefix === undefined ? topLevelNames(schema) : undefined;
  const malformed: RawVariable[] = [];

  for (const variable of options.variables) {
    if (claimed.has(variable.name)) continue;
    let rest: string;
    if (prefix !== undefined) {
      if (!variable.name.startsWith(prefix)) continue;
      rest = variable.name.slice(prefix.length);
    } else {
      const first = variable.name.split(separator)[0] ?? '';
      if (!sections?.has(foldName(first))) continue;
      rest = variable.name;
    }
    const split = splitName(rest, separator);
    // The builder throws UnsafeKeyError for these; a malformed name must not hide a pollution attempt.
    if (split.unsafe || !split.empty) builder.set(split.path, variable.value, variable.origin);
    else malformed.push(variable);
  }

  // Most schemas name no variable with @Env: nothing to look up then, whatever the schema's size.
  if (claimed.size > 0) addExactNames(options);

  if (malformed.length > 0) throw emptySegmentError(options, malformed);
}

function addExactNames({ builder, variables, schema }: MapVariablesOptions): void {
  const latest = new Map<string, RawVariable>();
  for (const variable of variables) latest.set(variable.name, variable);
  for (const field of schema.fields) {
    if (field.envNames.length === 0) continue;
    const set = field.envNames.flatMap((name) => latest.get(name) ?? []);
    for (const variable of set.reverse()) builder.set(field.segments, variable.value, variable.origin);
  }
}

function emptySegmentError(options: MapVariablesOptions, malformed: readonly RawVariable[]): SourceError {
  const { prefix, separator, source } = options;
  const names = malformed.map((v) =>
    v.origin.locator === v.name ? v.name : `${v.name} (${v.origin.locator})`,
  );
  const where = prefix === undefined ? 'the name' : `the name after the prefix "${prefix}"`;
  const count = malformed.length === 1 ? '1 variable has' : `${malformed.length} variables have`;
  return new SourceError(
    source,
    `${count} an empty name segment: ${names.join(', ')}. Separate levels with exactly one "${separator}", ` +
      `with none at the start or the end of ${where}, or rename the variable.`,
  );
}
