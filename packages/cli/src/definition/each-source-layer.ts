import { type Layer, StrataError } from '@strata/core';
import { setUpDefinition } from './definition-setup.js';
import type { LoadedDefinition } from './load-definition.js';

/** Options of {@link eachSourceLayer}. */
export interface EachSourceLayerOptions {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The environments to load each source for. */
  readonly environments: readonly string[];
  /** How a failing source is reported. @default the error's message */
  readonly messageOf?: (error: unknown) => string;
}

/**
 * Load every source of the definition for every environment, without merging or validating, and hand each
 * layer to `visit`. Returns the messages of sources that failed (each once); a definition error is thrown.
 */
export async function eachSourceLayer(
  loaded: LoadedDefinition,
  options: EachSourceLayerOptions,
  visit: (layer: Layer) => void,
): Promise<string[]> {
  const messageOf =
    options.messageOf ?? ((error) => (error instanceof Error ? error.message : String(error)));
  const problems: string[] = [];
  for (const environment of options.environments) {
    const setup = setUpDefinition(loaded, { cwd: options.cwd, env: options.env, environment });
    try {
      for (const source of setup.sources) {
        try {
          visit(await source.load(setup.context));
        } catch (error) {
          if (StrataError.is(error, 'DEFINITION_INVALID')) throw error;
          const message = messageOf(error);
          if (!problems.includes(message)) problems.push(message);
        }
      }
    } finally {
      await setup.dispose();
    }
  }
  return problems;
}
