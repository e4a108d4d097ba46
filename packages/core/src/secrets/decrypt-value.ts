import { nodeCrypto } from './node-crypto.js';
import { DecryptionError } from '../errors/decryption-error.js';
import { optionalWhere, parseEnvelope, TAG_LENGTH } from './envelope.js';
import { describeKeyIds, type Keyring } from './keyring.js';
import { canonicalSecretPath } from './secret-path.js';
import { decodePlaintext, type SecretValue } from './typed-plaintext.js';

/** Options of {@link decryptValue}. */
export interface DecryptValueOptions {
  /** The `enc:v1:…` text. */
  envelope: string;
  /** The configuration path the value was found at, dotted; must be the path it was encrypted for. */
  path: string;
  /** The keys; the envelope names which one to use. */
  keyring: Keyring;
  /** Where the value came from (`file config/production.yaml:12:7`), added to error messages. */
  where?: string;
}

const authFailed = 'authentication failed: wrong key, tampered value, or value moved from another path';

/**
 * Decrypt an envelope made by {@link encryptValue}, giving back the value with its type (string, number
 * or boolean).
 *
 * @throws DecryptionError naming the path and key id, never the plaintext or key: a malformed envelope
 *   (see {@link parseEnvelope}), a key id the keyring does not hold (the message lists the ids it holds),
 *   or an authentication failure (wrong key material under that id, a changed byte, or an envelope copied
 *   from another path).
 */
export function decryptValue(options: DecryptValueOptions): SecretValue {
  const { path, keyring } = options;
  const parsed = parseEnvelope(options);
  const { keyId } = parsed;
  const key = keyring.get(keyId);
  if (key === undefined) {
    throw new DecryptionError({
      path,
      keyId,
      reason: `unknown key id; ${describeKeyIds(keyring)}. Add key "${keyId}" to STRATA_KEYS or the key file`,
      ...optionalWhere(options),
    });
  }
  let plaintext: Buffer;
  try {
    const decipher = nodeCrypto().createDecipheriv('aes-256-gcm', key.keyObject, parsed.iv, {
      authTagLength: TAG_LENGTH,
    });
    decipher.setAAD(Buffer.from(canonicalSecretPath(path), 'utf8'));
    decipher.setAuthTag(parsed.tag);
    // GCM is a stream mode: update() returns every byte and final() only checks the tag.
    plaintext = decipher.update(parsed.ciphertext);
    decipher.final();
  } catch (error) {
    throw new DecryptionError(
      { path, keyId, reason: authFailed, ...optionalWhere(options) },
      { cause: error },
    );
  }
  const decoded = decodePlaintext(plaintext);
  plaintext.fill(0);
  if ('problem' in decoded) {
    throw new DecryptionError({ path, keyId, reason: decoded.problem, ...optionalWhere(options) });
  }
  return decoded.value;
}
