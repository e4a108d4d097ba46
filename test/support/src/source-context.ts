import { type SchemaModel, type SourceContext, silentLogger } from '@strata/core';

/** A schema with no sections: for sources that never match names against the schema. */
export const emptySchema: SchemaModel = {
  sections: [],
  fields: [],
  field: () => undefined,
  object: () => undefined,
  objectOf: () => undefined,
};

/** Fields of {@link sourceContext}: any {@link SourceContext} field, with a plainer `env` type. */
export type SourceContextOverrides = Partial<Omit<SourceContext, 'env'>> & {
  /** The environment variables the source sees. @default {} */
  readonly env?: Record<string, string | undefined>;
};

/**
 * A {@link SourceContext} built by hand, as the engine would pass it to `load()` or `watch()`, for driving a
 * source without the engine. Defaults: environment `production`, an empty schema, a live signal, a silent
 * logger, the process's working directory, no environment variables and no arguments.
 *
 * @example
 * const layer = await fileSource({ dir: 'config' }).load(sourceContext({ cwd: dir, environment: 'staging' }));
 */
export function sourceContext(overrides: SourceContextOverrides = {}): SourceContext {
  return {
    environment: 'production',
    schema: emptySchema,
    signal: new AbortController().signal,
    logger: silentLogger,
    cwd: process.cwd(),
    env: {},
    argv: [],
    ...overrides,
  };
}
