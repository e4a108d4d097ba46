import { type ConfigDefinition, defineConfig } from '@strata/core';
import { vaultSource } from '@strata/vault';
import { DatabaseConfig } from './sections.js';

/** The demo's configuration: one section, read from the Vault secret of the current environment. */
export function vaultDefinition(pollIntervalMs: number): ConfigDefinition {
  return defineConfig({
    sections: [DatabaseConfig],
    sources: [
      // Address, namespace and token come from VAULT_ADDR, VAULT_NAMESPACE and VAULT_TOKEN.
      vaultSource({
        secrets: [{ path: 'secret/app/{env}', into: 'database' }],
        pollIntervalMs,
      }),
    ],
  });
}
