import type { CommandInput } from '../cli/command.js';
import { stringOption, stringsOption, workingDirectory } from '../cli/option-values.js';
import { type LoadedDefinition, loadDefinition } from './load-definition.js';

/** The working directory and loaded definition of a command invocation (`--cwd`, `--config`, `--env`). */
export interface CommandDefinition {
  readonly cwd: string;
  readonly loaded: LoadedDefinition;
}

/** Load the definition a command works on; the first `--env` is passed to a definition function. */
export async function commandDefinition(input: CommandInput): Promise<CommandDefinition> {
  const cwd = workingDirectory(input);
  const loaded = await loadDefinition({
    cwd,
    config: stringOption(input.values, 'config'),
    environment: stringsOption(input.values, 'env')[0],
    env: input.io.env,
  });
  return { cwd, loaded };
}
