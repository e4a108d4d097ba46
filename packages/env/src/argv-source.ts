import {
  type ConfigSource,
  type InputLimits,
  type Layer,
  type SourceContext,
  SourceError,
} from '@strata/core';
import { foldName, LayerBuilder } from '@strata/core/source';
import { parseFlags } from './argv/parse-flags.js';
import { undottedFlagNames } from './naming/schema-names.js';
import { splitName } from './naming/split-name.js';

/** Options of {@link argvSource}. */
export interface ArgvSourceOptions {
  /**
   * The arguments to read, without the node binary and script.
   * @default the context's `argv` (the engine passes `process.argv.slice(2)`)
   */
  argv?: readonly string[];
  /**
   * The source's name, unique within one configuration.
   * @default 'argv'
   */
  name?: string;
  /**
   * Bounds for JSON text given for object and list fields (`{"a": 1}`): keys, nesting depth, string length,
   * bytes. Text past one is reported as an invalid value naming the flag and the limit.
   * @default defaultInputLimits (10 MiB, 100,000 keys, 64 levels, 1 MiB strings)
   */
  limits?: Partial<InputLimits>;
}

/**
 * Command-line flags as a configuration source: `--database.port=5433` or `--database.port 5433`.
 *
 * - A dotted flag is always configuration, so a typo (`--databse.port`) reaches the engine and is reported
 *   as an unknown key. An undotted flag (`--port`) is read only when it names a top-level section or a
 *   field path of the schema; otherwise it belongs to the application and is ignored.
 * - `--flag` alone is `'true'`, `--no-a.b` is `'false'`, `--a.b=` is `''`; the last of repeated flags wins.
 * - Everything after a bare `--` is ignored.
 *
 * Origins are `{ source: 'argv', locator: '--database.port' }`.
 *
 * @example argvSource()
 */
export function argvSource(options: ArgvSourceOptions = {}): ConfigSource {
  const name = options.name ?? 'argv';
  return {
    name,
    async load(context: SourceContext): Promise<Layer> {
      const undotted = undottedFlagNames(context.schema);
      const isConfig = (flag: string): boolean => flag.includes('.') || undotted.has(foldName(flag));
      const builder = new LayerBuilder({ source: name, textual: true, limits: options.limits });
      const malformed: string[] = [];
      for (const flag of parseFlags(options.argv ?? context.argv, isConfig)) {
        const split = splitName(flag.name, '.');
        // The builder throws UnsafeKeyError for `--__proto__.x`, even when a segment is also empty.
        if (split.unsafe || !split.empty) {
          builder.set(split.path, flag.value, { source: 'argv', locator: flag.locator });
        } else malformed.push(flag.locator);
      }
      if (malformed.length > 0) {
        throw new SourceError(
          name,
          `flags with an empty path segment: ${malformed.join(', ')}. Write paths as --section.key, with ` +
            'one "." between names.',
        );
      }
      return builder.build();
    },
    describe(field) {
      return `--${field.path}`;
    },
  };
}
