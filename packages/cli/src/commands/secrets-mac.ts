import { relative, resolve } from 'node:path';
import { StrataError } from '@strata/core';
import { CliError } from '../cli/cli-error.js';
import type { Command, CommandInput } from '../cli/command.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../cli/exit-codes.js';
import { stringOption, workingDirectory } from '../cli/option-values.js';
import { plural } from '../report/format-report.js';
import { writeFileMac } from '../secrets/file-mac-entry.js';
import { commandKeyring, keyFileOption } from '../secrets/keyring-option.js';
import { openSecretFile } from '../secrets/open-secret-file.js';

/** `strata secrets mac <file…>`: write a `strata-mac` entry over each file's encrypted values. */
export const secretsMacCommand: Command = {
  name: 'mac',
  summary: 'Write a strata-mac entry (a MAC over every encrypted value) into YAML/JSON files',
  usage: '<file>... [--key-id <id>] [--key-file <file>]',
  details: [
    'The engine then checks each file at every load: an encrypted value added, removed, swapped between',
    'settings or re-encrypted under another key since the MAC was written fails the load. It does not',
    'cover plain-text values, nor someone who holds the key. "encrypt" and "rotate" refresh an existing entry.',
  ].join('\n'),
  options: {
    'key-id': {
      type: 'string',
      valueName: '<id>',
      description: 'The key to compute the MAC with (default: the last listed)',
    },
    ...keyFileOption,
  },
  noDefinition: true,
  run: runMac,
};

async function runMac(input: CommandInput): Promise<number> {
  if (input.positionals.length === 0)
    throw CliError.usage('mac needs at least one file, e.g. "strata secrets mac config/production.yaml"');
  const cwd = workingDirectory(input);
  const keyring = await commandKeyring(input, cwd);
  const keyId = stringOption(input.values, 'key-id');
  let problems = 0;
  for (const fileArg of input.positionals) {
    const file = resolve(cwd, fileArg);
    const displayName = relative(cwd, file) || file;
    try {
      const opened = await openSecretFile(file, { displayName });
      const count = opened.document.envelopes().length;
      writeFileMac(opened.document, keyring, keyId);
      await opened.save();
      input.io.stdout(`${displayName}: strata-mac written over ${plural(count, 'encrypted value')}\n`);
    } catch (error) {
      if (!(error instanceof CliError) && !StrataError.is(error)) throw error;
      input.io.stderr(`strata: ${error.message}\n`);
      problems++;
    }
  }
  return problems > 0 ? EXIT_PROBLEMS : EXIT_OK;
}
