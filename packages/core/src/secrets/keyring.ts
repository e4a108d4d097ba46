import { inspect } from 'node:util';
import { StrataError } from '../errors/strata-error.js';
import type { KeyringKey } from './keyring-key.js';

/**
 * The keys Strata may use, by id, for encrypting configuration values and rotating them. Several keys
 * live side by side during a rotation: old envelopes still decrypt with the key they name while new
 * ones use the {@link Keyring.primary} key, the last one listed.
 *
 * `toString()`, `toJSON()` and `util.inspect` show key ids only, never key material.
 */
export class Keyring {
  readonly #keys = new Map<string, KeyringKey>();

  /**
   * @param keys In order; the last is the primary key. Ids must be unique.
   * @throws StrataError `KEYRING_INVALID` for a repeated id.
   */
  constructor(keys: Iterable<KeyringKey> = []) {
    for (const key of keys) {
      if (this.#keys.has(key.id)) {
        throw new StrataError('KEYRING_INVALID', `Key id "${key.id}" appears twice in the keyring`);
      }
      this.#keys.set(key.id, key);
    }
  }

  /** The key ids, in the order listed (the last is the primary). */
  get ids(): readonly string[] {
    return [...this.#keys.keys()];
  }

  /** How many keys the keyring holds. */
  get size(): number {
    return this.#keys.size;
  }

  /** True when the keyring holds a key with this id. */
  has(id: string): boolean {
    return this.#keys.has(id);
  }

  /** The key with this id, or `undefined`. */
  get(id: string): KeyringKey | undefined {
    return this.#keys.get(id);
  }

  /** The keys, in the order listed. */
  keys(): readonly KeyringKey[] {
    return [...this.#keys.values()];
  }

  /**
   * The key new encryptions use unless told otherwise: the last one listed.
   * @throws StrataError `KEYRING_INVALID` when the keyring is empty.
   */
  get primary(): KeyringKey {
    const last = [...this.#keys.values()].at(-1);
    if (last === undefined) {
      throw new StrataError(
        'KEYRING_INVALID',
        'The keyring is empty: set STRATA_KEYS or a key file (STRATA_KEY_FILE) with at least one key',
      );
    }
    return last;
  }

  /** `Keyring(k1, k2; primary k2)`: ids only. */
  toString(): string {
    const ids = this.ids;
    return ids.length === 0 ? 'Keyring(empty)' : `Keyring(${ids.join(', ')}; primary ${ids.at(-1)})`;
  }

  /** `{ ids, primary }`: ids only. */
  toJSON(): { ids: readonly string[]; primary: string | undefined } {
    const ids = this.ids;
    return { ids, primary: ids.at(-1) };
  }

  [inspect.custom](): string {
    return this.toString();
  }
}

/** A human list of the ids a keyring holds, for error messages. */
export function describeKeyIds(keyring: Keyring): string {
  return keyring.size === 0
    ? 'the keyring is empty (set STRATA_KEYS or a key file)'
    : `the keyring has ${keyring.ids.map((id) => `"${id}"`).join(', ')}`;
}
