import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { didYouMean } from '@strata/core/source';
import { encryptValue } from '@strata/core/secrets';
import { readSchema } from '@strata/core/tooling';
import { CliError } from '../cli/cli-error.js';
import type { Command, CommandInput } from '../cli/command.js';
import { EXIT_OK } from '../cli/exit-codes.js';
import { stringOption, workingDirectory } from '../cli/option-values.js';
import { commandDefinition } from '../definition/command-definition.js';
import { definitionFileNames } from '../definition/find-definition-file.js';
import { commandKeyring, emptyKeyringError, keyFileOption } from '../secrets/keyring-option.js';
import { hasFileMac, writeFileMac } from '../secrets/file-mac-entry.js';
import { openSecretFile } from '../secrets/open-secret-file.js';
import { readSecretValue } from '../secrets/read-secret-value.js';
import { pathSegments } from '../secrets/secret-path.js';
import {
  schemaTarget,
  type SecretValueType,
  secretValueType,
  secretValueTypes,
  typedSecretValue,
} from '../secrets/secret-value-type.js';

/** `strata secrets encrypt <file> <path>`: write an encrypted value into a YAML or JSON file. */
export const secretsEncryptCommand: Command = {
  name: 'encrypt',
  summary: 'Encrypt a value from standard input (or a hidden prompt) into a YAML or JSON file at <path>',
  usage: '<file> <path> [--type string|number|boolean] [--key-id <id>] [--key-file <file>]',
  details: [
    'The value is read from standard input when it is piped (one trailing newline removed), or typed twice',
    'at a prompt that does not echo when standard input is a terminal. It is never taken from the command',
    'line, where it would land in shell history and process lists.',
    '',
    'The envelope is sealed to <path> (a value copied to another setting does not decrypt) and written at',
    '<path> in <file> (relative to --cwd; created if missing), keeping comments and layout; missing mappings',
    'are created. The file is replaced atomically (temporary file, then rename).',
    '',
    'Without --type the type comes from the definition in --cwd, when there is one: number and boolean',
    'settings are encrypted as numbers and booleans, everything else as a string.',
    '',
    'Example: printf %s "$DB_PASSWORD" | strata secrets encrypt config/production.yaml database.password',
  ].join('\n'),
  options: {
    type: {
      type: 'string',
      valueName: `<${secretValueTypes.join('|')}>`,
      description: "The value's type (default: the setting's type in the definition, else string)",
    },
    'key-id': {
      type: 'string',
      valueName: '<id>',
      description: 'The key to encrypt with (default: the primary key, the last one listed)',
    },
    ...keyFileOption,
  },
  run: runEncrypt,
};

async function runEncrypt(input: CommandInput): Promise<number> {
  const [fileArg, path, extra] = input.positionals;
  if (fileArg === undefined || path === undefined) {
    throw CliError.usage(
      'encrypt needs a file and a path, e.g. "strata secrets encrypt config/production.yaml database.password"',
    );
  }
  if (extra !== undefined) {
    throw CliError.usage(
      // Not echoed: a third argument is most likely the value itself.
      'too many arguments: the value is read from standard input or a prompt, never from the command line',
    );
  }
  const segments = pathSegments(path);
  const cwd = workingDirectory(input);
  const keyring = await commandKeyring(input, cwd);
  if (keyring.size === 0) throw emptyKeyringError();
  const keyId = stringOption(input.values, 'key-id') ?? keyring.primary.id;
  if (!keyring.has(keyId)) {
    throw CliError.usage(`--key-id ${keyId}: no such key; the keyring has ${keyring.ids.join(', ')}`);
  }
  const type =
    secretValueType(stringOption(input.values, 'type')) ?? (await typeFromDefinition(input, cwd, path));
  const file = resolve(cwd, fileArg);
  // Open (and parse) the file before asking for the value: a broken file fails before anything is typed.
  const opened = await openSecretFile(file, { displayName: relative(cwd, file) || file, create: true });
  const text = await readSecretValue({ path, prompt: input.io.stderr });
  const envelope = encryptValue({ value: typedSecretValue(text, type, path), path, keyring, keyId });
  const outcome = opened.document.put(segments, envelope);
  // A file that carries a MAC must get a new one, or the next load refuses it.
  if (hasFileMac(opened.document)) writeFileMac(opened.document, keyring);
  await opened.save();
  const what = {
    nothing: '',
    plain: ' (it replaced a plain-text value: rotate that secret if the file was ever shared)',
    encrypted: ' (it replaced the previous encrypted value)',
  }[outcome.replaced];
  input.io.stdout(
    `${opened.existed ? 'updated' : 'created'} ${opened.displayName}: ${outcome.segments.join('.')} encrypted as a ${type} with key "${keyId}"${what}\n`,
  );
  return EXIT_OK;
}

/** The setting's type per the definition in --cwd; string when there is no definition (with a note). */
async function typeFromDefinition(input: CommandInput, cwd: string, path: string): Promise<SecretValueType> {
  const hasDefinition =
    stringOption(input.values, 'config') !== undefined ||
    definitionFileNames.some((name) => existsSync(join(cwd, name)));
  if (!hasDefinition) {
    input.io.stderr(
      `note: no definition in ${cwd}, so ${path} is encrypted as a string; pass --type number or --type boolean for other types\n`,
    );
    return 'string';
  }
  const { loaded } = await commandDefinition(input);
  const schema = readSchema(loaded.definition.sections);
  const target = schemaTarget(schema, path);
  if (target.fieldPath === undefined) {
    const suggestion = didYouMean(
      path,
      schema.fields.map((field) => field.path),
    );
    input.io.stderr(
      `warning: ${path} is not a setting of ${loaded.displayName}${suggestion ? ` (did you mean ${suggestion}?)` : ''}; it is encrypted as a string and the engine will report it as an unknown key\n`,
    );
  }
  return target.type;
}
