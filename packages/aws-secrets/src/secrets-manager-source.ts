import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  type ConfigSource,
  type Disposable,
  type Layer,
  SourceError,
  type SourceContext,
  type SourceSignals,
} from '@strata/core';
import { type Poller, SourceHealth, startPolling } from '@strata/core/source';
import { clientConfigFromEnv } from './client/client-config-from-env.js';
import { readSecretValues } from './requests/read-secret-values.js';
import { readVersionIds } from './requests/read-version-ids.js';
import type { SecretsReadContext } from './requests/send-secrets-request.js';
import { type ResolvedSecretsOptions, resolveSecretsOptions } from './resolve-secrets-options.js';
import type { SecretRequest, SecretValue } from './secrets/resolved-secret.js';
import { secretsToLayer } from './secrets/secrets-to-layer.js';
import type { SecretsManagerSourceOptions } from './secrets-manager-source-options.js';

/**
 * A configuration source reading AWS Secrets Manager: a JSON secret expands into keys, any other text is one
 * key; a stage (`AWSCURRENT` by default, `AWSPREVIOUS`, a custom one) or a pinned version id per secret;
 * `BatchGetSecretValue` for many secrets at `AWSCURRENT`. While watched it polls `DescribeSecret` (version
 * ids only) and re-reads values only when a stage moved to another version, as a rotation does. Every value
 * is marked secret. `dispose()` stops polling and destroys the client it built.
 *
 * @example
 * secretsManagerSource({ secrets: ['app/{env}/database', { id: 'app/{env}/api-key', key: 'api.key' }] })
 */
export function secretsManagerSource(options: SecretsManagerSourceOptions): ConfigSource {
  return new SecretsManagerSource(resolveSecretsOptions(options));
}

/** One complete read: the values, and the version id each secret was read at. */
interface ReadResult {
  readonly values: readonly SecretValue[];
  readonly versions: ReadonlyMap<string, string | undefined>;
  readonly warnings: readonly string[];
  readonly sequence: number;
}

/** The Secrets Manager source behind `secretsManagerSource`. */
class SecretsManagerSource implements ConfigSource {
  readonly name: string;
  readonly optional: boolean;
  readonly #options: ResolvedSecretsOptions;
  readonly #pollers = new Set<Poller>();
  readonly #health: SourceHealth;
  #client: SecretsManagerClient | undefined;
  #served: ReadResult | undefined;
  #pending: ReadResult | undefined;
  #sequence = 0;
  #disposed = false;

  constructor(options: ResolvedSecretsOptions) {
    this.#options = options;
    this.name = options.name;
    this.optional = options.optional;
    this.#client = options.client;
    this.#health = new SourceHealth(options.name);
  }

  async load(context: SourceContext): Promise<Layer> {
    if (this.#disposed)
      throw new SourceError(this.name, 'the source was disposed; create a new one to load again');
    let result = this.#pending;
    this.#pending = undefined;
    if (result === undefined) {
      try {
        result = await this.#read(context, []);
      } catch (error) {
        this.#health.markFailing('poll');
        throw error;
      }
    }
    if (this.#served === undefined || result.sequence >= this.#served.sequence) this.#served = result;
    return secretsToLayer({
      source: this.name,
      values: result.values,
      into: this.#options.into,
      limits: this.#options.limits,
      warnings: result.warnings,
    });
  }

  watch(context: SourceContext, signals: SourceSignals): Disposable {
    if (this.#options.pollIntervalMs === 0 || this.#disposed) return { dispose() {} };
    this.#health.useLogger(context.logger);
    this.#health.attach(signals);
    const poller = startPolling({
      intervalMs: this.#options.pollIntervalMs,
      backoff: this.#options.backoff,
      poll: (signal) => this.#poll(context, signals, signal),
      onFailure: (error) => this.#health.fail('poll', error, true),
    });
    this.#pollers.add(poller);
    return {
      dispose: () => {
        poller.dispose();
        this.#pollers.delete(poller);
      },
    };
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    for (const poller of this.#pollers) poller.dispose();
    this.#pollers.clear();
    this.#health.attach(undefined);
    if (this.#options.client === undefined) this.#client?.destroy();
    this.#client = undefined;
  }

  /** One poll: version ids first (no values); the values only when a stage moved. */
  async #poll(context: SourceContext, signals: SourceSignals, signal: AbortSignal): Promise<void> {
    try {
      const latest = this.#pending ?? this.#served;
      const sequence = this.#sequence;
      if (latest !== undefined) {
        const now = await readVersionIds(this.#context(context, [signal]), this.#requests(context));
        if (this.#disposed) return;
        this.#health.ok('poll');
        const moved = [...now].filter(([id, version]) => latest.versions.get(id) !== version);
        // A load that started meanwhile already has these versions or newer ones.
        if (moved.length === 0 || this.#sequence !== sequence) return;
      }
      const fresh = await this.#read(context, [signal]);
      if (this.#disposed) return;
      this.#health.ok('poll');
      const before = this.#pending ?? this.#served;
      if (before !== undefined && fresh.sequence < before.sequence) return;
      const detail = describeMoves(before?.versions, fresh.versions);
      if (detail === undefined) return;
      this.#pending = fresh;
      signals.changed({ source: this.name, detail });
    } catch (error) {
      if (context.signal.aborted || this.#disposed) return;
      throw error;
    }
  }

  async #read(context: SourceContext, signals: readonly AbortSignal[]): Promise<ReadResult> {
    const sequence = ++this.#sequence;
    const requests = this.#requests(context);
    const { values, missing } = await readSecretValues(
      this.#context(context, signals),
      requests,
      this.#options.batch,
    );
    const warnings: string[] = [];
    if (missing.length > 0) {
      const list = missing.join(', ');
      if (!this.#options.optional) {
        throw new SourceError(
          this.name,
          `secrets not found: ${list}. Create them, fix the names or stages, or set optional: true to go on without them.`,
        );
      }
      warnings.push(`Secrets not found (optional): ${list}`);
    }
    const versions = new Map<string, string | undefined>(requests.map((r) => [r.secretId, undefined]));
    for (const value of values) versions.set(value.request.secretId, value.versionId);
    context.logger.debug(`${this.name}: read ${values.length} of ${requests.length} secrets`);
    return { values, versions, warnings, sequence };
  }

  #requests(context: SourceContext): SecretRequest[] {
    return this.#options.secrets.map((s) => ({
      ...s,
      secretId: s.id.replaceAll('{env}', context.environment),
    }));
  }

  #context(context: SourceContext, signals: readonly AbortSignal[]): SecretsReadContext {
    return {
      source: this.name,
      client: this.#clientFor(context),
      timeoutMs: this.#options.requestTimeoutMs,
      signals: [context.signal, ...signals],
    };
  }

  /** The client passed in, or one built from `clientOptions` and the configuration's environment, with a per-attempt timeout. */
  #clientFor(context: SourceContext): SecretsManagerClient {
    if (this.#client !== undefined) return this.#client;
    const config = clientConfigFromEnv(this.#options.clientOptions, context.env);
    const timeout = this.#options.requestTimeoutMs;
    if (config.requestHandler === undefined && timeout > 0) {
      config.requestHandler = { requestTimeout: timeout, throwOnRequestTimeout: true };
    }
    this.#client = new SecretsManagerClient(config);
    return this.#client;
  }
}

/** `app/db → 1a2b3c4d` for each secret whose version moved; names and version ids only, never a value. */
function describeMoves(
  before: ReadonlyMap<string, string | undefined> | undefined,
  after: ReadonlyMap<string, string | undefined>,
): string | undefined {
  const moves: string[] = [];
  for (const [id, version] of after) {
    if (before?.has(id) && before.get(id) === version) continue;
    moves.push(version === undefined ? `${id} gone` : `${id} → version ${version.slice(0, 8)}`);
  }
  if (moves.length === 0) return undefined;
  return moves.length > 3 ? `${moves.slice(0, 3).join(', ')} and ${moves.length - 3} more` : moves.join(', ');
}
