import { type ConfigSource, type FieldSchema, type LeafValue } from '@strata/core';
import { LayerBuilder } from '@strata/core/source';

/**
 * Test scaffolding: a source whose values the test sets and changes. It is not the thing under test; it
 * stands in for a file or env source so the engine's behaviour can be checked on its own.
 */
export interface FixedSource extends ConfigSource {
  values: Record<string, LeafValue>;
  fail: Error | undefined;
  loads: number;
}

/**
 * A source named `name` serving `values` by dotted path. Change `values` or set `fail` and reload to drive
 * the engine; `loads` counts the calls. `textual` marks its strings for coercion (as env and argv are).
 */
export function fixedSource(
  name: string,
  values: Record<string, LeafValue>,
  options: {
    textual?: boolean;
    describe?: (field: FieldSchema) => string | undefined;
    optional?: boolean;
  } = {},
): FixedSource {
  const source: FixedSource = {
    name,
    values,
    fail: undefined,
    loads: 0,
    ...(options.optional ? { optional: true } : {}),
    async load() {
      source.loads++;
      if (source.fail) throw source.fail;
      const builder = new LayerBuilder({ source: name, textual: options.textual ?? false });
      for (const [key, value] of Object.entries(source.values)) {
        builder.set(key.split('.'), value, { source: name, locator: key });
      }
      return builder.build();
    },
    ...(options.describe ? { describe: options.describe } : {}),
  };
  return source;
}
