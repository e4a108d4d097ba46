import { StrataError } from '@strata/core';
import { type PollClock, systemPollClock } from '@strata/core/source';
import type { VaultAuthOptions, VaultConnectionOptions, VaultTlsOptions } from './vault-source-options.js';

/** {@link VaultConnectionOptions} checked, with every default applied. */
export interface NormalizedConnection {
  readonly address: string | undefined;
  readonly namespace: string | undefined;
  readonly auth: VaultAuthOptions;
  readonly tls: VaultTlsOptions;
  readonly requestTimeoutMs: number;
  readonly attempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly clock: PollClock;
}

/** Check the connection options where they are written; `factory` names the caller in messages. */
export function normalizeConnection(options: VaultConnectionOptions, factory: string): NormalizedConnection {
  const invalid = (message: string): never => {
    throw new StrataError('DEFINITION_INVALID', `${factory}: ${message}`);
  };
  const auth = options.auth ?? { method: 'token' };
  checkAuth(auth, invalid);
  const retry = options.retry ?? {};
  const count = (value: number | undefined, fallback: number, where: string, min: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value < min)
      invalid(`${where} must be a number ≥ ${min}, got ${String(value)}`);
    return value;
  };
  return {
    address: options.address,
    namespace: options.namespace,
    auth,
    tls: options.tls ?? {},
    requestTimeoutMs: count(options.requestTimeoutMs, 5000, '`requestTimeoutMs`', 1),
    attempts: count(retry.attempts, 4, '`retry.attempts`', 1),
    baseDelayMs: count(retry.baseDelayMs, 200, '`retry.baseDelayMs`', 0),
    maxDelayMs: count(retry.maxDelayMs, 5000, '`retry.maxDelayMs`', 0),
    clock: options.clock ?? systemPollClock,
  };
}

function checkAuth(auth: VaultAuthOptions, invalid: (message: string) => never): void {
  switch (auth.method) {
    case 'token':
    case 'agent':
      return;
    case 'approle':
      if (!auth.roleId) invalid('auth.roleId is required for AppRole');
      if (auth.secretId !== undefined && auth.secretIdFile !== undefined) {
        invalid('give auth.secretId or auth.secretIdFile, not both');
      }
      return;
    case 'kubernetes':
      if (!auth.role) invalid('auth.role is required for Kubernetes auth');
      return;
    case 'jwt':
      if (!auth.role) invalid('auth.role is required for JWT/OIDC auth');
      if ((auth.jwt === undefined) === (auth.jwtFile === undefined)) {
        invalid('JWT auth needs exactly one of auth.jwtFile (preferred) or auth.jwt');
      }
      return;
    default:
      invalid(
        `auth.method must be "token", "approle", "kubernetes", "jwt" or "agent", got "${String((auth as { method?: unknown }).method)}"`,
      );
  }
}
