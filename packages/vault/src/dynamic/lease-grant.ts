import { createHash } from 'node:crypto';

/** What one read of a lease-based engine returned. */
export interface LeaseGrant {
  /** `database/creds/app/<id>`; '' when the engine gave no lease. */
  readonly leaseId: string;
  /** The lease, ms; 0 without one. */
  readonly leaseMs: number;
  readonly renewable: boolean;
  /** The credentials (JSON-parsed `data`). */
  readonly data: Readonly<Record<string, unknown>>;
  /** A hash of the credentials, to compare reads without keeping a second copy around. */
  readonly fingerprint: string;
}

/**
 * The lease and credentials of a `GET <mount>/creds/<role>` body. Throws naming what is missing, never a
 * value. The lease fields are optional: the database API page's own sample has none.
 */
export function leaseGrantOf(body: unknown, apiPath: string): LeaseGrant {
  const envelope = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const data = envelope.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error(`GET /v1/${apiPath} answered without a key/value object in data`);
  }
  const leaseId = typeof envelope.lease_id === 'string' ? envelope.lease_id : '';
  const duration = envelope.lease_duration;
  if (
    duration !== undefined &&
    !(typeof duration === 'number' && Number.isFinite(duration) && duration >= 0)
  ) {
    throw new Error(`GET /v1/${apiPath} answered a lease_duration that is not a number of seconds`);
  }
  return {
    leaseId,
    leaseMs: leaseId === '' ? 0 : Math.round(((duration as number | undefined) ?? 0) * 1000),
    renewable: leaseId !== '' && envelope.renewable === true,
    data: data as Record<string, unknown>,
    fingerprint: createHash('sha256').update(JSON.stringify(data)).digest('base64url'),
  };
}

/** The lease of a `sys/leases/renew` answer (fields at the top level, as Vault sends them). */
export function renewedLeaseMs(body: unknown): { leaseMs: number; renewable: boolean } {
  const envelope = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const duration = envelope.lease_duration;
  if (!(typeof duration === 'number' && Number.isFinite(duration) && duration >= 0)) {
    throw new Error('PUT /v1/sys/leases/renew answered without a lease_duration in seconds');
  }
  return { leaseMs: Math.round(duration * 1000), renewable: envelope.renewable !== false };
}
