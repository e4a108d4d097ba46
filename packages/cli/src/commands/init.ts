import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CliError } from '../cli/cli-error.js';
import type { Command, CommandInput } from '../cli/command.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import { noPositionals, singleOption, workingDirectory } from '../cli/option-values.js';
import { builtInTemplates, templateFiles } from '../init/template-files.js';

/** `strata init`: scaffold a definition and a config directory from a template. */
export const initCommand: Command = {
  name: 'init',
  summary:
    'Scaffold strata.config.mjs, config.definition.mjs and config/{default,development,production}.yaml from a template',
  usage: '[--template service|worker|<dir>] [--cwd <dir>]',
  details: [
    `Templates: ${Object.keys(builtInTemplates).join(', ')} (built in; default service), or a directory of your own`,
    '(a path such as ./templates/api: every regular file under it is copied, keeping its relative path).',
    'Never overwrites: if any of the files exists, nothing is written and the command exits 2 naming them.',
    'The built-in templates need @strata/core, @strata/file and @strata/env installed.',
  ].join('\n'),
  options: {
    template: {
      type: 'string',
      valueName: '<name|dir>',
      description: 'The template: service (default), worker, or a template directory',
    },
  },
  noDefinition: true,
  run: async (input: CommandInput) => {
    noPositionals(input);
    const cwd = workingDirectory(input);
    const template = singleOption(input.values, 'template') ?? 'service';
    // A template directory is named relative to where the command was started, like --cwd.
    const scaffoldFiles = await templateFiles(template, input.io.cwd);
    const existing = scaffoldFiles
      .filter((file) => existsSync(join(cwd, file.path)))
      .map((file) => file.path);
    if (existing.length > 0) {
      throw CliError.usage(`refusing to overwrite existing files in ${cwd}: ${existing.join(', ')}`);
    }
    for (const file of scaffoldFiles) {
      const target = join(cwd, file.path);
      await mkdir(dirname(target), { recursive: true });
      // 'wx' fails if the file appeared meanwhile: init never overwrites.
      await writeFile(target, file.content, { flag: 'wx' });
    }
    input.io.stdout(
      [
        `Created in ${cwd} (template ${template}):`,
        ...scaffoldFiles.map((file) => `  ${file.path}`),
        '',
        'Next steps:',
        '  npm install @strata/core @strata/file @strata/env',
        '  strata validate                      # development',
        '  strata validate --env production     # fails until APP_DATABASE__PASSWORD is set',
        '  strata schema --out config.schema.json',
        '',
      ].join('\n'),
    );
    return EXIT_OK;
  },
};
