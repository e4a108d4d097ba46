import { relative, resolve } from 'node:path';
import { StrataError } from '@strata/core';
import { reencryptValue } from '@strata/core/secrets';
import { CliError } from '../cli/cli-error.js';
import type { Command, CommandInput } from '../cli/command.js';
import { EXIT_OK, EXIT_PROBLEMS } from '../cli/exit-codes.js';
import { stringOption, workingDirectory } from '../cli/option-values.js';
import { plural } from '../report/format-report.js';
import { commandKeyring, keyFileOption } from '../secrets/keyring-option.js';
import { hasFileMac, writeFileMac } from '../secrets/file-mac-entry.js';
import { openSecretFile } from '../secrets/open-secret-file.js';

/** `strata secrets rotate <file…> --to <keyId>`: move every encrypted value to another key. */
export const secretsRotateCommand: Command = {
  name: 'rotate',
  summary: 'Re-encrypt every encrypted value of YAML/JSON files with the key --to',
  usage: '<file>... --to <keyId> [--key-file <file>]',
  details: [
    'Each value is decrypted with the key it names and encrypted again under --to with a fresh IV; values',
    'already under --to are checked and left as they are. The keyring must hold both the old keys and --to.',
    'Each file is replaced atomically (temporary file, then rename), keeping comments and layout, and only',
    'when every one of its values could be re-encrypted: a file with a value that does not decrypt is left',
    'untouched and reported (exit code 1).',
  ].join('\n'),
  options: {
    to: { type: 'string', valueName: '<keyId>', description: 'The key to move every value to (required)' },
    ...keyFileOption,
  },
  noDefinition: true,
  run: runRotate,
};

async function runRotate(input: CommandInput): Promise<number> {
  const to = stringOption(input.values, 'to');
  if (to === undefined) throw CliError.usage('rotate needs --to <keyId>, the key to move the values to');
  if (input.positionals.length === 0) {
    throw CliError.usage(
      'rotate needs at least one file, e.g. "strata secrets rotate config/*.yaml --to k2026"',
    );
  }
  const cwd = workingDirectory(input);
  const keyring = await commandKeyring(input, cwd);
  if (!keyring.has(to)) {
    const has = keyring.size === 0 ? 'the keyring is empty' : `the keyring has ${keyring.ids.join(', ')}`;
    throw CliError.usage(`--to ${to}: no such key (${has}); add it to STRATA_KEYS or the key file first`);
  }
  let problems = 0;
  let rotated = 0;
  for (const fileArg of input.positionals) {
    const file = resolve(cwd, fileArg);
    const displayName = relative(cwd, file) || file;
    let opened: Awaited<ReturnType<typeof openSecretFile>>;
    try {
      opened = await openSecretFile(file, { displayName });
    } catch (error) {
      if (!(error instanceof CliError) && !StrataError.is(error)) throw error;
      input.io.stderr(`strata: ${error.message}\n`);
      problems++;
      continue;
    }
    const found = opened.document.envelopes();
    const failures: string[] = [];
    let changed = 0;
    for (const entry of found) {
      try {
        const next = reencryptValue({
          envelope: entry.envelope,
          path: entry.path,
          keyring,
          toKeyId: to,
          where: entry.locator,
        });
        if (next !== entry.envelope) {
          opened.document.replace(entry, next);
          changed++;
        }
      } catch (error) {
        if (!StrataError.is(error)) throw error;
        failures.push(error.message);
      }
    }
    if (failures.length > 0) {
      for (const failure of failures) input.io.stderr(`strata: ${failure}\n`);
      input.io.stderr(
        `strata: ${displayName} was not changed: ${plural(failures.length, 'value')} cannot be decrypted with the keyring\n`,
      );
      problems++;
      continue;
    }
    if (changed > 0) {
      // A file that carries a MAC gets a new one under the new key, or the next load refuses it.
      if (hasFileMac(opened.document)) writeFileMac(opened.document, keyring, to);
      await opened.save();
    }
    rotated += changed;
    const already = found.length - changed;
    input.io.stdout(
      found.length === 0
        ? `${displayName}: no encrypted values\n`
        : `${displayName}: ${plural(changed, 'value')} re-encrypted with key "${to}"${already > 0 ? `, ${already} already under it` : ''}\n`,
    );
  }
  if (input.positionals.length > 1) {
    input.io.stdout(
      `${plural(rotated, 'value')} re-encrypted in ${plural(input.positionals.length - problems, 'file')}${problems > 0 ? `; ${plural(problems, 'file')} not changed` : ''}\n`,
    );
  }
  return problems === 0 ? EXIT_OK : EXIT_PROBLEMS;
}
