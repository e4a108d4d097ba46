import { isAbsolute, relative, resolve, sep } from 'node:path';
import { type ConfigSource, type InputLimits, type Layer, type SourceContext } from '@strata/core';
import { LayerBuilder, resolveInputLimits } from '@strata/core/source';
import { defaultDotenvFiles } from './dotenv/default-dotenv-files.js';
import { fingerprintText } from './dotenv/file-fingerprint.js';
import { readDotenvFile } from './dotenv/read-dotenv-file.js';
import { watchFiles } from './dotenv/watch-files.js';
import { variableNamesFor } from './naming/variable-name.js';
import { mapVariables } from './variables/map-variables.js';
import type { RawVariable } from './variables/raw-variable.js';
import { resolveMapping, type VariableMappingOptions } from './variables/variable-options.js';

/** Options of {@link dotenvSource}. */
export interface DotenvSourceOptions extends VariableMappingOptions {
  /**
   * The directory holding the `.env` files, relative to the context's working directory.
   * @default the context's `cwd`
   */
  dir?: string;
  /**
   * The files to read, relative to `dir`, lowest precedence first; or a function of the environment name.
   * Missing files are skipped.
   * @default defaultDotenvFiles: `.env`, `.env.<environment>`, `.env.local`, `.env.<environment>.local`
   */
  files?: readonly string[] | ((environment: string) => readonly string[]);
  /**
   * Also copy the files' variables into `process.env`, for code outside Strata that reads it. Like dotenv's
   * `config()`, a variable already set in `process.env` is never overwritten, so after the first load a
   * changed `.env` value reaches Strata (through this layer) but not `process.env`.
   * @default false
   */
  export?: boolean;
  /**
   * The source's name, unique within one configuration.
   * @default 'dotenv'
   */
  name?: string;
  /**
   * Milliseconds between the backstop checks made while watching (they also re-arm the directory watch
   * when the directory appears later); 0 turns them off.
   * @default 5000
   */
  pollInterval?: number;
  /**
   * Bounds for the files (bytes, enforced while reading; variables; value length) and for JSON text their
   * variables give object and list fields (keys, nesting). Only regular files are read (links followed).
   * @default defaultInputLimits (10 MiB, 100,000 keys, 64 levels, 1 MiB strings)
   */
  limits?: Partial<InputLimits>;
}

/**
 * `.env` files as a configuration source, parsed with dotenv's `parse` (dotenv's `config()` is never
 * called, so `process.env` is left alone unless `export: true`). The files' variables are mapped exactly
 * as {@link envSource} maps the environment (same `prefix`, `separator` and `@Env` rules); a variable in a
 * later file replaces the same variable in an earlier one. Origins name the file, relative to the working
 * directory, and the line: `{ source: 'dotenv', locator: '.env.production:7' }`.
 *
 * Watching covers every candidate file, present or not: one `changed` signal per real content change.
 *
 * @example dotenvSource({ prefix: 'APP_' })
 */
export function dotenvSource(options: DotenvSourceOptions = {}): ConfigSource {
  const name = options.name ?? 'dotenv';
  const { prefix, separator } = resolveMapping('dotenvSource', options);
  const loaded = new Map<string, string>();
  const limits = resolveInputLimits(options.limits);

  const filesOf = (context: SourceContext): { path: string; display: string }[] => {
    const dir = resolve(context.cwd, options.dir ?? '.');
    const list =
      typeof options.files === 'function'
        ? options.files(context.environment)
        : (options.files ?? defaultDotenvFiles(context.environment));
    return list.map((file) => {
      const path = resolve(dir, file);
      const shown = relative(context.cwd, path);
      const display = shown === '' || isAbsolute(shown) ? path : shown.split(sep).join('/');
      return { path, display };
    });
  };

  return {
    name,
    async load(context: SourceContext): Promise<Layer> {
      const files = filesOf(context);
      const read = await Promise.all(
        files.map((file) => readDotenvFile({ ...file, source: name, signal: context.signal, limits })),
      );
      const variables: RawVariable[] = read.flatMap((file) => file.variables);
      const builder = new LayerBuilder({ source: name, textual: true, limits });
      for (const [index, file] of read.entries()) {
        if (file.dangling === undefined) continue;
        builder.warn(
          `${files[index]?.display} is a symbolic link to ${file.dangling}, which does not exist; it is skipped`,
        );
      }
      mapVariables({ builder, variables, prefix, separator, schema: context.schema, source: name });
      for (const [index, file] of files.entries()) loaded.set(file.path, fingerprintText(read[index]?.text));
      if (options.export) exportVariables(variables);
      return builder.build();
    },
    describe(field, context) {
      const first = filesOf(context)[0]?.display ?? '.env';
      return `${variableNamesFor(field, prefix, separator).join(' or ')} in ${first}`;
    },
    watch(context, signals) {
      const files = filesOf(context);
      const display = new Map(files.map((file) => [file.path, file.display]));
      return watchFiles({
        files: files.map((file) => file.path),
        baseline: loaded,
        debounceMs: 50,
        pollMs: options.pollInterval ?? 5000,
        maxBytes: limits.maxBytes,
        logger: context.logger,
        onChange: (changed) =>
          signals.changed({
            source: name,
            detail: `${changed.map((f) => display.get(f) ?? f).join(', ')} changed`,
          }),
      });
    },
  };
}

/** Later files win among the files; `process.env` wins over all of them. */
function exportVariables(variables: readonly RawVariable[]): void {
  const merged = new Map<string, string>();
  for (const variable of variables) merged.set(variable.name, variable.value);
  for (const [key, value] of merged) {
    if (!Object.hasOwn(process.env, key)) process.env[key] = value;
  }
}
