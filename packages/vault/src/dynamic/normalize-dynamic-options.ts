import { type InputLimits, StrataError } from '@strata/core';
import { resolveInputLimits } from '@strata/core/source';
import { type NormalizedConnection, normalizeConnection } from '../normalize-connection.js';
import type { VaultDynamicSecretOptions, VaultDynamicSourceOptions } from './vault-dynamic-source-options.js';

/** {@link VaultDynamicSourceOptions} checked, with every default applied. */
export interface NormalizedDynamicOptions extends NormalizedConnection {
  readonly name: string;
  readonly secrets: readonly VaultDynamicSecretOptions[];
  readonly revokeOnClose: boolean;
  readonly revokeTokenOnClose: boolean;
  readonly rereadIntervalMs: number;
  readonly optional: boolean;
  readonly limits: InputLimits;
}

/** Check the options where they are written. */
export function normalizeDynamicOptions(options: VaultDynamicSourceOptions): NormalizedDynamicOptions {
  const invalid = (message: string): never => {
    throw new StrataError('DEFINITION_INVALID', `vaultDynamicSource: ${message}`);
  };
  const secrets = options.secrets ?? [];
  const first = secrets[0];
  if (!first)
    invalid(
      '`secrets` must list at least one secret, e.g. [{ path: "database/creds/app", into: "database" }]',
    );
  secrets.forEach((secret, index) => {
    const where = `secrets[${index}]`;
    if (typeof secret.path !== 'string' || secret.path.split('/').filter(Boolean).length < 2) {
      invalid(`${where}.path must be an API path with the mount first, e.g. "database/creds/app"`);
    }
    const unknown = /\{(?!env\})[^}]*\}/.exec(secret.path);
    if (unknown) invalid(`${where}.path uses the placeholder ${unknown[0]}; only {env} is expanded`);
    if (/(^|\/)(data|metadata)\//.test(secret.path) || /^sys\//.test(secret.path)) {
      invalid(
        `${where}.path "${secret.path}" is not a lease-based engine's path; read KV secrets with vaultSource`,
      );
    }
    if (secret.into?.split('.').some((s) => s === '')) {
      invalid(`${where}.into must be a dotted path like "database", got "${secret.into}"`);
    }
  });
  const reread = options.rereadIntervalMs ?? 300_000;
  if (!(Number.isFinite(reread) && reread > 0))
    invalid(`\`rereadIntervalMs\` must be a number > 0, got ${String(reread)}`);
  return {
    ...normalizeConnection(options, 'vaultDynamicSource'),
    name: options.name ?? `vault-dynamic:${(first as VaultDynamicSecretOptions).path}`,
    secrets,
    revokeOnClose: options.revokeOnClose ?? true,
    revokeTokenOnClose: options.revokeTokenOnClose ?? false,
    rereadIntervalMs: reread,
    optional: options.optional ?? false,
    limits: limitsOf(options, invalid),
  };
}

function limitsOf(options: VaultDynamicSourceOptions, invalid: (message: string) => never): InputLimits {
  try {
    return resolveInputLimits(options.limits);
  } catch (error) {
    return invalid((error as Error).message);
  }
}
