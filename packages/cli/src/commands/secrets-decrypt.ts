import { relative, resolve } from 'node:path';
import { StrataError } from '@strata/core';
import { printable } from '@strata/core/source';
import { canonicalSecretPath, decryptValue, type SecretValue } from '@strata/core/secrets';
import { CliError } from '../cli/cli-error.js';
import type { Command, CommandInput } from '../cli/command.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../cli/exit-codes.js';
import { stringOption, workingDirectory } from '../cli/option-values.js';
import { commandKeyring, keyFileOption } from '../secrets/keyring-option.js';
import { type FileEnvelope, readFileEnvelopes } from '../secrets/read-file-envelopes.js';
import { pathSegments } from '../secrets/secret-path.js';

/** `strata secrets decrypt <file> [--path p]`: print decrypted values, on request only. */
export const secretsDecryptCommand: Command = {
  name: 'decrypt',
  summary: 'Print the decrypted values of a file (JSON, YAML or TOML): "path: value" lines, or one value',
  usage: '<file> [--path <path>] [--key-file <file>]',
  details: [
    'The only command that prints plaintext, and only to standard output: one "path: value" line per',
    'encrypted value (a string with line breaks or surrounding spaces is JSON-quoted), or with --path the',
    'bare value. A value that does not decrypt is reported on standard error (path, key id, reason) and',
    'makes the exit code 1.',
  ].join('\n'),
  options: {
    path: { type: 'string', valueName: '<path>', description: 'Print only this value, as is' },
    ...keyFileOption,
  },
  noDefinition: true,
  run: runDecrypt,
};

async function runDecrypt(input: CommandInput): Promise<number> {
  const [fileArg, extra] = input.positionals;
  if (fileArg === undefined)
    throw CliError.usage('decrypt needs a file, e.g. "strata secrets decrypt config/production.yaml"');
  if (extra !== undefined) throw CliError.usage(`unexpected argument "${extra}"`);
  const only = stringOption(input.values, 'path');
  if (only !== undefined) pathSegments(only);
  const cwd = workingDirectory(input);
  const file = resolve(cwd, fileArg);
  const displayName = relative(cwd, file) || file;
  const keyring = await commandKeyring(input, cwd);
  const { envelopes, paths } = await readFileEnvelopes(file, displayName);
  let chosen: readonly FileEnvelope[] = envelopes;
  if (only !== undefined) {
    const wanted = canonicalSecretPath(only);
    chosen = envelopes.filter((found) => canonicalSecretPath(found.path) === wanted);
    if (chosen.length === 0) {
      const plain = paths.some((p) => canonicalSecretPath(p) === wanted);
      input.io.stderr(
        `strata: ${plain ? `${only} is not encrypted in ${displayName}` : `${displayName} has no value at ${only}`}\n`,
      );
      return EXIT_PROBLEMS;
    }
  } else if (envelopes.length === 0) {
    input.io.stderr(`${displayName} has no encrypted values\n`);
    return EXIT_OK;
  }
  let failed = 0;
  for (const found of chosen) {
    let value: SecretValue;
    try {
      value = decryptValue({ envelope: found.envelope, path: found.path, keyring, where: found.locator });
    } catch (error) {
      if (!StrataError.is(error)) throw error;
      failed++;
      input.io.stderr(`strata: ${error.message}\n`);
      continue;
    }
    input.io.stdout(
      only === undefined ? `${printable(found.path)}: ${shown(value)}\n` : `${String(value)}\n`,
    );
  }
  return failed === 0 ? EXIT_OK : EXIT_PROBLEMS;
}

function shown(value: SecretValue): string {
  if (typeof value !== 'string') return String(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must be quoted
  return /[\u0000-\u001f\u007f-\u009f]|^\s|\s$/.test(value) || value === ''
    ? printable(JSON.stringify(value))
    : value;
}
