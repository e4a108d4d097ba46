import { type KeyObject } from 'node:crypto';
import { nodeCrypto } from './node-crypto.js';
import { inspect } from 'node:util';
import { StrataError } from '../errors/strata-error.js';
import { isValidKeyId, KEY_ID_PATTERN } from './key-id.js';

/** The length of every Strata key: 32 bytes, an AES-256 key. */
export const KEY_LENGTH = 32;

/**
 * One named 256-bit key of a {@link Keyring}. The material lives only in a Node `KeyObject`, created once
 * here so that encrypting or decrypting many values never re-imports the key; printing, JSON and
 * `util.inspect` show the id alone.
 */
export class KeyringKey {
  /** The key's id, as written in envelopes (`enc:v1:<id>:…`). */
  readonly id: string;
  readonly #keyObject: KeyObject;

  /**
   * @param id A key id matching {@link KEY_ID_PATTERN}.
   * @param material Exactly 32 bytes. Copied; the caller may wipe its buffer afterwards.
   * @throws StrataError `KEYRING_INVALID` for a bad id or length (the message never shows the material).
   */
  constructor(id: string, material: Uint8Array) {
    if (!isValidKeyId(id)) {
      throw new StrataError('KEYRING_INVALID', `Invalid key id: it must match ${KEY_ID_PATTERN.source}`);
    }
    if (material.length !== KEY_LENGTH) {
      throw new StrataError(
        'KEYRING_INVALID',
        `Key "${id}" is ${material.length} bytes long; a Strata key must be exactly ${KEY_LENGTH} bytes (generate one with generateKey())`,
      );
    }
    this.id = id;
    this.#keyObject = nodeCrypto().createSecretKey(material);
  }

  /** The key as a Node `KeyObject`, for node:crypto calls. */
  get keyObject(): KeyObject {
    return this.#keyObject;
  }

  /** True when both keys hold the same material (ids are not compared). */
  sameMaterialAs(other: KeyringKey): boolean {
    return this.#keyObject.equals(other.#keyObject);
  }

  /** `KeyringKey(<id>)`: never the material. */
  toString(): string {
    return `KeyringKey(${this.id})`;
  }

  /** `{ id }`: never the material. */
  toJSON(): { id: string } {
    return { id: this.id };
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
