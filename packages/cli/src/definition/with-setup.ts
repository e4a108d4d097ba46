import type { CommandInput } from '../cli/command.js';
import { singleOption } from '../cli/option-values.js';
import { commandDefinition } from './command-definition.js';
import { type DefinitionSetup, setUpDefinition } from './definition-setup.js';
import type { LoadedDefinition } from './load-definition.js';

/**
 * Load the definition and set up its schema and sources for `--env` (without loading values), run `use`,
 * then release the sources.
 */
export async function withSetup<T>(
  input: CommandInput,
  use: (setup: DefinitionSetup, loaded: LoadedDefinition, cwd: string) => Promise<T> | T,
): Promise<T> {
  const environment = singleOption(input.values, 'env');
  const { cwd, loaded } = await commandDefinition(input);
  const setup = setUpDefinition(loaded, { cwd, env: input.io.env, environment });
  try {
    return await use(setup, loaded, cwd);
  } finally {
    await setup.dispose();
  }
}
