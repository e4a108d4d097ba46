import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Layer } from '@strata/core/source';
import type { FleetKey } from './fleet-keys.js';
import { layerFromJson, layerToJson } from './layer-json.js';

const IV_LENGTH = 12;
const TAG_LENGTH = 16;

/**
 * The additional authenticated data of a sealed layer: the source's name and the versions it holds, so a
 * sealed layer replayed under another source name or another version list does not open.
 */
function associatedData(source: string, versions: readonly string[]): Buffer {
  return Buffer.from(JSON.stringify(['strata.fleet/layer/1', source, versions]), 'utf8');
}

/** AES-256-GCM over the layer's JSON form; base64url(iv | ciphertext | tag). */
export function sealLayer(key: FleetKey, layer: Layer, versions: readonly string[]): string {
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key.seal, iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(associatedData(layer.source, versions));
  const plaintext = Buffer.from(JSON.stringify(layerToJson(layer)), 'utf8');
  const sealed = Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  plaintext.fill(0);
  return sealed.toString('base64url');
}

/** Layers opened lately, per key: their JSON form, by source, versions and sealed text. */
const opened = new WeakMap<FleetKey, Map<string, unknown>>();
/** A layer reaches every instance of a process at once; older ones are not asked for again. */
const OPENED_KEPT = 4;

/**
 * Open a sealed layer and rebuild it through core's layer builder. Throws on a wrong key, a different
 * source or version list, tampering, or content that is not a layer.
 *
 * Several instances in one process receive the same message: the decryption and JSON parse are done once
 * per process (the same key, sealed text, source and versions give the same plaintext), while each call
 * still rebuilds its own layer, with its own objects, for its own reload transaction.
 */
export function openLayer(key: FleetKey, sealed: string, source: string, versions: readonly string[]): Layer {
  const cacheKey = JSON.stringify([source, versions, sealed]);
  let recent = opened.get(key);
  let json = recent?.get(cacheKey);
  if (json === undefined) {
    json = decrypt(key, sealed, source, versions);
    recent ??= new Map();
    opened.set(key, recent);
    recent.set(cacheKey, json);
    for (const old of recent.keys()) {
      if (recent.size <= OPENED_KEPT) break;
      recent.delete(old);
    }
  }
  return layerFromJson(json, source);
}

/** AES-256-GCM open and JSON parse; throws when the layer does not authenticate under source and versions. */
function decrypt(key: FleetKey, sealed: string, source: string, versions: readonly string[]): unknown {
  const bytes = Buffer.from(sealed, 'base64url');
  if (bytes.length < IV_LENGTH + TAG_LENGTH) throw new TypeError('a sealed layer is too short');
  const decipher = createDecipheriv('aes-256-gcm', key.seal, bytes.subarray(0, IV_LENGTH), {
    authTagLength: TAG_LENGTH,
  });
  decipher.setAAD(associatedData(source, versions));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_LENGTH));
  const plaintext = Buffer.concat([
    decipher.update(bytes.subarray(IV_LENGTH, bytes.length - TAG_LENGTH)),
    decipher.final(),
  ]);
  try {
    return JSON.parse(plaintext.toString('utf8'));
  } finally {
    plaintext.fill(0);
  }
}
