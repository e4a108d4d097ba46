import { createHmac, createSecretKey, hkdfSync, type KeyObject } from 'node:crypto';
import type { Keyring, KeyringKey } from '@strata/core/secrets';

/** The two keys a fleet derives from one keyring key: one signs messages, one seals layers. */
export interface FleetKey {
  readonly id: string;
  readonly mac: KeyObject;
  readonly seal: KeyObject;
}

const cache = new WeakMap<KeyringKey, FleetKey>();
// One FleetKey per distinct key in the process, whichever keyring object it came from, so that instances
// sharing a process also share the layers opened under it (see openLayer). Keyed by the id and a MAC made
// with the derived key, never by the key itself; a process holds a handful of keys, so it is not pruned.
const interned = new Map<string, FleetKey>();

/**
 * The fleet keys of a keyring key, derived with HKDF-SHA256 (one label per purpose), so the same 256-bit
 * key never serves as both an HMAC key and an AES-GCM key, and neither is the key that encrypts `enc:v1:`
 * values in files.
 */
export function fleetKeyOf(key: KeyringKey): FleetKey {
  const known = cache.get(key);
  if (known) return known;
  const derive = (label: string): KeyObject =>
    createSecretKey(Buffer.from(hkdfSync('sha256', key.keyObject, 'strata.fleet/1', label, 32)));
  const mac = derive('message-mac');
  const identity = `${key.id}\0${createHmac('sha256', mac).update('strata.fleet/identity').digest('hex')}`;
  const derived = interned.get(identity) ?? { id: key.id, mac, seal: derive('layer-seal') };
  interned.set(identity, derived);
  cache.set(key, derived);
  return derived;
}

/** The keyring's primary key as fleet keys (what this instance signs and seals with). */
export function primaryFleetKey(keyring: Keyring): FleetKey {
  return fleetKeyOf(keyring.primary);
}

/** The fleet keys of `id`, if the keyring has it (a rotated-in key of another instance). */
export function fleetKeyById(keyring: Keyring, id: string): FleetKey | undefined {
  const key = keyring.get(id);
  return key ? fleetKeyOf(key) : undefined;
}
