import { type ConfigSource, type InputLimits, type Layer, type SourceContext } from '@strata/core';
import { LayerBuilder } from '@strata/core/source';
import { variableNamesFor } from './naming/variable-name.js';
import { mapVariables } from './variables/map-variables.js';
import type { RawVariable } from './variables/raw-variable.js';
import { resolveMapping, type VariableMappingOptions } from './variables/variable-options.js';

/** Options of {@link envSource}. */
export interface EnvSourceOptions extends VariableMappingOptions {
  /**
   * The source's name, unique within one configuration.
   * @default 'env'
   */
  name?: string;
  /**
   * Bounds for JSON text given for object and list fields (`{"a": 1}`): keys, nesting depth, string length,
   * bytes. Text past one is reported as an invalid value naming the variable and the limit.
   * @default defaultInputLimits (10 MiB, 100,000 keys, 64 levels, 1 MiB strings)
   */
  limits?: Partial<InputLimits>;
}

/**
 * Environment variables as a configuration source. Reads the context's `env` (which the engine fills from
 * `process.env`), never `process.env` directly.
 *
 * - With `prefix: 'APP_'`, `APP_DATABASE__POOL_SIZE=20` sets `database.poolSize`: the prefix is stripped,
 *   the rest is cut on the separator, and the engine matches each segment to the schema ignoring case, `_`
 *   and `-`.
 * - Without a prefix, only variables whose first segment names a section are read (`DATABASE__PORT`).
 * - `@Env('DATABASE_URL')` binds an exact variable; it wins over prefixed ones.
 * - Values stay text (`''` included); the engine converts them to the declared types.
 *
 * Origins are `{ source: 'env', locator: 'APP_DATABASE__POOL_SIZE' }`.
 *
 * @example envSource({ prefix: 'APP_' })
 */
export function envSource(options: EnvSourceOptions = {}): ConfigSource {
  const name = options.name ?? 'env';
  const { prefix, separator } = resolveMapping('envSource', options);
  return {
    name,
    async load(context: SourceContext): Promise<Layer> {
      const builder = new LayerBuilder({ source: name, textual: true, limits: options.limits });
      mapVariables({
        builder,
        variables: readEnv(context.env),
        prefix,
        separator,
        schema: context.schema,
        source: name,
      });
      return builder.build();
    },
    describe(field) {
      return `env ${variableNamesFor(field, prefix, separator).join(' or ')}`;
    },
  };
}

/** Sorted by name, so that when two names map to one path the outcome does not depend on the platform. */
function readEnv(env: Readonly<Record<string, string | undefined>>): RawVariable[] {
  const variables: RawVariable[] = [];
  for (const key of Object.keys(env).sort()) {
    const value = env[key];
    if (value !== undefined) variables.push({ name: key, value, origin: { source: 'env', locator: key } });
  }
  return variables;
}
