import { StrataError } from '@strata/core';
import { generateKey } from '@strata/core/secrets';
import { CliError } from '../cli/cli-error.js';
import type { Command, CommandInput } from '../cli/command.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import { noPositionals, stringOption } from '../cli/option-values.js';

/** `strata secrets keygen`: a new key as one `STRATA_KEYS` entry. */
export const secretsKeygenCommand: Command = {
  name: 'keygen',
  summary: 'Print a new random 256-bit key as one line, <keyId>:<base64 key>, ready for STRATA_KEYS',
  usage: '[--id <keyId>]',
  details: [
    'Standard output gets the line and nothing else, so it can be piped or appended to a key file:',
    '  strata secrets keygen >> strata.keys',
    'The line holds the key: keep it out of the repository, logs and chat.',
  ].join('\n'),
  options: {
    id: {
      type: 'string',
      valueName: '<keyId>',
      description: 'The key id: 1 to 64 of A-Z a-z 0-9 _ . - (default: k<yyyymmdd>-<6 random hex digits>)',
    },
  },
  noDefinition: true,
  run: runKeygen,
};

async function runKeygen(input: CommandInput): Promise<number> {
  noPositionals(input);
  let line: string;
  let id: string;
  try {
    ({ line, id } = generateKey(stringOption(input.values, 'id')));
  } catch (error) {
    if (StrataError.is(error)) throw CliError.usage(error.message, { cause: error });
    throw error;
  }
  input.io.stdout(`${line}\n`);
  input.io.stderr(
    `Key "${id}": add the line above to STRATA_KEYS (comma-separated) or a key file (STRATA_KEY_FILE). New values use the last key listed. Keep it secret.\n`,
  );
  return EXIT_OK;
}
