import type { ConfigSource } from '@strata/core';
import { normalizeVaultOptions } from './normalize-vault-options.js';
import type { VaultSourceOptions } from './vault-source-options.js';
import { VaultSource } from './vault-config-source.js';

/**
 * A configuration source reading HashiCorp Vault KV secrets (v1 and v2) over Node's fetch: token, AppRole
 * or Kubernetes auth with renewal, a re-read every `pollIntervalMs` while watched, retries with backoff.
 *
 * @example
 * vaultSource({
 *   auth: { method: 'kubernetes', role: 'app' },
 *   secrets: [{ path: 'secret/app/{env}', into: 'database' }],
 * })
 */
export function vaultSource(options: VaultSourceOptions): ConfigSource {
  return new VaultSource(normalizeVaultOptions(options));
}
