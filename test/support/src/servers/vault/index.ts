/**
 * A Vault-protocol test server for Strata's tests and examples: real sockets on 127.0.0.1, Vault's HTTP
 * API (KV v1/v2, token/AppRole/Kubernetes auth, renewal), and a control API for faults.
 *
 * @example
 * const vault = await startVaultTestServer({ secrets: { 'secret/app/prod': { password: 's3cret' } }, tokens: ['root'] });
 * process.env.VAULT_ADDR = vault.url;
 * // …
 * await vault.stop();
 */
export { startVaultTestServer, VaultTestServer } from './vault-test-server.js';
export type { Duration } from './duration.js';
export type { VaultTestFault, VaultTestFaultHandle, VaultTestFaultMatch } from './faults.js';
export type {
  VaultTestAppRole,
  VaultTestDynamicMount,
  VaultTestDynamicRole,
  VaultTestJwtRole,
  VaultTestKubernetesRole,
  VaultTestLeaseOptions,
  VaultTestMount,
  VaultTestSecretData,
  VaultTestServerOptions,
  VaultTestTls,
  VaultTestTokenSpec,
} from './options.js';
export type { VaultTestLeaseInfo } from './lease-store.js';
export type { VaultTestRequest, VaultTestRequestFilter } from './request-log.js';
export type { VaultTestAuthMethod, VaultTestTokenInfo } from './token-store.js';
