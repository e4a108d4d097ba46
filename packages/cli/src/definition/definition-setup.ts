import {
  type ConfigDefinition,
  type ConfigSource,
  type FieldSchema,
  detectEnvironment,
  type SchemaModel,
  type SourceContext,
  silentLogger,
} from '@strata/core';
import { readSchema, describeInputs } from '@strata/core/tooling';
import { CliError } from '../cli/cli-error.js';
import type { LoadedDefinition } from './load-definition.js';

/**
 * A definition's schema and sources for one environment, without loading any values: what `docs`, `schema`,
 * `env-example`, `validate --all-envs` and `migrate` need, and what works even when the configuration is
 * invalid.
 */
export interface DefinitionSetup {
  readonly environment: string;
  readonly schema: SchemaModel;
  /** The sources in precedence order. */
  readonly sources: readonly ConfigSource[];
  /** The context the sources are given, as `loadConfig` would build it (`argv` is always empty). */
  readonly context: SourceContext;
  /** How `field` can be set, highest precedence first (`env APP_SERVER__PORT`, …). */
  inputsOf(field: FieldSchema): string[];
  /** Release the sources. */
  dispose(): Promise<void>;
}

/** Options of {@link setUpDefinition}. */
export interface SetupOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The environment; default as `loadConfig` resolves it. */
  readonly environment: string | undefined;
}

/** The environment a load would use: the given one, else the definition's, else as `detectEnvironment` finds it. */
export function environmentOf(definition: ConfigDefinition, options: SetupOptions): string {
  return detectEnvironment({
    option: options.environment,
    definition: definition.environment,
    env: options.env,
  }).name;
}

/** Read the schema and create the sources of a definition for one environment. */
export function setUpDefinition(loaded: LoadedDefinition, options: SetupOptions): DefinitionSetup {
  const { definition } = loaded;
  const environment = environmentOf(definition, options);
  const schema = readSchema(definition.sections);
  let sources: readonly ConfigSource[];
  try {
    sources =
      typeof definition.sources === 'function'
        ? definition.sources({ environment, env: options.env, cwd: options.cwd })
        : definition.sources;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw CliError.usage(`the "sources" function of ${loaded.displayName} failed: ${reason}`, {
      cause: error,
    });
  }
  const abort = new AbortController();
  const context: SourceContext = {
    environment,
    schema,
    signal: abort.signal,
    logger: silentLogger,
    cwd: options.cwd,
    env: options.env,
    argv: [],
  };
  return {
    environment,
    schema,
    sources,
    context,
    inputsOf(field) {
      return describeInputs(sources, context, field);
    },
    async dispose() {
      abort.abort();
      // Sources listed as an array are shared by every load of this definition: only release our own.
      if (typeof definition.sources === 'function') {
        await Promise.all(sources.map((source) => source.dispose?.()));
      }
    },
  };
}
