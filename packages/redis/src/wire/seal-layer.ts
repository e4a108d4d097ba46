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

/**
 * Open a sealed layer and rebuild it through core's layer builder. Throws on a wrong key, a different
 * source or version list, tampering, or content that is not a layer.
 */
export function openLayer(key: FleetKey, sealed: string, source: string, versions: readonly string[]): Layer {
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
    return layerFromJson(JSON.parse(plaintext.toString('utf8')), source);
  } finally {
    plaintext.fill(0);
  }
}
