import { StrataError } from '../errors/strata-error.js';
import { isValidKeyId, KEY_ID_PATTERN } from './key-id.js';
import { Keyring } from './keyring.js';
import { KEY_LENGTH, KeyringKey } from './keyring-key.js';

/** Options of {@link parseKeyring}. */
export interface ParseKeyringOptions {
  /**
   * What the text came from, used in error messages (`STRATA_KEYS`, `/run/secrets/strata-keys`).
   * @default 'STRATA_KEYS'
   */
  source?: string;
}

const base64Text = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Parse keys in the `STRATA_KEYS` format: `keyId:base64key` entries separated by commas and/or newlines,
 * whitespace around entries ignored, `#` starting a comment to the end of the line (so a key file can
 * hold one key per line with notes). The key is base64 (standard or URL-safe alphabet, padding optional)
 * of exactly 32 bytes. The last key listed is the primary one, used for new encryptions.
 *
 * ```text
 * # retired 2026-11, keep until every file is rotated
 * k2025:2r6Fq0vM6mQ0l0H8bq3hzq2oQ3iYk7m5r1T0n8x9d2A=
 * k2026:Vh4qYH3k0cW2iFhW0m9C0v3u1u7p9XkqQ1lM2o7N5aE=
 * ```
 *
 * Empty text (or only comments) gives an empty keyring.
 *
 * @throws StrataError `KEYRING_INVALID` naming the source, the line and entry number and, when it is
 *   valid, the key id. Never key material: an entry that is not `id:key` or whose id is not valid is not
 *   echoed, since it may be a key pasted in the wrong place.
 */
export function parseKeyring(text: string, options: ParseKeyringOptions = {}): Keyring {
  return new Keyring(parseKeyEntries(text, options.source ?? 'STRATA_KEYS'));
}

/** The keys of a `STRATA_KEYS`-format text, in order, with duplicates refused. */
export function parseKeyEntries(text: string, source: string): KeyringKey[] {
  const lines = text.split(/\r\n|\r|\n/);
  const multiLine = lines.length > 1;
  const keys: KeyringKey[] = [];
  const seen = new Map<string, number>();
  let entry = 0;
  lines.forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '');
    for (const part of line.split(',')) {
      const item = part.trim();
      if (item === '') continue;
      entry += 1;
      const where = multiLine ? `${source} line ${index + 1}, entry ${entry}` : `${source} entry ${entry}`;
      const key = parseEntry(item, where);
      const first = seen.get(key.id);
      if (first !== undefined) {
        throw new StrataError(
          'KEYRING_INVALID',
          `${where}: key id "${key.id}" was already used by entry ${first}; key ids must be unique`,
        );
      }
      seen.set(key.id, entry);
      keys.push(key);
    }
  });
  return keys;
}

function parseEntry(item: string, where: string): KeyringKey {
  const fail = (reason: string): never => {
    throw new StrataError('KEYRING_INVALID', `${where}: ${reason}`);
  };
  const colon = item.indexOf(':');
  if (colon < 0) return fail('expected "keyId:base64key" (no ":" found)');
  const id = item.slice(0, colon).trim();
  const encoded = item.slice(colon + 1).trim();
  if (!isValidKeyId(id)) {
    return fail(`the key id is not valid; it must match ${KEY_ID_PATTERN.source}`);
  }
  if (looksLikeKeyMaterial(id)) {
    return fail('the key id looks like key material; the format is "keyId:base64key"');
  }
  if (encoded === '') return fail(`key "${id}" has no key material after ":"`);
  const material = decodeKey(encoded);
  if (material === undefined) {
    return fail(`key "${id}" is not valid base64`);
  }
  try {
    if (material.length !== KEY_LENGTH) {
      return fail(
        `key "${id}" decodes to ${material.length} bytes; a Strata key must be exactly ${KEY_LENGTH} bytes (generate one with generateKey() or \`openssl rand -base64 32\`)`,
      );
    }
    return new KeyringKey(id, material);
  } finally {
    material.fill(0);
  }
}

/** Strict base64 / base64url: Node's decoder skips bad characters silently, so check before decoding. */
function decodeKey(encoded: string): Buffer | undefined {
  if (!base64Text.test(encoded)) return undefined;
  const standard = encoded.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (standard.length % 4 === 1) return undefined;
  const bytes = Buffer.from(standard, 'base64');
  // Rejects non-canonical spellings (stray bits in the last character, padding in the wrong place).
  if (bytes.toString('base64').replace(/=+$/, '') !== standard) {
    bytes.fill(0);
    return undefined;
  }
  return bytes;
}

/** A 32-byte base64url key also matches the key-id pattern: catch `key:id` written the wrong way round. */
function looksLikeKeyMaterial(id: string): boolean {
  if (id.length !== 43 && id.length !== 44) return false;
  const decoded = decodeKey(id);
  const result = decoded?.length === KEY_LENGTH;
  decoded?.fill(0);
  return result;
}
