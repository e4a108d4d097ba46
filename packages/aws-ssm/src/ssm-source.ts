import type { ConfigSource, Disposable, SourceContext, SourceSignals } from '@strata/core';
import { resolveSsmOptions } from './resolve-ssm-options.js';
import { SsmParameterSource } from './ssm-config-source.js';
import type { SsmSourceOptions } from './ssm-source-options.js';

/** The source `ssmSource` returns: a {@link ConfigSource} that always polls (unless disabled) and disposes. */
export interface SsmSource extends ConfigSource {
  /** Poll every `pollIntervalMs`; report changes, failures and recoveries. `pollIntervalMs: 0` makes it a no-op. */
  watch(context: SourceContext, signals: SourceSignals): Disposable;
  /** Stop every poll and destroy the `SSMClient` the source built (never one passed as `client`). */
  dispose(): Promise<void>;
}

/**
 * A configuration source reading AWS Systems Manager Parameter Store: a whole hierarchy
 * (`GetParametersByPath`) or a list of names (`GetParameters`), with SecureString and StringList support and
 * polling. `/app/prod/database/pool_size` under `/app/{env}/` becomes `database.pool_size`.
 *
 * @example
 * ssmSource({ path: '/app/{env}/', clientOptions: { region: 'eu-west-1' } })
 */
export function ssmSource(options: SsmSourceOptions): SsmSource {
  return new SsmParameterSource(resolveSsmOptions(options));
}
