import { StrataError } from '@strata/core';
import { type NormalizedConnection, normalizeConnection } from './normalize-connection.js';
import type { VaultKvVersion, VaultSecretOptions, VaultSourceOptions } from './vault-source-options.js';

/** {@link VaultSourceOptions} checked, with every default applied. */
export interface NormalizedVaultOptions extends NormalizedConnection {
  readonly name: string;
  readonly secrets: readonly VaultSecretOptions[];
  readonly kv: VaultKvVersion;
  readonly pollIntervalMs: number;
  readonly optional: boolean;
  readonly secret: boolean;
}

/** Check the options where they are written (a mistake fails at definition, not at the first poll). */
export function normalizeVaultOptions(options: VaultSourceOptions): NormalizedVaultOptions {
  const secrets = options.secrets ?? [];
  const first = secrets[0];
  if (!first) invalid('`secrets` must list at least one secret, e.g. [{ path: "secret/app/{env}" }]');
  secrets.forEach(checkSecret);
  const kv = options.kv ?? 'auto';
  checkKv(kv, '`kv`');
  return {
    ...normalizeConnection(options, 'vaultSource'),
    name: options.name ?? `vault:${first.mount ? `${first.mount}/` : ''}${first.path}`,
    secrets,
    kv,
    pollIntervalMs: count(options.pollIntervalMs, 300_000, '`pollIntervalMs`', 0),
    optional: options.optional ?? false,
    secret: options.secret ?? true,
  };
}
function checkSecret(secret: VaultSecretOptions, index: number): void {
  const where = `secrets[${index}]`;
  if (typeof secret.path !== 'string' || secret.path.replace(/\//g, '') === '') {
    invalid(`${where}.path must name a secret, e.g. "secret/app/{env}"`);
  }
  const unknown = /\{(?!env\})[^}]*\}/.exec(`${secret.mount ?? ''}/${secret.path}`);
  if (unknown) invalid(`${where}.path uses the placeholder ${unknown[0]}; only {env} is expanded`);
  if (secret.version !== undefined && !(Number.isInteger(secret.version) && secret.version > 0)) {
    invalid(`${where}.version must be a positive integer (a KV v2 version), got ${String(secret.version)}`);
  }
  if (secret.kv !== undefined) checkKv(secret.kv, `${where}.kv`);
  if (secret.into?.split('.').some((s) => s === '')) {
    invalid(`${where}.into must be a dotted path like "database", got "${secret.into}"`);
  }
}

function checkKv(kv: unknown, where: string): void {
  if (kv !== 1 && kv !== 2 && kv !== 'auto') invalid(`${where} must be 1, 2 or "auto", got ${String(kv)}`);
}

function count(value: number | undefined, fallback: number, where: string, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < min)
    invalid(`${where} must be a number ≥ ${min}, got ${String(value)}`);
  return value;
}

function invalid(message: string): never {
  throw new StrataError('DEFINITION_INVALID', `vaultSource: ${message}`);
}
