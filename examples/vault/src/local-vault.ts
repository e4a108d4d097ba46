import { startVaultTestServer, type VaultTestServer } from '../../../test/support/src/servers/vault/index.js';

/** The root token of the in-process Vault. It never leaves this process. */
export const LOCAL_VAULT_TOKEN = 'hvs.strata-demo-root-token';

/**
 * Start the repository's Vault test server on 127.0.0.1 (a free port) holding the demo's secret, for
 * machines without a Vault. It speaks Vault's HTTP API, so the demo uses the real source unchanged.
 */
export function startLocalVault(environment: string): Promise<VaultTestServer> {
  return startVaultTestServer({
    secrets: {
      [`secret/app/${environment}`]: {
        host: 'db.internal',
        port: '5432',
        user: 'billing',
        password: 'first-password-from-vault',
      },
    },
    tokens: [LOCAL_VAULT_TOKEN],
  });
}
