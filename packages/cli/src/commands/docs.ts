import type { Command, CommandInput } from '../cli/command.js';
import { envOption, outOption } from '../cli/common-options.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import { noPositionals, stringOption } from '../cli/option-values.js';
import { withSetup } from '../definition/with-setup.js';
import { renderDocs } from '../docs/render-docs.js';
import { writeOutput } from '../output/write-output.js';

/** `strata docs`: a Markdown reference of every setting. */
export const docsCommand: Command = {
  name: 'docs',
  summary: 'Write a Markdown reference of every setting (type, default, constraints, inputs, flags)',
  usage: '[--out CONFIG.md] [--env <name>]',
  details:
    'Reads only the definition: no values are loaded, so it works even when the configuration is invalid.\n--env picks the environment whose inputs (file names, variables) are listed.',
  options: { out: outOption('CONFIG.md'), env: envOption },
  run: async (input: CommandInput) => {
    noPositionals(input);
    await withSetup(input, async (setup, loaded, cwd) => {
      const text = renderDocs(setup, { definitionName: loaded.displayName });
      await writeOutput(input.io, text, { out: stringOption(input.values, 'out'), cwd });
    });
    return EXIT_OK;
  },
};
