import { decryptValue } from './decrypt-value.js';
import { encryptWithKey, pickKey } from './encrypt-value.js';
import { optionalWhere, parseEnvelope } from './envelope.js';
import type { Keyring } from './keyring.js';

/** Options of {@link reencryptValue}. */
export interface ReencryptValueOptions {
  /** The current `enc:v1:…` text. */
  envelope: string;
  /** The value's configuration path, dotted. */
  path: string;
  /** Must hold both the key the envelope names and the target key. */
  keyring: Keyring;
  /** The key to move the value to. @default keyring.primary (the last listed) */
  toKeyId?: string;
  /** Where the value came from, added to error messages. */
  where?: string;
}

/**
 * Move one value to another key (key rotation): decrypt with the key the envelope names, encrypt under
 * `toKeyId` with a fresh IV. A value already under the target key is checked (decrypted) and returned
 * unchanged, so rotating a file twice rewrites nothing the second time.
 *
 * @throws DecryptionError when the current envelope cannot be decrypted (see {@link decryptValue}).
 * @throws StrataError `KEYRING_INVALID` when the keyring lacks the target key.
 */
export function reencryptValue(options: ReencryptValueOptions): string {
  const target = pickKey(options.keyring, options.toKeyId);
  const value = decryptValue(options);
  if (
    parseEnvelope({ envelope: options.envelope, path: options.path, ...optionalWhere(options) }).keyId ===
    target.id
  ) {
    return options.envelope;
  }
  return encryptWithKey(value, options.path, target);
}
