import { type KeyObject } from 'node:crypto';
import { nodeCrypto } from './node-crypto.js';
import { StrataError } from '../errors/strata-error.js';
import { pickKey } from './encrypt-value.js';
import { isValidKeyId } from './key-id.js';
import { describeKeyIds, type Keyring } from './keyring.js';
import type { KeyringKey } from './keyring-key.js';
import { canonicalSecretPath } from './secret-path.js';

/** One encrypted value of a file, as {@link findEnvelopes} returns it. */
export interface FileMacEntry {
  /** The value's configuration path, dotted. */
  readonly path: string;
  /** The `enc:v1:…` text exactly as stored. */
  readonly envelope: string;
}

/** Options of {@link computeFileMac}. */
export interface ComputeFileMacOptions {
  /** Every encrypted value of the file, in any order. */
  entries: readonly FileMacEntry[];
  /** The keys. */
  keyring: Keyring;
  /** The key to derive the MAC key from. @default keyring.primary (the last listed) */
  keyId?: string;
}

/** Options of {@link verifyFileMac}. */
export interface VerifyFileMacOptions {
  /** Every encrypted value of the file as it is now, in any order. */
  entries: readonly FileMacEntry[];
  /** The stored `mac:v1:<keyId>:<base64url>` text. */
  mac: string;
  /** The keys; the MAC names which one to use. */
  keyring: Keyring;
  /** The file, for error messages (`config/production.yaml`). */
  where?: string;
}

const MAC_PREFIX = 'mac:v1:';
const DOMAIN = Buffer.from('strata-file-mac-v1\0', 'utf8');
const macKeys = new WeakMap<KeyringKey, KeyObject>();

/**
 * A MAC over all the encrypted values of one file, so that removing, adding, swapping or re-encrypting
 * values under another key is detected even though each value on its own still decrypts (a value removed
 * falls back to a default; a value swapped for an older encryption of a former password still decrypts).
 *
 * Format: `mac:v1:<keyId>:<base64url(HMAC-SHA256(macKey, message))>` where
 * - `macKey` = HKDF-SHA256(ikm = the key, salt = empty, info = `strata-mac`, 32 bytes): a key derived for
 *   this purpose only, never the encryption key itself;
 * - `message` = `strata-file-mac-v1` 0x00, the entry count as 4-byte big-endian, then for every entry,
 *   sorted by the UTF-8 bytes of its canonical path ({@link canonicalSecretPath}): the path's UTF-8 length
 *   (4-byte big-endian), the path, the envelope's UTF-8 length (4-byte big-endian), the envelope. Lengths
 *   make the encoding unambiguous; sorting makes it independent of the file's key order.
 *
 * What it does not do: it says nothing about plaintext (unencrypted) values of the file, which anyone
 * with write access may still change; it does not stop anyone who holds the key, who can recompute it; it
 * does not prevent replaying an entire older file together with its older MAC.
 *
 * @throws StrataError `KEYRING_INVALID` when the keyring lacks the key; `DECRYPTION_FAILED` when two
 *   entries name the same setting.
 */
export function computeFileMac(options: ComputeFileMacOptions): string {
  const key = pickKey(options.keyring, options.keyId);
  return `${MAC_PREFIX}${key.id}:${hmac(key, options.entries).toString('base64url')}`;
}

/**
 * Check a MAC made by {@link computeFileMac} against the file's encrypted values as they are now.
 * Returns the key id the MAC was made with.
 *
 * @throws StrataError `DECRYPTION_FAILED` for a malformed MAC, a key id the keyring lacks (the message
 *   lists the ids it has), or a mismatch (a value was added, removed, moved or re-encrypted since the MAC
 *   was computed; the MAC cannot say which one).
 */
export function verifyFileMac(options: VerifyFileMacOptions): { keyId: string } {
  const at = options.where === undefined ? '' : ` for ${options.where}`;
  const fail = (reason: string): never => {
    throw new StrataError('DECRYPTION_FAILED', `File MAC check failed${at}: ${reason}`);
  };
  const { mac, keyring } = options;
  if (!mac.startsWith(MAC_PREFIX)) return fail('the MAC does not start with "mac:v1:"');
  const rest = mac.slice(MAC_PREFIX.length);
  const colon = rest.indexOf(':');
  const keyId = rest.slice(0, colon);
  const data = rest.slice(colon + 1);
  if (colon < 0 || !isValidKeyId(keyId)) return fail('malformed MAC, expected mac:v1:<keyId>:<base64url>');
  const expected = Buffer.from(data, 'base64url');
  if (!/^[A-Za-z0-9_-]+$/.test(data) || expected.length !== 32) {
    return fail(`malformed MAC value (key "${keyId}"): expected 32 bytes of base64url`);
  }
  const key = keyring.get(keyId);
  if (key === undefined) return fail(`the MAC was made with key "${keyId}", but ${describeKeyIds(keyring)}`);
  if (!nodeCrypto().timingSafeEqual(hmac(key, options.entries), expected)) {
    return fail(
      `the ${options.entries.length} encrypted value(s) do not match the MAC made with key "${keyId}": a value was added, removed, moved to another path or re-encrypted since the MAC was computed. If that change was intended, compute the MAC again`,
    );
  }
  return { keyId };
}

function hmac(key: KeyringKey, entries: readonly FileMacEntry[]): Buffer {
  const encoded = entries
    .map((entry) => ({ path: Buffer.from(canonicalSecretPath(entry.path), 'utf8'), entry }))
    .sort((a, b) => Buffer.compare(a.path, b.path));
  const mac = nodeCrypto().createHmac('sha256', macKeyOf(key));
  mac.update(DOMAIN);
  mac.update(u32(encoded.length));
  encoded.forEach(({ path, entry }, index) => {
    const previous = encoded[index - 1];
    if (previous?.path.equals(path)) {
      throw new StrataError(
        'DECRYPTION_FAILED',
        `Two encrypted values name the same setting "${entry.path}" (also "${previous.entry.path}"); keep one of them`,
      );
    }
    const envelope = Buffer.from(entry.envelope, 'utf8');
    mac.update(u32(path.length)).update(path).update(u32(envelope.length)).update(envelope);
  });
  return mac.digest();
}

function macKeyOf(key: KeyringKey): KeyObject {
  let derived = macKeys.get(key);
  if (derived === undefined) {
    derived = nodeCrypto().createSecretKey(
      Buffer.from(nodeCrypto().hkdfSync('sha256', key.keyObject, Buffer.alloc(0), 'strata-mac', 32)),
    );
    macKeys.set(key, derived);
  }
  return derived;
}

function u32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value);
  return out;
}
