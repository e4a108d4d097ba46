/**
 * Why a stream entry was dropped, never applied: `oversized` (past `maxMessageBytes` or the field count),
 * `unauthenticated` (no valid MAC under any keyring key), `malformed` (signed, but not a fleet message of a
 * shape this version reads, or a sealed layer that does not open or build), `replayed` (its nonce was seen,
 * or it is older than `maxMessageAgeMs`), `stale` (a layer from a leader whose fencing token is older than
 * one already heard from), `foreign` (another fleet's message on the same stream).
 */
export type DropReason = 'oversized' | 'unauthenticated' | 'malformed' | 'replayed' | 'stale' | 'foreign';

/** Every {@link DropReason}. */
export const DROP_REASONS: readonly DropReason[] = [
  'oversized',
  'unauthenticated',
  'malformed',
  'replayed',
  'stale',
  'foreign',
];

/** What a transport counted since it started. */
export interface FleetCounters {
  /** Messages this instance added to the stream. */
  readonly published: number;
  /** Stream entries read (its own included). */
  readonly received: number;
  /** Entries that authenticated and were handed on. */
  readonly accepted: number;
  /** Entries dropped, by reason. */
  readonly dropped: { readonly [R in DropReason]: number };
}
