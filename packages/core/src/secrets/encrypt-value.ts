import { nodeCrypto } from './node-crypto.js';
import { StrataError } from '../errors/strata-error.js';
import { formatEnvelope, IV_LENGTH, TAG_LENGTH } from './envelope.js';
import { describeKeyIds, type Keyring } from './keyring.js';
import type { KeyringKey } from './keyring-key.js';
import { canonicalSecretPath } from './secret-path.js';
import { encodePlaintext, type SecretValue } from './typed-plaintext.js';

/** Options of {@link encryptValue}: the value, its path, and the key as a key or as a keyring (+ id). */
export type EncryptValueOptions = {
  /** The value to encrypt; its type (string, number, boolean) is restored on decryption. */
  value: SecretValue;
  /** The configuration path the value will live at, dotted (`database.password`, `servers.0.token`). */
  path: string;
} & (
  | {
      /** The key to encrypt with. */
      key: KeyringKey;
    }
  | {
      /** The keyring holding the key. */
      keyring: Keyring;
      /** Which of its keys to use. @default keyring.primary (the last listed) */
      keyId?: string;
    }
);

/**
 * Encrypt one configuration value into `enc:v1:<keyId>:<base64url(iv | ciphertext | tag)>`.
 *
 * - AES-256-GCM, a fresh random 96-bit IV per call (so encrypting the same value twice gives two different
 *   envelopes), a 128-bit authentication tag.
 * - The plaintext is a type tag and the value's text (see {@link encodePlaintext}), so numbers and
 *   booleans come back as numbers and booleans.
 * - The additional authenticated data is the UTF-8 of the canonical path ({@link canonicalSecretPath}):
 *   the envelope only decrypts at the setting it was made for.
 *
 * Random IVs stay safe for about 2^32 encryptions per key; rotate keys long before that.
 *
 * @throws StrataError `KEYRING_INVALID` when the keyring lacks the key (or is empty).
 * @throws TypeError for a value that is not a string, number or boolean, or an empty path.
 */
export function encryptValue(options: EncryptValueOptions): string {
  const key = 'key' in options ? options.key : pickKey(options.keyring, options.keyId);
  return encryptWithKey(options.value, options.path, key);
}

/** Encrypt with a key already chosen (shared by {@link encryptValue} and re-encryption). */
export function encryptWithKey(value: SecretValue, path: string, key: KeyringKey): string {
  if (typeof path !== 'string' || path === '') throw new TypeError('encryptValue needs a non-empty path');
  const plaintext = encodePlaintext(value);
  const iv = nodeCrypto().randomBytes(IV_LENGTH);
  const cipher = nodeCrypto().createCipheriv('aes-256-gcm', key.keyObject, iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(Buffer.from(canonicalSecretPath(path), 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  plaintext.fill(0);
  return formatEnvelope(key.id, iv, ciphertext, cipher.getAuthTag());
}

/** The keyring's key `keyId`, or its primary key. */
export function pickKey(keyring: Keyring, keyId: string | undefined): KeyringKey {
  if (keyId === undefined) return keyring.primary;
  const key = keyring.get(keyId);
  if (key === undefined) {
    throw new StrataError('KEYRING_INVALID', `No key "${keyId}" to encrypt with: ${describeKeyIds(keyring)}`);
  }
  return key;
}
