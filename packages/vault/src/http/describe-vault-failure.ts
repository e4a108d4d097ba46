import { SourceError, StrataError } from '@strata/core';
import { VaultRequestError } from './vault-request-error.js';

/** Where a failure happened, for its message. */
export interface FailureContext {
  /** The source's name. */
  readonly source: string;
  /** Vault's address. */
  readonly address: string;
  readonly namespace: string | undefined;
  /** What the source was doing: `reading secret/app/prod`, `logging in with AppRole`. */
  readonly activity: string;
}

/**
 * A {@link SourceError} that says what failed, where (address, namespace, path, status, Vault's own words)
 * and what to do. Strata errors pass through unchanged.
 */
export function describeVaultFailure(error: unknown, context: FailureContext): StrataError {
  if (StrataError.is(error)) return error;
  const where = `Vault at ${context.address}${context.namespace ? ` (namespace ${context.namespace})` : ''}`;
  if (!VaultRequestError.is(error)) {
    const text = error instanceof Error ? error.message : String(error);
    return new SourceError(context.source, `${where}: ${context.activity} failed: ${text}`, { cause: error });
  }
  const hint = hintFor(error);
  const text = error.message.replace(/[.\s]+$/, '');
  return new SourceError(
    context.source,
    `${where}: ${context.activity} failed: ${text}.${hint ? ` ${hint}` : ''}`,
    {
      cause: error,
    },
  );
}

function hintFor(error: VaultRequestError): string {
  switch (error.failure) {
    case 'timeout':
      return 'Is Vault reachable and healthy? Raise requestTimeoutMs if it is just slow.';
    case 'network':
      return 'Is the address right and Vault running?';
    case 'protocol':
      return 'Does the address point at Vault itself, not a proxy or the UI?';
    case 'redirect':
      return error.message.includes('clear text')
        ? "Set the Vault nodes' api_addr to an https URL."
        : 'Standby nodes may be redirecting to each other; point the address at the active node or the load balancer.';
    case 'aborted':
      return '';
    case 'tls':
      return error.message.includes('could not set up TLS')
        ? ''
        : "Trust the CA that signed Vault's certificate (tls.caCert or VAULT_CACERT, tls.caPath or VAULT_CAPATH), or set the name the certificate was issued for (tls.serverName or VAULT_TLS_SERVER_NAME).";
    default:
      return statusHint(error);
  }
}

function statusHint(error: VaultRequestError): string {
  const status = error.status ?? 0;
  if (error.invalidToken) return 'The token is invalid or expired.';
  if (status === 403 && error.path.startsWith('sys/internal/ui/mounts/')) {
    const path = error.path.slice('sys/internal/ui/mounts/'.length);
    // Vault answers a path under no mount with this 403 (never 404), so that the endpoint cannot be used to
    // discover which mounts exist: the likelier cause is a mistyped mount, not a missing grant.
    return `The mount of "${path}" may not exist (Vault answers 403, not 404, for a path under no mount): check the path's first segment or the mount option. If it does exist, the token's policies must grant read on sys/internal/ui/mounts/${path}, or set kv: 1 or 2 to skip this lookup.`;
  }
  if (status === 403) return `The token's policies do not allow this request: grant it on ${error.path}.`;
  if (status === 412) {
    return 'A performance standby had not caught up with the active node yet; it was retried. Point the address at the active node if this persists.';
  }
  if (status === 404 && error.deleted) {
    const what = error.deleted.destroyed ? 'destroyed' : `deleted at ${error.deleted.deletionTime}`;
    return `Version ${error.deleted.version} was ${what}: undelete it, write a new version, or pin another version.`;
  }
  if (status === 404 && error.path.startsWith('auth/')) {
    return `Is the auth method enabled at ${error.path.replace(/\/login$/, '')}?`;
  }
  if (status === 404)
    return 'Nothing is there: check the path and the mount (give KV v2 paths without "data/").';
  if (status === 503 && error.errors.some((e) => /sealed/i.test(e))) {
    return 'Vault is sealed: unseal it, or mark the source optional to start without it.';
  }
  if (status === 429) return 'Vault is rate-limiting this client: raise the quota or the poll interval.';
  if (status >= 500) return 'Vault had an internal problem; it was retried.';
  return '';
}
