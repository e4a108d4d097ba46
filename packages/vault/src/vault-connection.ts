import { type Logger, SourceError, type SourceContext, type StrataError } from '@strata/core';
import type { SourceHealth } from '@strata/core/source';
import { AuthSession } from './auth/auth-session.js';
import { describeVaultFailure } from './http/describe-vault-failure.js';
import { tlsSettings } from './http/tls-settings.js';
import { VaultClient } from './http/vault-client.js';
import type { NormalizedConnection } from './normalize-connection.js';

/** A client, a token session and a failure describer, for one source. */
export interface VaultConnection {
  readonly client: VaultClient;
  readonly session: AuthSession;
  /** `https://vault.example.com:8200` (origin only). */
  readonly origin: string;
  readonly namespace: string | undefined;
  describe(error: unknown, activity: string): StrataError;
}

/** What {@link openVaultConnection} needs from its source. */
export interface ConnectionHost {
  readonly name: string;
  readonly options: NormalizedConnection;
  readonly context: SourceContext;
  /** Aborted when the source is disposed. */
  readonly lifetime: AbortSignal;
  readonly health: SourceHealth;
  logger(): Logger;
}

/**
 * Resolve the address (option, else `VAULT_AGENT_ADDR`, else `VAULT_ADDR`, as the Vault CLI orders them),
 * the namespace and TLS, and build the client and token session. Throws a {@link SourceError} naming what is
 * missing.
 */
export function openVaultConnection(host: ConnectionHost): VaultConnection {
  const { name, options, context } = host;
  const env = context.env;
  const raw =
    options.address ??
    (env.VAULT_AGENT_ADDR !== undefined && env.VAULT_AGENT_ADDR !== ''
      ? env.VAULT_AGENT_ADDR
      : env.VAULT_ADDR);
  if (raw === undefined || raw.trim() === '') {
    throw new SourceError(
      name,
      'no Vault address: set the address option, VAULT_ADDR, or VAULT_AGENT_ADDR for a Vault Agent (https://vault.example.com:8200)',
    );
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch (error) {
    throw new SourceError(
      name,
      `the Vault address "${raw}" is not a URL (expected https://vault.example.com:8200)`,
      {
        cause: error,
      },
    );
  }
  const address = url.href.replace(/\/+$/, '');
  const namespace = options.namespace ?? (env.VAULT_NAMESPACE || undefined);
  const describe = (error: unknown, activity: string): StrataError =>
    describeVaultFailure(error, { source: name, address: url.origin, namespace, activity });
  const tls = tlsSettings(options.tls, env);
  if (tls?.skipVerify) {
    host
      .logger()
      .warn(
        `vault: TLS certificate verification is OFF for ${url.origin} (tls.skipVerify / VAULT_SKIP_VERIFY): anyone on the network path can impersonate Vault and read the token and every secret. Use it against a development server only; trust the CA with VAULT_CACERT instead.`,
        { source: name },
      );
  }
  const client = new VaultClient({
    address,
    namespace,
    requestTimeoutMs: options.requestTimeoutMs,
    attempts: options.attempts,
    baseDelayMs: options.baseDelayMs,
    maxDelayMs: options.maxDelayMs,
    tls: tls === undefined ? undefined : { settings: tls, cwd: context.cwd },
  });
  const session = new AuthSession({
    source: name,
    client,
    auth: options.auth,
    cwd: context.cwd,
    env,
    lifetime: host.lifetime,
    clock: options.clock,
    describe,
    logger: host.logger,
    onFailure: (error, willRetry) => host.health.fail('auth', error, willRetry),
    onSuccess: () => host.health.ok('auth'),
  });
  return { client, session, origin: url.origin, namespace, describe };
}
