import type { Hash } from 'node:crypto';
import { createRequire } from 'node:module';

let crypto: typeof import('node:crypto') | undefined;

/**
 * A new sha256 hash. `node:crypto` is loaded on the first call: importing it costs 10–20 ms of a process's
 * start, which a load that never needs a digest (no watching, no reload) should not pay.
 */
export function sha256(): Hash {
  crypto ??= createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256');
}
