import { readFile } from 'node:fs/promises';
import { StrataError } from '../errors/strata-error.js';
import { Keyring } from './keyring.js';
import type { KeyringKey } from './keyring-key.js';
import { parseKeyEntries } from './parse-keyring.js';

/** Options of {@link loadKeyring}. */
export interface LoadKeyringOptions {
  /**
   * Where to read `STRATA_KEYS` (keys inline) and `STRATA_KEY_FILE` (a key file's path).
   * @default process.env
   */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * A key file in the `STRATA_KEYS` format (one key per line allowed, `#` comments). Relative paths are
   * resolved against the process's working directory.
   * @default env.STRATA_KEY_FILE
   */
  keyFile?: string;
}

/**
 * Build the keyring from a key file and/or the `STRATA_KEYS` variable (both may be set: a deployment may
 * mount old keys as a file and pass the new one in the environment). File keys come first, then the
 * variable's, so the variable's last key is the primary one. A key id present in both is kept once if the
 * material is the same, at its later position; with different material it is an error. With neither set
 * the keyring is empty, which is fine as long as no value is encrypted.
 *
 * @throws StrataError `KEYRING_INVALID` for an unreadable key file, a malformed entry (see
 *   {@link parseKeyring}) or a conflicting duplicate. Never with key material in the message.
 */
export async function loadKeyring(options: LoadKeyringOptions = {}): Promise<Keyring> {
  const env = options.env ?? process.env;
  const keyFile = options.keyFile ?? nonEmpty(env.STRATA_KEY_FILE);
  const groups: { source: string; keys: KeyringKey[] }[] = [];
  if (keyFile !== undefined) {
    groups.push({
      source: `key file ${keyFile}`,
      keys: parseKeyEntries(await readKeyFile(keyFile), keyFile),
    });
  }
  const inline = nonEmpty(env.STRATA_KEYS);
  if (inline !== undefined)
    groups.push({ source: 'STRATA_KEYS', keys: parseKeyEntries(inline, 'STRATA_KEYS') });
  return new Keyring(combine(groups));
}

function combine(groups: readonly { source: string; keys: readonly KeyringKey[] }[]): KeyringKey[] {
  const merged = new Map<string, { key: KeyringKey; source: string }>();
  for (const { source, keys } of groups) {
    for (const key of keys) {
      const earlier = merged.get(key.id);
      if (earlier !== undefined) {
        if (!earlier.key.sameMaterialAs(key)) {
          throw new StrataError(
            'KEYRING_INVALID',
            `Key id "${key.id}" is defined in both ${earlier.source} and ${source} with different key material; remove one of them or rename a key`,
          );
        }
        // Re-inserting moves the id to its later position: the later source decides the primary key.
        merged.delete(key.id);
      }
      merged.set(key.id, { key, source });
    }
  }
  return [...merged.values()].map((entry) => entry.key);
}

async function readKeyFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'it does not exist'
        : code === 'EACCES'
          ? 'permission denied'
          : `it could not be read (${code ?? 'unknown error'})`;
    throw new StrataError('KEYRING_INVALID', `Cannot read key file ${path}: ${reason}`, { cause: error });
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
