/** What a token may do: `reader` reads (GET), `operator` reads and writes. */
export type Role = 'reader' | 'operator';

/**
 * One bearer token, as configuration holds it. Only the SHA-256 digest of the token is kept: give `sha256`
 * (hex, what `printf %s "$TOKEN" | sha256sum` prints), so the token itself never sits in a file or a
 * process's memory, or `token` (hashed at once and dropped) where the token comes from a secret store.
 */
export interface TokenConfig {
  /** Who holds it: the actor recorded in the audit trail and in an override's origin (`ops-alice`). */
  readonly name: string;
  readonly role: Role;
  /** The token's SHA-256 digest, 64 hex digits. */
  readonly sha256?: string;
  /** The token itself; hashed when the handler is created and not kept. */
  readonly token?: string;
}
