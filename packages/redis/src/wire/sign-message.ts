import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FleetKey } from './fleet-keys.js';

/** The stream entry fields of one message: exactly these four, nothing else. */
export interface StreamFields {
  /** Wire version. */
  readonly v: string;
  /** The keyring key id the MAC was made with. */
  readonly k: string;
  /** The envelope as JSON text: the exact bytes signed (the canonical encoding is the text itself). */
  readonly m: string;
  /** HMAC-SHA256 over `v`, `k` and `m`, hex. */
  readonly s: string;
}

/** The wire version written in `v`. */
export const WIRE_VERSION = '1';

/**
 * HMAC-SHA256 over the version, the key id and the message text, each length-prefixed so no two
 * different triples give the same input.
 */
export function messageMac(key: FleetKey, version: string, text: string): string {
  const hmac = createHmac('sha256', key.mac);
  for (const part of [version, key.id, text]) {
    const bytes = Buffer.from(part, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hmac.update(length).update(bytes);
  }
  return hmac.digest('hex');
}

/** Sign `text` into stream fields. */
export function signMessage(key: FleetKey, text: string): StreamFields {
  return { v: WIRE_VERSION, k: key.id, m: text, s: messageMac(key, WIRE_VERSION, text) };
}

/** True when `mac` is the MAC of `text` under `key` (compared in constant time). */
export function verifyMac(key: FleetKey, version: string, text: string, mac: string): boolean {
  const expected = Buffer.from(messageMac(key, version, text), 'hex');
  const given = Buffer.from(mac, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
