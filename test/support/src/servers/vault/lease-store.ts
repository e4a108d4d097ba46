import { randomBytes } from 'node:crypto';
import { durationMs } from './duration.js';
import type { VaultTestDynamicMount, VaultTestDynamicRole, VaultTestSecretData } from './options.js';

/** What the test server knows about one lease (for assertions; includes the credentials). */
export interface VaultTestLeaseInfo {
  /** `database/creds/app/<random>`. */
  readonly id: string;
  readonly mount: string;
  readonly role: string;
  /** The credentials issued with it. */
  readonly data: VaultTestSecretData;
  /** Server-clock times (ms). */
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly revoked: boolean;
  readonly renewals: number;
}

interface LeaseRecord {
  readonly id: string;
  readonly mount: string;
  readonly role: VaultTestDynamicRole;
  readonly data: VaultTestSecretData;
  readonly issuedAt: number;
  expiresAt: number;
  revoked: boolean;
  renewals: number;
}

/** Why a renewal was refused. */
export type LeaseRefusal = 'not-found' | 'not-renewable';

/** Leases of the lease-based engines, on the server's clock, in whole seconds. */
export class LeaseStore {
  readonly #mounts = new Map<string, Map<string, VaultTestDynamicRole>>();
  readonly #leases = new Map<string, LeaseRecord>();
  readonly #issued = new Map<string, number>();
  readonly #now: () => number;

  constructor(mounts: readonly VaultTestDynamicMount[], now: () => number) {
    this.#now = now;
    for (const mount of mounts) {
      const roles = new Map<string, VaultTestDynamicRole>();
      for (const role of mount.roles) {
        durationMs(role.ttl ?? '1h');
        durationMs(role.maxTtl ?? '24h');
        roles.set(role.role, role);
      }
      this.#mounts.set(trim(mount.mount ?? 'database'), roles);
    }
  }

  /** The role behind `<mount>/creds/<role>`, or undefined when that path is not a dynamic engine's. */
  find(apiPath: string): { mount: string; role: VaultTestDynamicRole | undefined } | undefined {
    for (const [mount, roles] of this.#mounts) {
      if (!apiPath.startsWith(`${mount}/creds/`)) continue;
      return { mount, role: roles.get(apiPath.slice(mount.length + '/creds/'.length)) };
    }
    return undefined;
  }

  /** Whether a path lies under a dynamic engine's mount. */
  isMount(apiPath: string): string | undefined {
    for (const mount of this.#mounts.keys())
      if (apiPath === mount || apiPath.startsWith(`${mount}/`)) return mount;
    return undefined;
  }

  /** Issue a lease with fresh credentials. */
  issue(mount: string, role: VaultTestDynamicRole): { record: VaultTestLeaseInfo; leaseSeconds: number } {
    const key = `${mount}/${role.role}`;
    const n = (this.#issued.get(key) ?? 0) + 1;
    this.#issued.set(key, n);
    const now = this.#now();
    const ttl = durationMs(role.ttl ?? '1h');
    const record: LeaseRecord = {
      id: `${mount}/creds/${role.role}/${randomBytes(12).toString('base64url')}`,
      mount,
      role,
      data: role.credentials?.(n) ?? {
        username: `v-token-${role.role}-${n}`,
        password: `A1a-${randomBytes(10).toString('base64url')}`,
      },
      issuedAt: now,
      expiresAt: now + ttl,
      revoked: false,
      renewals: 0,
    };
    this.#leases.set(record.id, record);
    return { record: snapshot(record), leaseSeconds: ttl / 1000 };
  }

  /** Renew: the role's TTL (or the increment asked), cut short at the max TTL, whole seconds. */
  renew(
    id: string,
    incrementSeconds: number | undefined,
  ): { leaseSeconds: number; renewable: boolean } | LeaseRefusal {
    const record = this.#leases.get(id);
    const now = this.#now();
    if (!record || record.revoked || now >= record.expiresAt) return 'not-found';
    if (record.role.renewable === false) return 'not-renewable';
    const ttl =
      incrementSeconds !== undefined && incrementSeconds > 0
        ? incrementSeconds * 1000
        : durationMs(record.role.ttl ?? '1h');
    const max = record.issuedAt + durationMs(record.role.maxTtl ?? '24h') - now;
    const lease = Math.floor(Math.min(ttl, max) / 1000) * 1000;
    if (lease <= 0) return 'not-found';
    record.expiresAt = now + lease;
    record.renewals += 1;
    return { leaseSeconds: lease / 1000, renewable: true };
  }

  /** Revoke a lease (unknown ids are fine, as in Vault). */
  revoke(id: string): void {
    const record = this.#leases.get(id);
    if (record) record.revoked = true;
  }

  /** Expire matching leases now; returns how many. */
  expire(filter: { id?: string; role?: string } = {}): number {
    let count = 0;
    for (const record of this.#leases.values()) {
      if (filter.id !== undefined && record.id !== filter.id) continue;
      if (filter.role !== undefined && record.role.role !== filter.role) continue;
      record.expiresAt = this.#now();
      count += 1;
    }
    return count;
  }

  /** Every lease, in issue order. */
  list(): VaultTestLeaseInfo[] {
    return [...this.#leases.values()].map(snapshot);
  }
}

function snapshot(record: LeaseRecord): VaultTestLeaseInfo {
  return {
    id: record.id,
    mount: record.mount,
    role: record.role.role,
    data: record.data,
    issuedAt: record.issuedAt,
    expiresAt: record.expiresAt,
    revoked: record.revoked,
    renewals: record.renewals,
  };
}

function trim(path: string): string {
  return path.replace(/^\/+|\/+$/g, '');
}
