import type { Command } from '../cli/command.js';
import { secretsCheckCommand } from './secrets-check.js';
import { secretsDecryptCommand } from './secrets-decrypt.js';
import { secretsEncryptCommand } from './secrets-encrypt.js';
import { secretsKeygenCommand } from './secrets-keygen.js';
import { secretsMacCommand } from './secrets-mac.js';
import { secretsRotateCommand } from './secrets-rotate.js';

/** `strata secrets …`: keys and encrypted values in configuration files. */
export const secretsCommand: Command = {
  name: 'secrets',
  summary: 'Encrypted values in files: keygen, encrypt, decrypt, rotate, check',
  usage: '<command> [options]',
  details: [
    'Keys come from STRATA_KEYS (keyId:base64key,…) and STRATA_KEY_FILE (or --key-file), as at run time.',
    'Only "decrypt" prints plaintext; the other commands never print a value or a key (keygen prints the',
    'new key itself).',
  ].join('\n'),
  options: {},
  noDefinition: true,
  subcommands: [
    secretsKeygenCommand,
    secretsEncryptCommand,
    secretsDecryptCommand,
    secretsRotateCommand,
    secretsMacCommand,
    secretsCheckCommand,
  ],
};
