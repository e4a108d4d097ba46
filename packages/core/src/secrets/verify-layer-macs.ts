import type { Layer } from '../models/layer.js';
import { checkLayerMacs, envelopesOf } from './check-layer-macs.js';
import { verifyFileMac } from './file-mac.js';
import type { Keyring } from './keyring.js';

export { FILE_MAC_KEY } from './check-layer-macs.js';

/**
 * Check the `strata-mac` entry of every file in a layer against that file's encrypted values, and take the
 * entry out of the layer (it is not a setting). A value added, removed, swapped between settings or
 * re-encrypted under another key since the MAC was written fails the whole load (or reload) with a
 * `DECRYPTION_FAILED` error naming the file. Files without the entry are not checked.
 */
export function verifyLayerMacs(layer: Layer, keyring: Keyring | undefined): Layer {
  return checkLayerMacs(
    layer,
    keyring && ((group, mac, where) => verifyFileMac({ entries: envelopesOf(group), mac, keyring, where })),
  );
}
