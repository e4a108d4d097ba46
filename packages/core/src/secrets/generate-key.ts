import { nodeCrypto } from './node-crypto.js';
import { StrataError } from '../errors/strata-error.js';
import { isValidKeyId, KEY_ID_PATTERN } from './key-id.js';
import { KEY_LENGTH } from './keyring-key.js';

/** A fresh key from {@link generateKey}. */
export interface GeneratedKey {
  /** The key's id. */
  readonly id: string;
  /** `<id>:<base64 key>`: one entry for `STRATA_KEYS` or a key file. Contains the key: treat as secret. */
  readonly line: string;
}

/**
 * Make a new random 256-bit key (from the operating system's CSPRNG) as a ready-to-paste keyring entry.
 *
 * @param id The key id. @default `k<UTC date yyyymmdd>-<6 random hex digits>`, e.g. `k20261122-3fa9c1`,
 *   so ids sort by age and two keys made the same day do not collide.
 * @throws StrataError `KEYRING_INVALID` for an id that does not match {@link KEY_ID_PATTERN}.
 */
export function generateKey(id?: string): GeneratedKey {
  const keyId = id ?? defaultKeyId(new Date());
  if (!isValidKeyId(keyId)) {
    throw new StrataError(
      'KEYRING_INVALID',
      `Invalid key id "${keyId}": it must match ${KEY_ID_PATTERN.source}`,
    );
  }
  const material = nodeCrypto().randomBytes(KEY_LENGTH);
  const line = `${keyId}:${material.toString('base64')}`;
  material.fill(0);
  return { id: keyId, line };
}

function defaultKeyId(now: Date): string {
  const date = now.toISOString().slice(0, 10).replace(/-/g, '');
  return `k${date}-${nodeCrypto().randomBytes(3).toString('hex')}`;
}
