import { randomBytes } from 'node:crypto';
import { type Duration, durationMs } from './duration.js';
import type { VaultTestLeaseOptions } from './options.js';

/** How a token came to be. */
export type VaultTestAuthMethod = 'token' | 'approle' | 'kubernetes' | 'jwt';

/** What the test server knows about one token (for assertions; includes the token value). */
export interface VaultTestTokenInfo {
  readonly id: string;
  readonly accessor: string;
  readonly method: VaultTestAuthMethod;
  readonly policies: readonly string[];
  readonly renewable: boolean;
  /** Server-clock time it was created (ms). */
  readonly createdAt: number;
  /** Server-clock time it expires (ms), or undefined for a token without TTL. */
  readonly expiresAt: number | undefined;
  readonly revoked: boolean;
  /** Successful `renew-self` calls. */
  readonly renewals: number;
}

/** A token as the server stores it. */
export interface TokenRecord {
  id: string;
  accessor: string;
  method: VaultTestAuthMethod;
  policies: readonly string[];
  renewable: boolean;
  ttlMs: number;
  maxTtlMs: number | undefined;
  createdAt: number;
  expiresAt: number | undefined;
  revoked: boolean;
  renewals: number;
}

/** Why a token was not accepted. */
export type TokenProblem = 'missing' | 'invalid';

/** Tokens, their TTLs and renewals, on the server's clock. */
export class TokenStore {
  readonly #tokens = new Map<string, TokenRecord>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  /** Create a token; returns its record. */
  create(
    method: VaultTestAuthMethod,
    lease: VaultTestLeaseOptions,
    defaults: { ttl: Duration; policies: readonly string[] },
    id: string = `hvs.${randomBytes(18).toString('base64url')}`,
  ): VaultTestTokenInfo {
    const now = this.#now();
    const ttlMs = durationMs(lease.ttl ?? defaults.ttl);
    const record: TokenRecord = {
      id,
      accessor: randomBytes(12).toString('base64url'),
      method,
      policies: lease.policies ?? defaults.policies,
      // A token without TTL has no lease: Vault reports it as not renewable (root tokens).
      renewable: ttlMs > 0 && (lease.renewable ?? true),
      ttlMs,
      maxTtlMs: lease.maxTtl === undefined ? undefined : durationMs(lease.maxTtl),
      createdAt: now,
      expiresAt: ttlMs > 0 ? now + ttlMs : undefined,
      revoked: false,
      renewals: 0,
    };
    this.#tokens.set(id, record);
    return snapshot(record);
  }

  /** The live token for a header value, or why there is none. */
  check(id: string | undefined): TokenRecord | TokenProblem {
    if (id === undefined || id === '') return 'missing';
    const record = this.#tokens.get(id);
    if (!record || record.revoked) return 'invalid';
    if (record.expiresAt !== undefined && this.#now() >= record.expiresAt) return 'invalid';
    return record;
  }

  /** Whole seconds left, as Vault's `ttl` (it truncates). */
  ttlSeconds(record: TokenRecord): number {
    return record.expiresAt === undefined
      ? 0
      : Math.floor(Math.max(0, record.expiresAt - this.#now()) / 1000);
  }

  /**
   * Renew: a new lease of the token's TTL, cut short by its max TTL, in whole seconds. Returns the lease in
   * ms. A token without TTL (a root token) has no lease to renew, which Vault refuses.
   */
  renew(record: TokenRecord): number | 'not-renewable' | 'expired' {
    if (!record.renewable || record.ttlMs === 0) return 'not-renewable';
    const now = this.#now();
    let lease = record.ttlMs;
    if (record.maxTtlMs !== undefined) lease = Math.min(lease, record.createdAt + record.maxTtlMs - now);
    lease = Math.floor(lease / 1000) * 1000;
    if (lease <= 0) {
      record.expiresAt = now;
      return 'expired';
    }
    record.expiresAt = now + lease;
    record.renewals += 1;
    return lease;
  }

  /** Revoke one token. */
  revoke(id: string): boolean {
    const record = this.#tokens.get(id);
    if (!record) return false;
    record.revoked = true;
    return true;
  }

  /** Make matching tokens expire now; returns how many. */
  expire(filter: { id?: string; method?: VaultTestAuthMethod } = {}): number {
    let count = 0;
    for (const record of this.#tokens.values()) {
      if (filter.id !== undefined && record.id !== filter.id) continue;
      if (filter.method !== undefined && record.method !== filter.method) continue;
      record.expiresAt = this.#now();
      count += 1;
    }
    return count;
  }

  /** Every token the server knows, in creation order. */
  list(): VaultTestTokenInfo[] {
    return [...this.#tokens.values()].map(snapshot);
  }
}

function snapshot(record: TokenRecord): VaultTestTokenInfo {
  return {
    id: record.id,
    accessor: record.accessor,
    method: record.method,
    policies: record.policies,
    renewable: record.renewable,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    revoked: record.revoked,
    renewals: record.renewals,
  };
}
