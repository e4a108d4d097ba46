import type { Command, CommandInput } from '../cli/command.js';
import { envOption, formatOption } from '../cli/common-options.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import { formatChoice, noPositionals, singleOption } from '../cli/option-values.js';
import { commandDefinition } from '../definition/command-definition.js';
import { openConfig } from '../definition/open-config.js';
import { formatWarnings } from '../output/format-warnings.js';
import { jsonText } from '../output/json-text.js';
import { yamlText } from '../output/yaml-text.js';

/** `strata print`: the resolved configuration, secrets redacted. */
export const printCommand: Command = {
  name: 'print',
  summary: 'Print the resolved configuration, secrets redacted',
  usage: '[--env <name>] [--format json|yaml]',
  details: 'Warnings (unknown keys, deprecated keys) go to standard error; an invalid configuration exits 1.',
  options: { env: envOption, format: formatOption(['json', 'yaml']) },
  run: runPrint,
};

async function runPrint(input: CommandInput): Promise<number> {
  noPositionals(input);
  const format = formatChoice(input.values, ['json', 'yaml']);
  const environment = singleOption(input.values, 'env');
  const { cwd, loaded } = await commandDefinition(input);
  const { config, notes } = await openConfig(loaded, { cwd, env: input.io.env, environment });
  try {
    // toJSON() is the redacted tree: secrets are `[redacted]` before anything is formatted.
    const tree = config.toJSON();
    input.io.stderr(formatWarnings(config.warnings, notes));
    input.io.stdout(format === 'json' ? `${jsonText(tree, 2)}\n` : yamlText(tree));
  } finally {
    await config.close();
  }
  return EXIT_OK;
}
