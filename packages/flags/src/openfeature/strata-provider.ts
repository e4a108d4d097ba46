import type { Config, Unsubscribe } from '@strata/core';
import {
  ErrorCode,
  type EvaluationContext,
  type JsonValue,
  OpenFeatureEventEmitter,
  type Provider,
  ProviderEvents,
  type ResolutionDetails,
} from '@openfeature/server-sdk';
import type { FlagEvaluation } from '../models/flag-evaluation.js';
import type { FlagValueType } from '../models/flag-value.js';
import { type Flags, type FlagsOptions, createFlags } from '../services/flags.js';
import { flagsChangedBy } from './flags-changed-by.js';

/** Options of {@link StrataProvider}. */
export interface StrataProviderOptions extends FlagsOptions {
  /**
   * The provider's name in OpenFeature's metadata (and in its logs).
   * @default 'strata'
   */
  readonly name?: string;
}

/**
 * An OpenFeature server provider over a Strata configuration: flag keys are `@Flag` paths
 * (`features.newCheckout`), typed resolution checks the flag's type (`TYPE_MISMATCH` otherwise), an unknown
 * key is `FLAG_NOT_FOUND`, and every applied reload that changes a flag's value or rules emits
 * `PROVIDER_CONFIGURATION_CHANGED` with `flagsChanged` naming those flags.
 *
 * @example
 * ```ts
 * await OpenFeature.setProviderAndWait(new StrataProvider(config));
 * const enabled = await OpenFeature.getClient().getBooleanValue('features.newCheckout', false, { targetingKey });
 * ```
 */
export class StrataProvider implements Provider {
  readonly metadata: { readonly name: string };
  readonly runsOn = 'server' as const;
  /** The provider's events, which the SDK forwards to handlers added with `OpenFeature.addHandler`. */
  readonly events = new OpenFeatureEventEmitter();
  readonly #flags: Flags;
  readonly #stop: Unsubscribe;

  constructor(config: Config, options: StrataProviderOptions = {}) {
    this.metadata = Object.freeze({ name: options.name ?? 'strata' });
    this.#flags = createFlags(config, options);
    const keys = this.#flags.list();
    this.#stop = config.on('changed', (event) => {
      const flagsChanged = flagsChangedBy(keys, event.diff);
      if (flagsChanged.length > 0) this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged });
    });
  }

  /** The `Flags` this provider answers from (for `evaluate`'s rule names and `list`). */
  get flags(): Flags {
    return this.#flags;
  }

  resolveBooleanEvaluation(
    flagKey: string,
    defaultValue: boolean,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<boolean>> {
    return Promise.resolve(this.#resolve(flagKey, defaultValue, context, 'boolean'));
  }

  resolveStringEvaluation(
    flagKey: string,
    defaultValue: string,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<string>> {
    return Promise.resolve(this.#resolve(flagKey, defaultValue, context, 'string'));
  }

  resolveNumberEvaluation(
    flagKey: string,
    defaultValue: number,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<number>> {
    return Promise.resolve(this.#resolve(flagKey, defaultValue, context, 'number'));
  }

  resolveObjectEvaluation<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
    context: EvaluationContext,
  ): Promise<ResolutionDetails<T>> {
    return Promise.resolve(this.#resolve(flagKey, defaultValue, context, 'object'));
  }

  /** Stops following the configuration's changes (the configuration itself stays open: it is the caller's). */
  onClose(): Promise<void> {
    this.#stop();
    return Promise.resolve();
  }

  #resolve<T>(
    flagKey: string,
    defaultValue: T,
    context: EvaluationContext,
    type: FlagValueType,
  ): ResolutionDetails<T> {
    const result = this.#flags.evaluate(flagKey, context);
    if (result.errorCode === 'FLAG_NOT_FOUND') {
      return failure(defaultValue, ErrorCode.FLAG_NOT_FOUND, result.errorMessage);
    }
    const actual = this.#flags.typeOf(flagKey);
    if (actual !== type) {
      return failure(
        defaultValue,
        ErrorCode.TYPE_MISMATCH,
        `${flagKey} is a ${actual} flag, not a ${type} one`,
      );
    }
    return details(result, defaultValue);
  }
}

function details<T>(result: FlagEvaluation, defaultValue: T): ResolutionDetails<T> {
  if (result.errorCode !== undefined) {
    const code =
      result.errorCode === 'TARGETING_KEY_MISSING' ? ErrorCode.TARGETING_KEY_MISSING : ErrorCode.PARSE_ERROR;
    return failure(defaultValue, code, result.errorMessage);
  }
  const resolved: ResolutionDetails<T> = { value: result.value as T, reason: result.reason };
  if (result.variant !== undefined) resolved.variant = result.variant;
  if (result.rule !== undefined) resolved.flagMetadata = { rule: result.rule };
  return resolved;
}

function failure<T>(
  defaultValue: T,
  errorCode: ErrorCode,
  errorMessage: string | undefined,
): ResolutionDetails<T> {
  const resolved: ResolutionDetails<T> = { value: defaultValue, reason: 'ERROR', errorCode };
  if (errorMessage !== undefined) resolved.errorMessage = errorMessage;
  return resolved;
}
