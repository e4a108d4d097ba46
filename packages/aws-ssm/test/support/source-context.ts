import { type SchemaModel, type SourceContext, silentLogger } from '@strata/core';

/** An empty schema: a source never matches names against it, so its content does not matter here. */
const emptySchema: SchemaModel = {
  sections: [],
  fields: [],
  field: () => undefined,
  object: () => undefined,
  objectOf: () => undefined,
};

/** A hand-built {@link SourceContext} for driving a source without the engine. */
export function sourceContext(overrides: Partial<SourceContext> = {}): SourceContext {
  return {
    environment: 'prod',
    schema: emptySchema,
    signal: new AbortController().signal,
    logger: silentLogger,
    cwd: process.cwd(),
    env: {},
    argv: [],
    ...overrides,
  };
}
