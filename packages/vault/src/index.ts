/**
 * @strata/vault — HashiCorp Vault as a Strata configuration source.
 *
 * Everything public is listed here; anything not exported from this file is private.
 */
export { vaultSource } from './vault-source.js';
export type { ScopedVaultSourceOptions } from './scoped-vault-source.js';
export { scopedVaultSource } from './scoped-vault-source.js';
export { vaultDynamicSource } from './dynamic/vault-dynamic-source.js';
export type {
  VaultDynamicSecretOptions,
  VaultDynamicSourceOptions,
} from './dynamic/vault-dynamic-source-options.js';
export type {
  VaultAgentAuth,
  VaultAppRoleAuth,
  VaultAuthOptions,
  VaultConnectionOptions,
  VaultJwtAuth,
  VaultKubernetesAuth,
  VaultKvVersion,
  VaultRetryOptions,
  VaultSecretOptions,
  VaultSourceOptions,
  VaultTlsOptions,
  VaultTokenAuth,
} from './vault-source-options.js';
export type {
  VaultDeletedVersion,
  VaultRequestErrorFields,
  VaultRequestFailure,
} from './http/vault-request-error.js';
export { VaultRequestError } from './http/vault-request-error.js';
