import { SSMClient } from '@aws-sdk/client-ssm';
import {
  type ConfigSource,
  type Disposable,
  type FieldSchema,
  type Layer,
  SourceError,
  type SourceContext,
  type SourceSignals,
} from '@strata/core';
import { type Poller, SourceHealth, startPolling } from '@strata/core/source';
import { clientConfigFromEnv } from './client/client-config-from-env.js';
import { describeChange } from './parameters/describe-change.js';
import { expandEnvironment, prefixOf, resolveName } from './parameters/parameter-path.js';
import { parametersToLayer } from './parameters/parameters-to-layer.js';
import { readParametersByName } from './requests/read-parameters-by-name.js';
import { readParametersByPath } from './requests/read-parameters-by-path.js';
import { type ResolvedSsmOptions, resolveSsmOptions } from './resolve-ssm-options.js';
import type { SsmReadContext } from './requests/send-ssm-request.js';
import type { SsmParameter } from './parameters/ssm-parameter.js';
import type { SsmSourceOptions } from './ssm-source-options.js';

/**
 * A configuration source reading AWS Systems Manager Parameter Store: a whole hierarchy
 * (`GetParametersByPath`) or a list of names (`GetParameters`), with SecureString and StringList support and
 * polling while watched (every `pollIntervalMs`, ±10%, with backoff after failures). `dispose()` stops every
 * poll and destroys the `SSMClient` the source built (never one passed as `client`).
 * `/app/prod/database/pool_size` under `/app/{env}/` becomes `database.pool_size`.
 *
 * @example
 * ssmSource({ path: '/app/{env}/', clientOptions: { region: 'eu-west-1' } })
 */
export function ssmSource(options: SsmSourceOptions): ConfigSource {
  return new SsmParameterSource(resolveSsmOptions(options));
}

/** One complete read of the source. `sequence` orders reads by when they started. */
interface ReadResult {
  readonly parameters: readonly SsmParameter[];
  readonly prefix: string | undefined;
  readonly warnings: readonly string[];
  readonly sequence: number;
}

/** The Parameter Store source behind `ssmSource`. */
class SsmParameterSource implements ConfigSource {
  readonly name: string;
  readonly optional: boolean;
  readonly #options: ResolvedSsmOptions;
  readonly #pollers = new Set<Poller>();
  readonly #health: SourceHealth;
  #client: SSMClient | undefined;
  /** What `load` last returned. */
  #served: ReadResult | undefined;
  /** A poll's fresh read, waiting for the engine's next `load`. */
  #pending: ReadResult | undefined;
  #sequence = 0;
  #disposed = false;

  constructor(options: ResolvedSsmOptions) {
    this.#options = options;
    this.name = options.name;
    this.optional = options.optional;
    this.#client = options.client;
    this.#health = new SourceHealth(options.name);
  }

  /** `aws-ssm /app/production/database/poolSize`: the parameter that would set a field. */
  describe(field: FieldSchema, context: SourceContext): string | undefined {
    const path = this.#options.path;
    if (path === undefined) return undefined;
    const into = this.#options.into;
    if (into.some((segment, i) => field.segments[i] !== segment)) return undefined;
    const base = path.replaceAll('{env}', context.environment).replace(/\/?$/, '/');
    return `aws-ssm ${base}${field.segments.slice(into.length).join('/')}`;
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
        // The engine reports this failure; a later poll that works reports the recovery.
        this.#health.markFailing('poll');
        throw error;
      }
    }
    if (this.#served === undefined || result.sequence >= this.#served.sequence) this.#served = result;
    return parametersToLayer({
      source: this.name,
      parameters: result.parameters,
      prefix: result.prefix,
      into: this.#options.into,
      secureStringsAreSecret: this.#options.secureStringsAreSecret,
      leafAndBranch: this.#options.leafAndBranch,
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
    // A client the user passed in is theirs to destroy; only the one built here is released.
    if (this.#options.client === undefined) this.#client?.destroy();
    this.#client = undefined;
  }

  /** One poll: throws when the read failed (the poller backs off, `SourceHealth` reports); signals a change. */
  async #poll(context: SourceContext, signals: SourceSignals, signal: AbortSignal): Promise<void> {
    let fresh: ReadResult;
    try {
      fresh = await this.#read(context, [signal]);
    } catch (error) {
      // Closing the configuration or disposing the source is not an outage.
      if (context.signal.aborted || this.#disposed) return;
      throw error;
    }
    if (this.#disposed) return;
    this.#health.ok('poll');
    const latest = this.#pending ?? this.#served;
    // A slower poll that started before the latest load must not replace it with older values.
    if (latest !== undefined && fresh.sequence < latest.sequence) return;
    const detail =
      latest === undefined
        ? `${fresh.parameters.length} parameters readable again`
        : describeChange(latest.parameters, fresh.parameters);
    if (detail === undefined) return;
    this.#pending = fresh;
    signals.changed({ source: this.name, detail });
  }

  async #read(context: SourceContext, signals: readonly AbortSignal[]): Promise<ReadResult> {
    const sequence = ++this.#sequence;
    const options = this.#options;
    const read: SsmReadContext = {
      source: this.name,
      client: this.#clientFor(context),
      withDecryption: options.withDecryption,
      timeoutMs: options.requestTimeoutMs,
      signals: [context.signal, ...signals],
    };
    const path =
      options.path === undefined ? undefined : expandEnvironment(options.path, context.environment);
    const prefix = path === undefined ? undefined : prefixOf(path);
    const warnings: string[] = [];

    if (options.names !== undefined) {
      const names = [
        ...new Set(options.names.map((n) => resolveName(expandEnvironment(n, context.environment), path))),
      ];
      const { parameters, invalid } = await readParametersByName(read, names);
      if (invalid.length > 0) {
        const list = invalid.join(', ');
        if (!options.optional) {
          throw new SourceError(
            this.name,
            `GetParameters: parameters not found: ${list}. Create them, fix the names, or set optional: true to go on without them.`,
          );
        }
        warnings.push(`Parameters not found (optional): ${list}`);
      }
      context.logger.debug(`${this.name}: read ${parameters.length} of ${names.length} parameters`);
      return { parameters, prefix, warnings, sequence };
    }

    const hierarchy = path as string;
    const { parameters, pages } = await readParametersByPath(read, {
      path: hierarchy,
      recursive: options.recursive,
      maxPages: options.maxPages,
    });
    if (parameters.length === 0) {
      const scope = options.recursive ? '' : ' (direct children only: recursive is false)';
      warnings.push(`No parameters under ${hierarchy}${scope}: check the path and the environment name`);
    }
    context.logger.debug(
      `${this.name}: read ${parameters.length} parameters under ${hierarchy} in ${pages} pages`,
    );
    return { parameters, prefix, warnings, sequence };
  }

  /**
   * The client: the one passed in, or one built on first use from `clientOptions` and the configuration's
   * environment, with the per-attempt timeout in its request handler (the SDK retries a timed-out attempt).
   */
  #clientFor(context: SourceContext): SSMClient {
    if (this.#client !== undefined) return this.#client;
    const config = clientConfigFromEnv(this.#options.clientOptions, context.env);
    const timeout = this.#options.requestTimeoutMs;
    if (config.requestHandler === undefined && timeout > 0) {
      config.requestHandler = { requestTimeout: timeout, throwOnRequestTimeout: true };
    }
    this.#client = new SSMClient(config);
    return this.#client;
  }
}
