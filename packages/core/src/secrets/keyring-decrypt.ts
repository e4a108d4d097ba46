import { decryptValue } from './decrypt-value.js';
import type { Keyring } from './keyring.js';

/** The pipeline's decrypt function for a keyring; none without one (an `enc:` value is then an error). */
export function keyringDecrypt(
  keyring: Keyring | undefined,
): ((envelope: string, path: string) => string | number | boolean) | undefined {
  if (!keyring) return undefined;
  return (envelope, at) => decryptValue({ envelope, path: at, keyring });
}
