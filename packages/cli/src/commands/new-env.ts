import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { printable } from '@strata/core/source';
import { CliError } from '../cli/cli-error.js';
import type { Command, CommandInput } from '../cli/command.js';
import { singleOption, stringOption } from '../cli/option-values.js';
import { commandDefinition } from '../definition/command-definition.js';
import { environmentOf } from '../definition/definition-setup.js';
import { diffCommand } from './diff.js';

/** The extensions a profile file may have, in the order the file source loads them. */
const extensions = ['json', 'yaml', 'yml', 'toml'];

/** `strata new-env <name> [--from <env>]`: a new environment file copied from an existing one, and its diff. */
export const newEnvCommand: Command = {
  name: 'new-env',
  summary: 'Add an environment: copy config/<from>.* to config/<name>.* and show what it sets to review',
  usage: '<name> [--from <env>] [--dir <config dir>] [--format text|json]',
  details: [
    'Copies the file of an existing environment (default: the environment a run without --env uses) into',
    'the config directory under the new name, never overwriting, then prints `strata diff` between the',
    'default environment and the new one: the values the copy carries over, each one to review (hosts, URLs',
    'and sizes of the environment it came from). Secrets are shown as changed/unchanged only.',
  ].join('\n'),
  options: {
    from: {
      type: 'string',
      valueName: '<env>',
      description: 'The environment to copy (default: the default one)',
    },
    dir: { type: 'string', valueName: '<dir>', description: 'The config directory (default: config)' },
    format: diffCommand.options.format!,
  },
  run: runNewEnv,
};

async function runNewEnv(input: CommandInput): Promise<number> {
  const [name, extra] = input.positionals;
  if (name === undefined)
    throw CliError.usage('new-env needs a name, e.g. "strata new-env staging --from production"');
  if (extra !== undefined) throw CliError.usage(`unexpected argument "${extra}"`);
  if (
    !/^[A-Za-z0-9][\w.-]*$/.test(name) ||
    ['default', 'local', 'global'].includes(name) ||
    name.startsWith('local-')
  ) {
    throw CliError.usage(
      `"${printable(name)}" cannot name an environment: use letters, digits, . _ - (and not default, local, local-*, global)`,
    );
  }
  const { cwd, loaded } = await commandDefinition(input);
  const defaultName = environmentOf(loaded.definition, { cwd, env: input.io.env, environment: undefined });
  const from = singleOption(input.values, 'from') ?? defaultName;
  const dirOption = stringOption(input.values, 'dir') ?? 'config';
  const dir = path.resolve(cwd, dirOption);
  const existing = extensions
    .map((ext) => path.join(dir, `${name}.${ext}`))
    .filter((file) => existsSync(file));
  if (existing.length > 0) {
    throw CliError.usage(
      `environment ${printable(name)} already has ${existing.map((file) => path.relative(cwd, file)).join(', ')}; nothing was written`,
    );
  }
  const source = extensions.map((ext) => path.join(dir, `${from}.${ext}`)).find((file) => existsSync(file));
  if (!source) {
    throw CliError.usage(
      `no file for environment ${printable(from)} in ${dirOption} (looked for ${from}.{${extensions.join(',')}}); name one with --from`,
    );
  }
  const target = path.join(dir, `${name}${path.extname(source)}`);
  await mkdir(dir, { recursive: true });
  // COPYFILE_EXCL: never overwrite, even a file that appeared since the check.
  await copyFile(source, target, 1);
  const json = singleOption(input.values, 'format') === 'json';
  if (!json) {
    input.io.stdout(
      `Created ${path.relative(cwd, target)} from ${path.relative(cwd, source)}. Review what it sets compared with ${printable(defaultName)}:\n\n`,
    );
  }
  if (defaultName === name) return 0;
  // The review is `strata diff` between the default environment and the new one.
  return diffCommand.run!({
    ...input,
    positionals: [],
    values: { ...input.values, env: [defaultName, name], from: undefined, dir: undefined },
  });
}
