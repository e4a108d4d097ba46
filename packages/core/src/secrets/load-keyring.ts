import { resolve } from 'node:path';
import type { ParseError } from '../errors/parse-error.js';
import { StrataError } from '../errors/strata-error.js';
import { decodeInputText } from '../layer/decode-input-text.js';
import { defaultInputLimits } from '../layer/input-limits.js';
import { readInputFile } from '../layer/read-input-file.js';
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

/**
 * A key file holds a few lines of about 50 bytes each: a megabyte is thousands of keys, and anything larger is
 * not a key file (a link to `/dev/zero` must end at once, not fill memory).
 */
const keyFileLimits = { ...defaultInputLimits, maxBytes: 1024 * 1024 };

/**
 * The key file's text, read like every other input: only a regular file (links followed; a FIFO or a device
 * would block or never end), at most {@link keyFileLimits}' bytes, strict UTF-8. Messages name the file and
 * never quote its content.
 */
async function readKeyFile(path: string): Promise<string> {
  const fail = (reason: string, cause?: unknown): StrataError =>
    new StrataError(
      'KEYRING_INVALID',
      `Cannot read key file ${path}: ${reason}`,
      cause === undefined ? undefined : { cause },
    );
  let found: Awaited<ReturnType<typeof readInputFile>>;
  try {
    found = await readInputFile({
      path: resolve(path),
      display: path,
      source: 'keyring',
      limits: keyFileLimits,
      raise: 'loadKeyring',
    });
  } catch (error) {
    if (StrataError.is(error, 'INPUT_LIMIT')) {
      throw fail(`it is larger than ${keyFileLimits.maxBytes} bytes, far more than a key file holds`, error);
    }
    if (StrataError.is(error, 'SOURCE_FAILED')) {
      throw fail('it is not a regular file (a device, FIFO or directory); point it at a key file', error);
    }
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EACCES' ? 'permission denied' : `it could not be read (${code ?? 'unknown error'})`;
    throw fail(reason, error);
  }
  if (found.kind === 'missing') {
    // The cause a caller branching on `code` expects, as the plain read gave it.
    throw fail(
      'it does not exist',
      Object.assign(new Error(`ENOENT: no such file, open '${path}'`), { code: 'ENOENT' }),
    );
  }
  if (found.kind === 'dangling') throw fail(`it is a symbolic link to ${found.target}, which does not exist`);
  try {
    return decodeInputText(found.bytes, path);
  } catch (error) {
    // The position only: the parse error's message is not repeated, so no excerpt of key material can follow.
    const where = StrataError.is(error, 'PARSE_ERROR') ? ` (line ${(error as ParseError).line})` : '';
    throw fail(`it is not UTF-8 text${where}; save it as UTF-8`, error);
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
