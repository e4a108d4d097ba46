import { randomUUID } from 'node:crypto';
import type { KvStore } from './kv-store.js';
import type { LeaseStore } from './lease-store.js';
import type { VaultTestAppRole, VaultTestJwtRole, VaultTestKubernetesRole } from './options.js';
import type { TokenRecord, TokenStore } from './token-store.js';

/** A parsed request, as the routes see it. */
export interface VaultRequest {
  readonly method: string;
  /** The path after `/v1/`, without slashes around it. */
  readonly apiPath: string;
  readonly namespace: string | undefined;
  readonly query: Readonly<Record<string, string>>;
  readonly token: string | undefined;
  /** The parsed JSON body, or undefined. */
  readonly body: unknown;
}

/** What to send back. */
export interface VaultAnswer {
  readonly status: number;
  readonly body?: unknown;
  /** Extra response headers (`Retry-After`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Everything the routes read and change. */
export interface VaultState {
  readonly kv: KvStore;
  readonly tokens: TokenStore;
  readonly approle: { readonly mount: string; readonly roles: readonly VaultTestAppRole[] } | undefined;
  readonly kubernetes:
    | { readonly mount: string; readonly roles: readonly VaultTestKubernetesRole[] }
    | undefined;
  readonly jwt: { readonly mount: string; readonly roles: readonly VaultTestJwtRole[] } | undefined;
  readonly leases: LeaseStore;
  readonly policies: Readonly<Record<string, readonly string[]>> | undefined;
  /** The Vault version acted as (`1.16.3`). */
  readonly version: string;
  now(): number;
}

/** `{"errors": [...]}` with a status. */
export function errorAnswer(status: number, ...errors: string[]): VaultAnswer {
  return { status, body: { errors } };
}

/** Vault's response envelope around `data` (and optionally `auth`). */
export function dataAnswer(data: unknown, extra: Record<string, unknown> = {}, status = 200): VaultAnswer {
  return {
    status,
    body: {
      request_id: randomUUID(),
      lease_id: '',
      renewable: false,
      lease_duration: 0,
      data,
      wrap_info: null,
      warnings: null,
      auth: null,
      ...extra,
    },
  };
}

/** The `auth` block of a login or renewal. */
export function authBlock(
  token: { id: string; accessor: string; policies: readonly string[]; renewable: boolean },
  leaseMs: number,
): Record<string, unknown> {
  return {
    client_token: token.id,
    accessor: token.accessor,
    policies: token.policies,
    token_policies: token.policies,
    metadata: null,
    // Vault answers whole seconds.
    lease_duration: Math.floor(leaseMs / 1000),
    renewable: token.renewable,
    entity_id: '',
    token_type: 'service',
    orphan: true,
  };
}

/**
 * Vault's answer to a dead token: from 1.17 on it lists `invalid token` beside `permission denied`; before,
 * a bare `permission denied`, the same words as a path the policies do not grant.
 */
export function deadTokenAnswer(state: { readonly version: string }): VaultAnswer {
  if (versionBefore(state.version, [1, 17]))
    return errorAnswer(403, '1 error occurred:\n\t* permission denied\n\n');
  return errorAnswer(403, '2 errors occurred:\n\t* permission denied\n\t* invalid token\n\n');
}

/** `version` (`1.16.3`, `1.15.0+ent`) is older than `[major, minor]`. */
function versionBefore(version: string, [major, minor]: readonly [number, number]): boolean {
  const [a = 0, b = 0] = version.split(/[.+-]/).map(Number);
  return a < major || (a === major && b < minor);
}

/** Check the token and, when policies are configured, that one of them allows `policyPath`. */
export function authorize(
  state: VaultState,
  request: VaultRequest,
  policyPath: string | undefined,
): TokenRecord | VaultAnswer {
  const checked = state.tokens.check(request.token);
  if (checked === 'missing') return errorAnswer(403, 'permission denied');
  if (checked === 'invalid') return deadTokenAnswer(state);
  if (policyPath === undefined || state.policies === undefined || checked.policies.includes('root')) {
    return checked;
  }
  for (const name of checked.policies) {
    for (const pattern of state.policies[name] ?? []) {
      const allowed = pattern.endsWith('*')
        ? policyPath.startsWith(pattern.slice(0, -1))
        : policyPath === pattern;
      if (allowed) return checked;
    }
  }
  return errorAnswer(403, '1 error occurred:\n\t* permission denied\n\n');
}

/** True for an answer (as opposed to a token record). */
export function isAnswer(value: TokenRecord | VaultAnswer): value is VaultAnswer {
  return 'status' in value;
}
