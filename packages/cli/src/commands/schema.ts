import type { Command, CommandInput } from '../cli/command.js';
import { outOption } from '../cli/common-options.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import { noPositionals, stringOption } from '../cli/option-values.js';
import { commandDefinition } from '../definition/command-definition.js';
import { buildJsonSchema, readSchema } from '@strata/core/tooling';
import { jsonText } from '../output/json-text.js';
import { writeOutput } from '../output/write-output.js';

/** `strata schema`: a JSON Schema of the configuration file format, for editors. */
export const schemaCommand: Command = {
  name: 'schema',
  summary: 'Write a JSON Schema (draft 2020-12) of the config file format, for editor completion and checks',
  usage: '[--out config.schema.json]',
  details: [
    "Point YAML files at it with a modeline on their first line (yaml-language-server, e.g. VS Code's YAML",
    'extension):',
    '  # yaml-language-server: $schema=../config.schema.json',
    'and JSON files through the editor\'s settings (VS Code: "json.schemas"); a "$schema" key inside the file',
    'would be an unknown setting.',
  ].join('\n'),
  options: { out: outOption('config.schema.json') },
  run: async (input: CommandInput) => {
    noPositionals(input);
    const { cwd, loaded } = await commandDefinition(input);
    const schema = buildJsonSchema(readSchema(loaded.definition.sections), {
      title: `Configuration files of ${loaded.displayName}`,
      configVersion: loaded.definition.configVersion,
    });
    await writeOutput(input.io, `${jsonText(schema, 2)}\n`, { out: stringOption(input.values, 'out'), cwd });
    return EXIT_OK;
  },
};
