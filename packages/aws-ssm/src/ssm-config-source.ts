import { SSMClient } from '@aws-sdk/client-ssm';
import {
  type Disposable,
  type FieldSchema,
  type Layer,
  SourceError,
  type SourceContext,
  type SourceSignals,
} from '@strata/core';
import { describeChange } from './parameters/describe-change.js';
import { expandEnvironment, prefixOf, resolveName } from './parameters/parameter-path.js';
import { parametersToLayer } from './parameters/parameters-to-layer.js';
import { PollLoop } from './poll-loop.js';
import { readParametersByName } from './requests/read-parameters-by-name.js';
import { readParametersByPath } from './requests/read-parameters-by-path.js';
import type { ResolvedSsmOptions } from './resolve-ssm-options.js';
import type { SsmReadContext } from './requests/send-ssm-request.js';
import type { SsmParameter } from './parameters/ssm-parameter.js';
import type { SsmSource } from './ssm-source.js';

/** One complete read of the source. `sequence` orders reads by when they started. */
interface ReadResult {
  readonly parameters: readonly SsmParameter[];
  readonly prefix: string | undefined;
  readonly warnings: readonly string[];
  readonly sequence: number;
}

/** The Parameter Store source behind `ssmSource`. */
export class SsmParameterSource implements SsmSource {
  readonly name: string;
  readonly optional: boolean;
  readonly #options: ResolvedSsmOptions;
  readonly #loops = new Set<PollLoop>();
  #client: SSMClient | undefined;
  /** What `load` last returned. */
  #served: ReadResult | undefined;
  /** A poll's fresh read, waiting for the engine's next `load`. */
  #pending: ReadResult | undefined;
  #sequence = 0;
  #failing = false;
  #disposed = false;

  constructor(options: ResolvedSsmOptions) {
    this.#options = options;
    this.name = options.name;
    this.optional = options.optional;
    this.#client = options.client;
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
        this.#failing = true;
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
      warnings: result.warnings,
    });
  }

  watch(context: SourceContext, signals: SourceSignals): Disposable {
    if (this.#options.pollIntervalMs === 0 || this.#disposed) return { dispose() {} };
    const loop = new PollLoop({
      intervalMs: this.#options.pollIntervalMs,
      backoff: this.#options.backoff,
      poll: (signal) => this.#poll(context, signals, signal),
    });
    this.#loops.add(loop);
    return {
      dispose: () => {
        loop.dispose();
        this.#loops.delete(loop);
      },
    };
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    for (const loop of this.#loops) loop.dispose();
    this.#loops.clear();
    // A client the user passed in is theirs to destroy; only the one built here is released.
    if (this.#options.client === undefined) this.#client?.destroy();
    this.#client = undefined;
  }

  async #poll(context: SourceContext, signals: SourceSignals, signal: AbortSignal): Promise<boolean> {
    let fresh: ReadResult;
    try {
      fresh = await this.#read(context, [signal]);
    } catch (error) {
      if (signal.aborted || context.signal.aborted || this.#disposed) return true;
      context.logger.debug(`${this.name}: poll failed`, { error: (error as Error).message });
      if (!this.#failing) {
        this.#failing = true;
        signals.failed(error instanceof Error ? error : new Error(String(error)), true);
      }
      return false;
    }
    if (this.#disposed) return true;
    if (this.#failing) {
      this.#failing = false;
      signals.recovered();
    }
    const latest = this.#pending ?? this.#served;
    // A slower poll that started before the latest load must not replace it with older values.
    if (latest !== undefined && fresh.sequence < latest.sequence) return true;
    const detail =
      latest === undefined
        ? `${fresh.parameters.length} parameters readable again`
        : describeChange(latest.parameters, fresh.parameters);
    if (detail === undefined) return true;
    this.#pending = fresh;
    signals.changed({ source: this.name, detail });
    return true;
  }

  async #read(context: SourceContext, signals: readonly AbortSignal[]): Promise<ReadResult> {
    const sequence = ++this.#sequence;
    const options = this.#options;
    const read: SsmReadContext = {
      source: this.name,
      client: this.#clientFor(),
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

  #clientFor(): SSMClient {
    this.#client ??= new SSMClient(this.#options.clientOptions);
    return this.#client;
  }
}
