import {
  type ConfigSource,
  type Disposable,
  type FieldSchema,
  type Layer,
  type Logger,
  SourceError,
  StrataError,
  type SourceContext,
  type SourceSignals,
  silentLogger,
} from '@strata/core';
import { SourceHealth } from '@strata/core/source';
import { encodePath, expandSecretPath } from '../kv/secret-path.js';
import { buildVaultLayer } from '../kv/build-vault-layer.js';
import type { ResolvedSecret, SecretRead } from '../kv/kv-reader.js';
import { openVaultConnection, type VaultConnection } from '../vault-connection.js';
import { LeaseKeeper } from './lease-keeper.js';
import { type NormalizedDynamicOptions, normalizeDynamicOptions } from './normalize-dynamic-options.js';
import type { VaultDynamicSourceOptions } from './vault-dynamic-source-options.js';

/**
 * A configuration source for Vault's lease-based engines (database, AWS, RabbitMQ, …): reads
 * `<mount>/creds/<role>`, renews the lease at 2/3 of its TTL (`sys/leases/renew`), obtains new credentials
 * before the max TTL or when a renewal is refused, and delivers them as a normal change (one reload, one
 * `changed` event) so a connection pool can reconnect. Every value is secret. On `dispose()` the leases are
 * revoked (`revokeOnClose`) and, optionally, the login token.
 *
 * @example
 * vaultDynamicSource({
 *   auth: { method: 'kubernetes', role: 'billing' },
 *   secrets: [{ path: 'database/creds/billing', into: 'database' }], // username, password
 * })
 */
export function vaultDynamicSource(options: VaultDynamicSourceOptions): ConfigSource {
  return new VaultDynamicSource(normalizeDynamicOptions(options));
}

class VaultDynamicSource implements ConfigSource {
  readonly name: string;
  readonly optional: boolean;
  readonly #options: NormalizedDynamicOptions;
  readonly #lifetime = new AbortController();
  readonly #health: SourceHealth;
  #connection: VaultConnection | undefined;
  #keepers: (LeaseKeeper | undefined)[];
  #logger: Logger = silentLogger;
  #signals: SourceSignals | undefined;
  #environment = '';
  #disposed = false;

  constructor(options: NormalizedDynamicOptions) {
    this.#options = options;
    this.name = options.name;
    this.optional = options.optional;
    this.#health = new SourceHealth(options.name);
    this.#keepers = options.secrets.map(() => undefined);
  }

  /** `vault database/creds/app#password`. */
  describe(field: FieldSchema, context: SourceContext): string | undefined {
    for (const secret of this.#options.secrets) {
      const into = secret.into ? `${secret.into}.` : '';
      if (!field.path.startsWith(into)) continue;
      return `vault ${expandSecretPath(secret.path, context.environment)}#${field.path.slice(into.length)}`;
    }
    return undefined;
  }

  /**
   * The credentials held now: obtained at the first load, then the same until a rotation (a reload for
   * another source must not mint new database users).
   */
  async load(context: SourceContext): Promise<Layer> {
    if (this.#disposed) throw new SourceError(this.name, 'the source was disposed');
    this.#logger = context.logger;
    this.#health.useLogger(context.logger);
    const connection = this.#connect(context);
    const signal = AbortSignal.any([context.signal, this.#lifetime.signal]);
    const missing = this.#keepers.flatMap((keeper, index) => (keeper ? [] : [index]));
    const settled = await Promise.allSettled(
      missing.map(async (index) => {
        const keeper = await LeaseKeeper.obtain(this.#keeperDeps(index, connection), signal, false);
        this.#keepers[index] = keeper;
        keeper.start();
      }),
    );
    settled.forEach((result, i) => {
      if (result.status === 'rejected') {
        const index = missing[i] as number;
        throw connection.describe(result.reason, `obtaining credentials from ${this.#apiPath(index)}`);
      }
    });
    return this.#layer();
  }

  watch(context: SourceContext, signals: SourceSignals): Disposable {
    this.#logger = context.logger;
    this.#health.useLogger(context.logger);
    this.#health.attach(signals);
    this.#signals = signals;
    return {
      dispose: () => {
        if (this.#signals === signals) {
          this.#signals = undefined;
          this.#health.attach(undefined);
        }
      },
    };
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const keeper of this.#keepers) keeper?.stop();
    const connection = this.#connection;
    if (connection) {
      // The configuration's own signal is aborted by now: revocation gets a deadline of its own.
      const signal = AbortSignal.timeout(this.#options.requestTimeoutMs);
      if (this.#options.revokeOnClose) await this.#revokeLeases(connection, signal);
      await connection.session.close({ revokeToken: this.#options.revokeTokenOnClose, signal });
      connection.client.close();
    }
    this.#lifetime.abort(new SourceError(this.name, 'the source was disposed'));
    this.#health.attach(undefined);
  }

  async #revokeLeases(connection: VaultConnection, signal: AbortSignal): Promise<void> {
    const ids = this.#keepers.flatMap((keeper) => keeper?.liveLeases() ?? []);
    await Promise.all(
      ids.map(async (leaseId) => {
        try {
          await connection.session.call(
            (token) =>
              connection.client.send({
                method: 'PUT',
                path: 'sys/leases/revoke',
                body: { lease_id: leaseId },
                token,
                signal,
                background: true,
              }),
            true,
          );
        } catch (error) {
          this.#logger.warn(
            connection.describe(error, 'revoking a lease at close (sys/leases/revoke)').message,
            {
              source: this.name,
            },
          );
        }
      }),
    );
  }

  #layer(): Layer {
    const reads: SecretRead[] = this.#keepers.map((keeper, index) => {
      const secret = this.#options.secrets[index]!;
      const path = this.#apiPath(index);
      const data = (keeper as LeaseKeeper).grant.data;
      for (const key of secret.keys ?? []) {
        if (!Object.hasOwn(data, key)) {
          throw new SourceError(
            this.name,
            `${path} answered without key "${key}" (it has: ${Object.keys(data).join(', ') || 'no keys'})`,
          );
        }
      }
      const resolved: ResolvedSecret = {
        display: path,
        mount: path.split('/')[0] as string,
        path,
        kv: 1,
        version: undefined,
        into: secret.into === undefined ? [] : secret.into.split('.'),
        keys: secret.keys,
        locator: `${this.#connection?.namespace ? `${this.#connection.namespace.replace(/^\/+|\/+$/g, '')}/` : ''}${path}`,
      };
      return { secret: resolved, data, version: undefined };
    });
    try {
      return buildVaultLayer(this.name, reads, true);
    } catch (error) {
      // An unsafe key is refused as itself (UNSAFE_KEY, naming path and origin), like every source's.
      if (StrataError.is(error, 'UNSAFE_KEY')) throw error;
      throw new SourceError(
        this.name,
        `the credentials hold a key Strata refuses: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
  }

  #apiPath(index: number): string {
    return expandSecretPath(this.#options.secrets[index]!.path, this.#environment);
  }

  #keeperDeps(index: number, connection: VaultConnection): ConstructorParameters<typeof LeaseKeeper>[0] {
    const path = this.#apiPath(index);
    const work = `lease ${path}`;
    return {
      apiPath: encodePath(path),
      client: connection.client,
      session: connection.session,
      clock: this.#options.clock,
      lifetime: this.#lifetime.signal,
      rereadIntervalMs: this.#options.rereadIntervalMs,
      limits: this.#options.limits,
      baseDelayMs: this.#options.baseDelayMs,
      onRotated: (reason) => {
        this.#logger.info(`vault: new credentials from ${path} (${reason})`, { source: this.name });
        this.#signals?.changed({ source: this.name, detail: `${path}: new credentials (${reason})` });
      },
      onFailure: (error) =>
        this.#health.fail(work, connection.describe(error, `keeping the lease of ${path} alive`), true),
      onRecovery: () => this.#health.ok(work),
    };
  }

  #connect(context: SourceContext): VaultConnection {
    this.#environment = context.environment;
    this.#connection ??= openVaultConnection({
      name: this.name,
      options: this.#options,
      context,
      lifetime: this.#lifetime.signal,
      health: this.#health,
      logger: () => this.#logger,
    });
    return this.#connection;
  }
}
