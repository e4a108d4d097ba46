import type { Layer } from '../models/layer.js';
import { checkLayerMacs } from './check-layer-macs.js';
import type { Keyring } from './keyring.js';

/** How a load treats the encrypted parts of its layers, decided once from its keyring. */
export interface SecretHandling {
  /** Checks a source's `strata-mac` entries and takes them out of its layer (see `verifyLayerMacs`). */
  readonly verifyMacs: (layer: Layer) => Layer;
  /** The pipeline's decrypt function; none without a keyring (an `enc:` value is then an error). */
  readonly decrypt: ((envelope: string, path: string) => string | number | boolean) | undefined;
}

const withoutKeyring: SecretHandling = {
  verifyMacs: (layer) => checkLayerMacs(layer, undefined),
  decrypt: undefined,
};

/**
 * The MAC check and decryption for a keyring. Without one (most starts) nothing more is loaded: the MAC and
 * decryption code (node:crypto, key lookup, plaintext decoding) comes in as a chunk of its own only when a
 * keyring is configured, before the first layer needs it, so both stay synchronous inside the pipeline.
 */
export async function secretHandling(keyring: Keyring | undefined): Promise<SecretHandling> {
  if (!keyring) return withoutKeyring;
  const [{ verifyLayerMacs }, { decryptValue }] = await Promise.all([
    import('./verify-layer-macs.js'),
    import('./decrypt-value.js'),
  ]);
  return {
    verifyMacs: (layer) => verifyLayerMacs(layer, keyring),
    decrypt: (envelope, at) => decryptValue({ envelope, path: at, keyring }),
  };
}
