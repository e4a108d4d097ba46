import { resolve } from 'node:path';
import { StrataError } from '@strata/core';
import { type Keyring, loadKeyring } from '@strata/core/secrets';
import { CliError } from '../cli/cli-error.js';
import type { CommandInput, OptionSpec } from '../cli/command.js';
import { stringOption } from '../cli/option-values.js';

/** `--key-file <file>`, for the `secrets` commands that need keys. */
export const keyFileOption: { readonly [name: string]: OptionSpec } = {
  'key-file': {
    type: 'string',
    valueName: '<file>',
    description:
      'A key file (one keyId:base64key per line, # comments), relative to --cwd; replaces STRATA_KEY_FILE. STRATA_KEYS is read too',
  },
};

/**
 * The keyring a `secrets` command works with, built the way the engine builds it: the key file
 * (`--key-file`, else `STRATA_KEY_FILE`, relative to `cwd`) first, then `STRATA_KEYS`; the last key listed is
 * the primary one. A malformed keyring is a usage error (exit 2); its message never holds key material.
 */
export async function commandKeyring(input: CommandInput, cwd: string): Promise<Keyring> {
  const given = stringOption(input.values, 'key-file') ?? input.io.env.STRATA_KEY_FILE;
  const keyFile = given === undefined || given.trim() === '' ? undefined : resolve(cwd, given);
  try {
    return await loadKeyring({ env: input.io.env, ...(keyFile === undefined ? {} : { keyFile }) });
  } catch (error) {
    if (StrataError.is(error)) throw CliError.usage(error.message, { cause: error });
    throw error;
  }
}

/** A usage error for a command that needs a key when the keyring has none. */
export function emptyKeyringError(): CliError {
  return CliError.usage(
    'no keys: set STRATA_KEYS (keyId:base64key,…) or STRATA_KEY_FILE, or pass --key-file; "strata secrets keygen" makes a key',
  );
}
