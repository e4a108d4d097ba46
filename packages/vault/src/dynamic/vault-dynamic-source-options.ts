import type { InputLimits } from '@strata/core';
import type { VaultConnectionOptions } from '../vault-source-options.js';

/** One lease-based secret: each read issues new credentials with a lease. */
export interface VaultDynamicSecretOptions {
  /**
   * The API path to read, mount first: `'database/creds/app'`, `'aws/creds/deploy'`, `'rabbitmq/creds/{env}'`
   * (`{env}` expands to the environment name).
   */
  readonly path: string;
  /** Where the credentials' keys go in the configuration tree, dotted: `'database'` puts `password` at `database.password`. @default the root */
  readonly into?: string;
  /** Take only these keys of the credentials; a missing one is an error. @default every key */
  readonly keys?: readonly string[];
}

/** Options of `vaultDynamicSource`. */
export interface VaultDynamicSourceOptions extends VaultConnectionOptions {
  /** The source's name in errors, events and `explain`. @default `vault-dynamic:<first path>` */
  readonly name?: string;
  /** The credentials to obtain, in precedence order (a later one wins at the same key). */
  readonly secrets: readonly VaultDynamicSecretOptions[];
  /**
   * Revoke the leases this source obtained when it is disposed (`PUT sys/leases/revoke`), so credentials do
   * not outlive the process. @default true
   */
  readonly revokeOnClose?: boolean;
  /**
   * Also revoke the token this source logged in for (AppRole, Kubernetes, JWT) when it is disposed, which
   * revokes every lease issued under it as well. A token given by the user is never revoked. @default false
   */
  readonly revokeTokenOnClose?: boolean;
  /**
   * For an engine that answers without a lease (`lease_id` empty): read again this often and deliver the
   * credentials when they changed. @default 300000
   */
  readonly rereadIntervalMs?: number;
  /** Start without this source when it fails at start-up, instead of failing the load. @default false */
  readonly optional?: boolean;
  /**
   * Bounds for each credentials answer (bytes of the body, keys, nesting, string length), checked before
   * it is parsed. @default defaultInputLimits
   */
  readonly limits?: Partial<InputLimits>;
}
