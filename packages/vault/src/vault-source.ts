import {
  type ConfigSource,
  type Disposable,
  type FieldSchema,
  type Layer,
  type Logger,
  SourceError,
  type SourceContext,
  type SourceSignals,
  type StrataError,
  silentLogger,
} from '@strata/core';
import { type Poller, SourceHealth, startPolling } from '@strata/core/source';
import { buildVaultLayer } from './kv/build-vault-layer.js';
import { type NormalizedVaultOptions, normalizeVaultOptions } from './normalize-vault-options.js';
import { expandSecretPath } from './kv/secret-path.js';
import { changesBetween, type SecretSnapshot, sameSnapshot, snapshotOf } from './kv/secret-snapshot.js';
import type { VaultSourceOptions } from './vault-source-options.js';
import type { AuthSession } from './auth/auth-session.js';
import { KvReader, type ResolvedSecret, type SecretRead } from './kv/kv-reader.js';
import type { VaultClient } from './http/vault-client.js';
import { openVaultConnection } from './vault-connection.js';

/**
 * A configuration source reading HashiCorp Vault KV secrets (v1 and v2) over Node's fetch: token, AppRole,
 * Kubernetes, JWT/OIDC or Vault Agent auth with renewal, custom TLS, a re-read every `pollIntervalMs` while watched, retries with backoff.
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

interface Runtime {
  readonly reader: KvReader;
  readonly session: AuthSession;
  readonly client: VaultClient;
  describe(error: unknown, activity: string): StrataError;
}

/** The Vault source: reads on `load`, polls while watched (core's `startPolling`), keeps its token alive. */
class VaultSource implements ConfigSource {
  readonly name: string;
  readonly optional: boolean;
  readonly #options: NormalizedVaultOptions;
  readonly #lifetime = new AbortController();
  readonly #health: SourceHealth;
  #runtime: Runtime | undefined;
  #logger: Logger = silentLogger;
  #served: SecretSnapshot | undefined;
  #pending: SecretSnapshot | undefined;
  #poller: Poller | undefined;

  constructor(options: NormalizedVaultOptions) {
    this.#options = options;
    this.name = options.name;
    this.optional = options.optional;
    this.#health = new SourceHealth(options.name);
  }

  /** `vault secret/app/production#password`: where in Vault a field would be read from. */
  describe(field: FieldSchema, context: SourceContext): string | undefined {
    for (const secret of this.#options.secrets) {
      const into = secret.into ? `${secret.into}.` : '';
      if (!field.path.startsWith(into)) continue;
      const path = secret.path.replaceAll('{env}', context.environment);
      return `vault ${secret.mount ? `${secret.mount}/` : ''}${path}#${field.path.slice(into.length)}`;
    }
    return undefined;
  }

  async load(context: SourceContext): Promise<Layer> {
    this.#logger = context.logger;
    this.#health.useLogger(context.logger);
    const pending = this.#takePending();
    const snapshot = pending ?? (await this.#readAll(context, false));
    this.#served = snapshot;
    return snapshot.layer;
  }

  watch(context: SourceContext, signals: SourceSignals): Disposable {
    this.#logger = context.logger;
    this.#health.useLogger(context.logger);
    this.#health.attach(signals);
    this.#poller?.dispose();
    const { pollIntervalMs, baseDelayMs } = this.#options;
    const poller =
      pollIntervalMs > 0
        ? startPolling({
            intervalMs: pollIntervalMs,
            // Retries come sooner than the next regular poll, so a short outage is over quickly.
            backoff: { initialDelayMs: baseDelayMs, maxDelayMs: pollIntervalMs },
            poll: (signal) => this.#poll(context, signals, signal),
            onFailure: (error) => this.#health.fail('poll', error, true),
          })
        : undefined;
    this.#poller = poller;
    return {
      dispose: () => {
        poller?.dispose();
        if (this.#poller === poller) {
          this.#poller = undefined;
          this.#health.attach(undefined);
        }
      },
    };
  }

  async dispose(): Promise<void> {
    this.#lifetime.abort(new SourceError(this.name, 'the source was disposed'));
    this.#poller?.dispose();
    this.#poller = undefined;
    this.#runtime?.session.dispose();
    this.#runtime?.client.close();
    this.#health.attach(undefined);
  }

  /** A poll's fresher result, served once instead of reading again, unless older than one interval. */
  #takePending(): SecretSnapshot | undefined {
    const pending = this.#pending;
    this.#pending = undefined;
    if (!pending || Date.now() - pending.readAt > this.#options.pollIntervalMs) return undefined;
    return pending;
  }

  /** One poll: throws when the read failed (the poller backs off and reports); signals a change. */
  async #poll(context: SourceContext, signals: SourceSignals, signal: AbortSignal): Promise<void> {
    let snapshot: SecretSnapshot;
    try {
      snapshot = await this.#readAll(context, true, signal);
    } catch (error) {
      // Closing the configuration is not an outage.
      if (this.#lifetime.signal.aborted || context.signal.aborted) return;
      throw error;
    }
    // Recovered before changed, so listeners hear that the source works before they hear what it says.
    this.#health.ok('poll');
    const served = this.#served;
    if (!served) {
      // Nothing was ever served (an optional source that was down at start-up): the first good read is news.
      const first = this.#pending === undefined;
      this.#pending = snapshot;
      if (first) signals.changed({ source: this.name, detail: 'Vault readable again' });
      return;
    }
    const changes = changesBetween(served, snapshot);
    const alreadySignalled = this.#pending !== undefined && sameSnapshot(this.#pending, snapshot);
    this.#pending = changes.length > 0 ? snapshot : undefined;
    if (changes.length > 0 && !alreadySignalled) {
      signals.changed({ source: this.name, detail: changes.join(', ') });
    }
  }

  async #readAll(context: SourceContext, background: boolean, poll?: AbortSignal): Promise<SecretSnapshot> {
    if (this.#lifetime.signal.aborted) throw new SourceError(this.name, 'the source was disposed');
    const runtime = this.#ensureRuntime(context);
    const signal = AbortSignal.any([context.signal, this.#lifetime.signal, ...(poll ? [poll] : [])]);
    const resolved: ResolvedSecret[] = [];
    for (const options of this.#options.secrets) {
      try {
        resolved.push(await runtime.reader.resolve(options, context.environment, signal, background));
      } catch (error) {
        const path = expandSecretPath(
          `${options.mount ? `${options.mount}/` : ''}${options.path}`,
          context.environment,
        );
        throw runtime.describe(
          error,
          `finding the mount and KV version of ${path} (set kv: 1 or 2 to skip this)`,
        );
      }
    }
    const settled = await Promise.allSettled(resolved.map((s) => runtime.reader.read(s, signal, background)));
    const reads: SecretRead[] = [];
    settled.forEach((result, index) => {
      if (result.status === 'fulfilled') {
        reads.push(result.value);
        return;
      }
      // The first failure in declared order, so the same outage always gives the same message.
      const secret = resolved[index] as ResolvedSecret;
      const at = secret.version === undefined ? '' : ` version ${secret.version}`;
      throw runtime.describe(result.reason, `reading ${secret.display}${at}`);
    });
    let layer: Layer;
    try {
      layer = buildVaultLayer(this.name, reads, this.#options.secret);
    } catch (error) {
      throw new SourceError(this.name, `a secret holds a key Strata refuses: ${(error as Error).message}`, {
        cause: error,
      });
    }
    return snapshotOf(layer, reads);
  }

  #ensureRuntime(context: SourceContext): Runtime {
    if (this.#runtime) return this.#runtime;
    const connection = openVaultConnection({
      name: this.name,
      options: this.#options,
      context,
      lifetime: this.#lifetime.signal,
      health: this.#health,
      logger: () => this.#logger,
    });
    const { client, session, describe, namespace } = connection;
    const reader = new KvReader({ client, session, namespace, defaultKv: this.#options.kv });
    this.#runtime = { reader, session, client, describe };
    return this.#runtime;
  }
}
