import { createHash, timingSafeEqual } from 'node:crypto';
import { StrataError } from '@strata/core';
import type { Role, TokenConfig } from '../options/token-config.js';

/** A token that authenticated: its holder's name and role. */
export interface Principal {
  readonly name: string;
  readonly role: Role;
}

/** A stored token: its digest only. */
interface StoredToken extends Principal {
  readonly digest: Buffer;
}

const HEX_DIGEST = /^[0-9a-f]{64}$/i;

/** The SHA-256 digest of a presented token: 32 bytes whatever the token's length. */
export function tokenDigest(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * The configured bearer tokens, kept as SHA-256 digests. A presented token is hashed and compared with every
 * stored digest by `timingSafeEqual`, always over 32-byte buffers and always against every token, so neither
 * how much of a token matches, nor its length, nor which token it is shows in the time taken.
 */
export class TokenStore {
  readonly #tokens: readonly StoredToken[];

  constructor(tokens: readonly TokenConfig[]) {
    const names = new Set<string>();
    this.#tokens = tokens.map((token, index) => {
      const where = `tokens[${index}]${token.name ? ` ("${token.name}")` : ''}`;
      if (typeof token.name !== 'string' || token.name.length === 0) {
        throw new StrataError('DEFINITION_INVALID', `${where}: a token needs a non-empty "name"`);
      }
      if (names.has(token.name)) {
        throw new StrataError('DEFINITION_INVALID', `${where}: the name "${token.name}" is used twice`);
      }
      names.add(token.name);
      if (token.role !== 'reader' && token.role !== 'operator') {
        throw new StrataError('DEFINITION_INVALID', `${where}: "role" must be "reader" or "operator"`);
      }
      let digest: Buffer;
      if (token.sha256 !== undefined) {
        if (!HEX_DIGEST.test(token.sha256)) {
          throw new StrataError('DEFINITION_INVALID', `${where}: "sha256" must be 64 hex digits`);
        }
        digest = Buffer.from(token.sha256, 'hex');
      } else if (typeof token.token === 'string' && token.token.length >= 16) {
        digest = tokenDigest(token.token);
      } else {
        throw new StrataError(
          'DEFINITION_INVALID',
          `${where}: give "sha256" (the token's SHA-256, hex) or a "token" of at least 16 characters`,
        );
      }
      return { name: token.name, role: token.role, digest };
    });
  }

  /** True when no token is configured (then only loopback requests can read, and nobody can write). */
  get empty(): boolean {
    return this.#tokens.length === 0;
  }

  /** The holder of `token`, or undefined. Constant time in the presented token's content and length. */
  verify(token: string): Principal | undefined {
    const presented = tokenDigest(token);
    let found: StoredToken | undefined;
    for (const stored of this.#tokens) {
      // No early exit: every stored digest is compared, so the position of a match does not show either.
      if (compareDigests(presented, stored.digest) && !found) found = stored;
    }
    return found ? { name: found.name, role: found.role } : undefined;
  }
}

/**
 * The one comparison of secrets in this package: two SHA-256 digests, equal length by construction, through
 * `timingSafeEqual`. Exported for the structural test that checks the inputs' lengths never vary.
 */
export function compareDigests(a: Buffer, b: Buffer): boolean {
  return timingSafeEqual(a, b);
}
