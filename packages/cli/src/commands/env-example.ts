import type { Command, CommandInput } from '../cli/command.js';
import { envOption, outOption } from '../cli/common-options.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import { noPositionals, stringOption } from '../cli/option-values.js';
import { withSetup } from '../definition/with-setup.js';
import { renderEnvExample } from '../env-example/render-env-example.js';
import { writeOutput } from '../output/write-output.js';

/** `strata env-example`: a `.env.example` of every variable. */
export const envExampleCommand: Command = {
  name: 'env-example',
  summary: 'Write a .env.example: every environment variable with its default and description, secrets empty',
  usage: '[--out .env.example] [--env <name>]',
  details:
    'Reads only the definition; the variable names come from the sources (e.g. envSource({ prefix })).',
  options: { out: outOption('.env.example'), env: envOption },
  run: async (input: CommandInput) => {
    noPositionals(input);
    await withSetup(input, async (setup, loaded, cwd) => {
      const { text } = renderEnvExample(setup, { definitionName: loaded.displayName });
      await writeOutput(input.io, text, { out: stringOption(input.values, 'out'), cwd });
    });
    return EXIT_OK;
  },
};
