import { computeFileMac, FILE_MAC_KEY, type Keyring } from '@strata/core/secrets';
import type { SecretDocument } from './secret-document.js';

/** True when a document carries a `strata-mac` entry at its top level. */
export function hasFileMac(document: SecretDocument): boolean {
  return /^\s*["']?strata-mac["']?\s*:/m.test(document.toString());
}

/**
 * Write (or rewrite) the document's `strata-mac` entry: a MAC over every encrypted value it holds, keyed by
 * the keyring's primary key (or `keyId`). The engine checks it at every load.
 */
export function writeFileMac(document: SecretDocument, keyring: Keyring, keyId?: string): string {
  const entries = document.envelopes().map((found) => ({ path: found.path, envelope: found.envelope }));
  const mac = computeFileMac(keyId === undefined ? { entries, keyring } : { entries, keyring, keyId });
  document.put([FILE_MAC_KEY], mac);
  return mac;
}
